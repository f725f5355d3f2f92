/**
 * Dependency-link latency after an idle wait: on random 30-step DAGs whose tools sleep 20–80 ms (the
 * makespan figure's DAGs), the time from a step's last dependency ending to the step starting, both
 * read inside the tools. Four sides alternate run by run: the engine traced (the SDK, as in the
 * makespan figure), the engine untraced, the hand-written runner emitting the same spans, and p-graph
 * (no spans). Prints each side's median, 90th percentile and mean gap, and its makespan ÷ critical
 * path. Run: `tsc -b && node examples/dist/bench/link-latency.js [rounds]`.
 */
import { pathToFileURL } from 'node:url';
import { Orchestrator } from '@tooltrace/core';
import { type BenchPlan, handWrittenRun } from './baseline.js';
import { median } from './measure.js';
import { criticalPath, pGraphOf, randomDag, sleepingSteps, toPlanInput } from './plans.js';
import { setUpTracing } from './tracing.js';

/** Each step's start minus the latest end among its dependencies (steps without dependencies have none). */
export function linkGaps(deps: BenchPlan['deps'], starts: readonly number[], ends: readonly number[]): number[] {
  const gaps: number[] = [];
  deps.forEach((own, index) => {
    if (own.length === 0) return;
    gaps.push((starts[index] as number) - Math.max(...own.map((dep) => ends[dep] as number)));
  });
  return gaps;
}

/** The sample below which `fraction` of the samples lie (nearest rank). */
export function percentile(samples: readonly number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

type Side = 'engine traced' | 'engine untraced' | 'hand-written traced' | 'p-graph';
const SIDES: readonly Side[] = ['engine traced', 'engine untraced', 'hand-written traced', 'p-graph'];

async function main(rounds: number): Promise<void> {
  const { sdkProvider, noProvider } = setUpTracing();
  const gaps = new Map<Side, number[]>(SIDES.map((side) => [side, []]));
  const ratios = new Map<Side, number[]>(SIDES.map((side) => [side, []]));
  for (let round = 0; round < rounds; round++) {
    const dag = randomDag((round % 4) + 1, 30, 20, 60);
    const sides = round % 2 === 0 ? SIDES : [...SIDES].reverse();
    for (const side of sides) {
      const steps = sleepingSteps(dag);
      let run: () => Promise<unknown>;
      if (side === 'p-graph') {
        const graph = pGraphOf(dag.plan, steps.run);
        run = () => graph.run();
      } else if (side === 'hand-written traced') {
        const tracer = sdkProvider.getTracer('bench');
        run = () => handWrittenRun(tracer, dag.plan, steps.run);
      } else {
        const orchestrator = new Orchestrator({ tools: [steps.tool], tracerProvider: side === 'engine traced' ? sdkProvider : noProvider });
        const prepared = orchestrator.prepare(toPlanInput(dag.plan));
        run = () => orchestrator.run(prepared);
      }
      const start = performance.now();
      await run();
      const makespan = performance.now() - start;
      // The first four rounds warm every side up on every DAG.
      if (round < 4) continue;
      gaps.get(side)?.push(...linkGaps(dag.plan.deps, steps.starts, steps.ends));
      ratios.get(side)?.push(makespan / criticalPath(dag.plan, steps.durations()));
    }
  }
  console.log(`dependency-link latency after an idle wait: 30-step random DAGs, tools sleeping 20–80 ms, ${rounds - 4} rounds per side`);
  for (const side of SIDES) {
    const samples = gaps.get(side) ?? [];
    const mean = samples.reduce((sum, gap) => sum + gap, 0) / samples.length;
    const ratio = ratios.get(side) ?? [];
    console.log(
      `  ${side.padEnd(20)} gap median ${(median(samples) * 1000).toFixed(0).padStart(4)} µs, p90 ${(percentile(samples, 0.9) * 1000).toFixed(0).padStart(5)} µs, mean ${(mean * 1000).toFixed(0).padStart(4)} µs · makespan ÷ critical path median ${median(ratio).toFixed(4)}, worst ${Math.max(...ratio).toFixed(4)}`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(Math.max(5, Number(process.argv[2] ?? 24)));
