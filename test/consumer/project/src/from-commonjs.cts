// What a CommonJS user gets: require() fails saying the package is ESM-only, and the README's
// alternatives work: await import() (typed), and type-only imports with resolution-mode 'import'.
import type { PlanInput } from '@tooltrace/core' with { 'resolution-mode': 'import' };

const specifiers = ['@tooltrace/core', '@tooltrace/testing', '@tooltrace/testing/setup', '@tooltrace/node', '@tooltrace/inspector'];
for (const specifier of specifiers) {
  try {
    require(specifier);
    console.log(`${specifier}: loaded`);
  } catch (error) {
    console.log(`${specifier}: ${(error as NodeJS.ErrnoException).code} ${(error as Error).message}`);
  }
}

async function main(): Promise<void> {
  const { Orchestrator, defineTool } = await import('@tooltrace/core');
  const { z } = await import('zod');
  const echo = defineTool({ name: 'echo', input: z.object({ text: z.string() }), output: z.string(), run: async ({ text }) => text });
  const plan: PlanInput = { steps: [{ id: 'say', tool: 'echo', input: { text: 'hi' } }] };
  const result = await new Orchestrator({ tools: [echo] }).run(plan);
  console.log(`await import(): ${result.steps[0]?.status}`);
}

void main();
