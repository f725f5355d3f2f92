import { defineTool, type PlanInput } from '@tooltrace/core';
import { z } from 'zod';

export const ciLookup = defineTool({
  name: 'ci_lookup',
  input: z.object({ query: z.string() }),
  output: z.object({ ci: z.object({ id: z.string() }) }),
  run: async ({ query }) => ({ ci: { id: `ci-${query}` } }),
});

export const metricsQuery = defineTool({
  name: 'metrics_query',
  input: z.object({ ciId: z.string() }),
  output: z.object({ p99Ms: z.number() }),
  run: async ({ ciId }) => ({ p99Ms: ciId.length * 100 }),
});

export const tools = [ciLookup, metricsQuery];

export const plan: PlanInput = {
  strategy: 'dag',
  steps: [
    { id: 'primary', tool: 'ci_lookup', input: { query: 'web-01' } },
    { id: 'metrics', tool: 'metrics_query', dependsOn: ['primary'], inputFrom: { ciId: 'primary.ci.id' } },
  ],
};
