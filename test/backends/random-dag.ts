import { defineTool, type PlanInput, type Tool } from '@tooltrace/core';
import { z } from 'zod';
import { seededRandom } from '../../packages/inspector/test/support/random-dag.js';

export type StepFate = 'ok' | 'error' | 'timed_out';

/**
 * A random DAG of `size` steps: each step depends on up to three earlier ones, most succeed, a few
 * throw (TypeError, s1 always) and one root step never answers within its timeout; `continue` so every step is settled
 * (failed, skipped or ok), a concurrency limit so some steps queue, and `inputFrom` on some edges.
 */
export function randomDag(seed: number, size = 12): { plan: PlanInput; fates: Record<string, StepFate> } {
  const random = seededRandom(seed);
  const fates: Record<string, StepFate> = {};
  const steps = Array.from({ length: size }, (_, index) => {
    const id = `s${index}`;
    const earlier = Array.from({ length: index }, (_, i) => `s${i}`);
    const picked = earlier.filter(() => random() < Math.min(0.35, 2.5 / Math.max(1, index))).slice(0, 3);
    const roll = random();
    // s1 always fails and one root step always times out (a root always runs); others at random.
    const fate: StepFate = index === size - 3 ? 'timed_out' : index === 1 || (roll < 0.15 && index > 0) ? 'error' : 'ok';
    const dependsOn = fate === 'timed_out' ? [] : picked;
    fates[id] = fate;
    const tool = fate === 'timed_out' ? 'hang' : fate === 'error' ? 'explode' : 'work';
    const [first] = dependsOn;
    return {
      id,
      tool,
      dependsOn,
      input: { label: id },
      ...(first !== undefined && random() < 0.5 ? { inputFrom: { upstream: `${first}.value` } } : {}),
      ...(fate === 'timed_out' ? { timeoutMs: 50 } : {}),
    };
  });
  return { plan: { strategy: 'dag', failurePolicy: 'continue', maxConcurrency: 2, steps }, fates };
}

const input = z.object({ label: z.string(), upstream: z.string().optional() });
const output = z.object({ value: z.string() });

export function randomDagTools(): Tool[] {
  return [
    defineTool({ name: 'work', input, output, run: async ({ label }) => ({ value: `${label}-done` }) }),
    defineTool({
      name: 'explode',
      input,
      output,
      run: ({ label }) => {
        throw new TypeError(`${label} exploded`);
      },
    }),
    // Never answers: the step's timeoutMs ends it (timed_out).
    defineTool({
      name: 'hang',
      input,
      output,
      run: (_, ctx) => new Promise<never>((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))),
    }),
  ] as Tool[];
}
