/**
 * What metrics cost a run when no MeterProvider is registered (the default): the run asks the
 * global provider for a meter once, sees the API's no-op meter and records nothing; each step then
 * pays two null checks. Prints the lookup's cost beside an untraced 1k-step run's, min/median over
 * alternating blocks. Run: `tsc -b && node examples/dist/bench/metrics-cost.js`.
 */
import { createNoopMeter, metrics } from '@opentelemetry/api';
import { defineTool, Orchestrator, type PlanInput, VERSION } from '@tooltrace/core';
import { z } from 'zod';
import { median } from './measure.js';

const echo = defineTool({ name: 'echo', input: z.object({}), output: z.object({}), run: () => ({}) });
const orchestrator = new Orchestrator({ tools: [echo] });
const plan: PlanInput = {
  steps: Array.from({ length: 1000 }, (_, i) => ({ id: `s${i}`, tool: 'echo', ...(i > 0 ? { dependsOn: [`s${i - 1}`] } : {}) })),
};

function lookupNs(calls: number): number {
  let noop = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) if (metrics.getMeterProvider().getMeter('@tooltrace/core', VERSION) === createNoopMeter()) noop++;
  const ns = Number(process.hrtime.bigint() - start) / calls;
  if (noop !== calls) throw new Error('a MeterProvider is registered: this bench measures the default');
  return ns;
}

async function runMs(): Promise<number> {
  const start = process.hrtime.bigint();
  await orchestrator.run(plan);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

for (let i = 0; i < 20; i++) await runMs();
lookupNs(100_000);
const runs: number[] = [];
const lookups: number[] = [];
for (let block = 0; block < 10; block++) {
  for (let i = 0; i < 5; i++) runs.push(await runMs());
  lookups.push(lookupNs(100_000));
}
const run = median(runs);
const lookup = median(lookups);
console.log(`untraced 1k-step dag run: median ${run.toFixed(2)} ms, min ${Math.min(...runs).toFixed(2)} ms (${runs.length} runs)`);
console.log(`meter lookup with no MeterProvider (once per run): median ${lookup.toFixed(0)} ns, min ${Math.min(...lookups).toFixed(0)} ns`);
console.log(`lookup / run: ${((lookup / 1e6 / run) * 100).toFixed(4)} % — nothing is recorded; per step the metrics cost two null checks`);
