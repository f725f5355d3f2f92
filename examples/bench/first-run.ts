import { defineTool, Orchestrator } from '@tooltrace/core';
import { z } from 'zod';
import { firstStepStarts, reportWindow, windowOpens } from './first-run-window.js';
import { setUpTracing } from './tracing.js';

/**
 * Run by the bench in a fresh process: the time from the first `run()` call to the first step's
 * start, with an SDK registered as an app would have it (modules loaded, provider built, nothing
 * run yet). first-run-hand-written.ts measures the same window for the hand-written runner.
 */

const tracerProvider = setUpTracing().sdkProvider;

const lookup = defineTool({
  name: 'ci_lookup',
  input: z.object({ query: z.string() }),
  output: z.object({ ci: z.object({ id: z.string() }) }),
  run: ({ query }) => {
    firstStepStarts();
    return { ci: { id: `ci-${query}` } };
  },
});
const metrics = defineTool({
  name: 'metrics_query',
  input: z.object({ ciId: z.string(), window: z.enum(['15m', '1h']) }),
  output: z.object({ p99Ms: z.number() }),
  run: ({ ciId }) => ({ p99Ms: ciId.length }),
});
const orchestrator = new Orchestrator({ tools: [lookup, metrics], tracerProvider });

windowOpens();
await orchestrator.run({
  steps: [
    { id: 'primary', tool: 'ci_lookup', input: { query: 'web-01' } },
    { id: 'metrics', tool: 'metrics_query', dependsOn: ['primary'], input: { window: '1h' }, inputFrom: { ciId: 'primary.ci.id' } },
    { id: 'slow', tool: 'metrics_query', dependsOn: ['primary'], input: { window: '15m' }, inputFrom: { ciId: 'primary.ci.id' } },
  ],
});
reportWindow();
