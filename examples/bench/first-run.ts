import { defineTool, Orchestrator } from '@tooltrace/core';
import { z } from 'zod';
import { setUpTracing } from './tracing.js';

/**
 * Run by the bench in a fresh process: the time from the first `run()` call to the first step's
 * start, with an SDK registered as an app would have it (modules loaded, provider built, nothing
 * run yet). Prints wall and CPU milliseconds as JSON (CPU time is what a loaded machine cannot inflate).
 * With `stop-before-run` or `stop-at-first-step` it exits there instead, printing nothing: the
 * instruction counts of the two (bench:instructions) differ by the first run's instructions.
 */

const stop = process.argv[2];

const tracerProvider = setUpTracing().sdkProvider;

let firstStart = 0;
let firstCpu = 0;
const lookup = defineTool({
  name: 'ci_lookup',
  input: z.object({ query: z.string() }),
  output: z.object({ ci: z.object({ id: z.string() }) }),
  run: ({ query }) => {
    if (stop === 'stop-at-first-step') process.exit(0);
    if (!firstStart) {
      firstStart = performance.now();
      const usage = process.cpuUsage(cpuStart);
      firstCpu = (usage.user + usage.system) / 1000;
    }
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

if (stop === 'stop-before-run') process.exit(0);
const cpuStart = process.cpuUsage();
const start = performance.now();
await orchestrator.run({
  steps: [
    { id: 'primary', tool: 'ci_lookup', input: { query: 'web-01' } },
    { id: 'metrics', tool: 'metrics_query', dependsOn: ['primary'], input: { window: '1h' }, inputFrom: { ciId: 'primary.ci.id' } },
    { id: 'slow', tool: 'metrics_query', dependsOn: ['primary'], input: { window: '15m' }, inputFrom: { ciId: 'primary.ci.id' } },
  ],
});
process.stdout.write(JSON.stringify({ firstStepMs: firstStart - start, firstStepCpuMs: firstCpu }));
