import { defineTool, Orchestrator } from '@tooltrace/core';
import { z } from 'zod';

const ciLookup = defineTool({
  name: 'ci_lookup',
  input: z.object({ query: z.string() }),
  output: z.object({ ci: z.object({ id: z.string() }) }),
  run: async ({ query }) => ({ ci: { id: `ci-${query}` } }),
});
const metricsQuery = defineTool({
  name: 'metrics_query',
  input: z.object({ ciId: z.string(), window: z.enum(['15m', '1h']) }),
  output: z.object({ p99Ms: z.number() }),
  run: async ({ ciId }, { signal }) => ({ p99Ms: signal.aborted ? 0 : ciId.length * 100 }),
});

export const result = await new Orchestrator({ tools: [ciLookup, metricsQuery] }).run({
  steps: [
    { id: 'primary', tool: 'ci_lookup', input: { query: 'web-01' } },
    { id: 'metrics', tool: 'metrics_query', dependsOn: ['primary'], input: { window: '1h' }, inputFrom: { ciId: 'primary.ci.id' } },
  ],
});
console.log(result.steps.map((step) => [step.id, step.status, step.groupIndex])); // [['primary','ok',0],['metrics','ok',1]]
