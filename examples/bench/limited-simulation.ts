import { geometricMean } from './measure.js';
import { LIMITED_DAG_SIZES, limitedDag, type RandomDag, randomDag } from './plans.js';

/**
 * What the bench's comparison with p-graph under a concurrency limit should read without timer noise:
 * both schedulers' start orders replayed on the DAGs' nominal latencies (no timers, no overhead), as
 * makespan ratios. The engine starts the waiting step with the longest chain of steps still to run
 * (first ready first among equals); p-graph 2.0, given no priorities, keeps every step at priority 0
 * in a binary max-heap, which then returns its first entry and moves its last into its place.
 *
 * Usage: pnpm exec tsc -b && node examples/dist/bench/limited-simulation.js
 */

const LIMIT = 4;

type Order = 'engine' | 'p-graph';

/** The schedule of the DAG's nominal latencies when `order` picks which ready step gets a free slot. */
export function simulatedSchedule({ plan, latency }: RandomDag, order: Order, limit = LIMIT): { makespan: number; startOrder: number[] } {
  const size = plan.deps.length;
  const dependents: number[][] = Array.from({ length: size }, () => []);
  plan.deps.forEach((own, index) => {
    for (const dependency of own) dependents[dependency]?.push(index);
  });
  const chain = new Array<number>(size).fill(1);
  for (let index = size - 1; index >= 0; index--)
    for (const next of dependents[index] ?? []) chain[index] = Math.max(chain[index] ?? 1, 1 + (chain[next] ?? 1));
  const pending = plan.deps.map((own) => own.length);
  const ready: number[] = [];
  for (let index = 0; index < size; index++) if (pending[index] === 0) ready.push(index);
  const take = (): number => {
    if (order === 'p-graph') {
      const first = ready[0] as number;
      const last = ready.pop() as number;
      if (ready.length > 0) ready[0] = last;
      return first;
    }
    let best = 0;
    for (let at = 1; at < ready.length; at++) if ((chain[ready[at] as number] ?? 0) > (chain[ready[best] as number] ?? 0)) best = at;
    return ready.splice(best, 1)[0] as number;
  };
  const running: { index: number; end: number }[] = [];
  const startOrder: number[] = [];
  let now = 0;
  for (let done = 0; done < size; done++) {
    while (running.length < limit && ready.length > 0) {
      const index = take();
      startOrder.push(index);
      running.push({ index, end: now + (latency[index] ?? 0) });
    }
    running.sort((a, b) => a.end - b.end);
    const finished = running.shift() as { index: number; end: number };
    now = finished.end;
    for (const next of dependents[finished.index] ?? []) {
      pending[next] = (pending[next] ?? 1) - 1;
      if (pending[next] === 0) ready.push(next);
    }
  }
  return { makespan: now, startOrder };
}

/** Makespan of the DAG's nominal latencies when `order` picks which ready step gets a free slot. */
export function simulatedMakespan(dag: RandomDag, order: Order, limit = LIMIT): number {
  return simulatedSchedule(dag, order, limit).makespan;
}

const ratio = (dag: RandomDag) => simulatedMakespan(dag, 'engine') / simulatedMakespan(dag, 'p-graph');

if (process.argv[1]?.endsWith('limited-simulation.js')) {
  const bench = LIMITED_DAG_SIZES.map((_, trial) => ratio(limitedDag(trial)));
  console.log(`the bench's DAGs, engine ÷ p-graph each: ${bench.map((value) => value.toFixed(3)).join(' ')}`);
  console.log(
    `geometric mean: first four ${geometricMean(bench.slice(0, 4)).toFixed(3)}, all ${bench.length} ${geometricMean(bench).toFixed(3)}`,
  );
  for (const count of [4, LIMITED_DAG_SIZES.length]) {
    const means: number[] = [];
    for (let set = 0; set < 200; set++) {
      const ratios: number[] = [];
      for (let trial = 0; trial < count; trial++)
        ratios.push(ratio(randomDag(1000 + set * count + trial, LIMITED_DAG_SIZES[trial % 4] ?? 30, 5, 15)));
      means.push(geometricMean(ratios));
    }
    means.sort((a, b) => a - b);
    const at = (share: number) => (means[Math.floor(share * (means.length - 1))] ?? Number.NaN).toFixed(3);
    console.log(
      `200 other sets of ${count}: geometric mean min ${at(0)}, 5th pct ${at(0.05)}, median ${at(0.5)}, 95th pct ${at(0.95)}, max ${at(1)}`,
    );
  }
}
