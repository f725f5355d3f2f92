import { describe, expect, it } from 'vitest';
import { simulatedMakespan } from './limited-simulation.js';
import { LIMITED_DAG_SIZES, limitedDag, type RandomDag } from './plans.js';

/** A DAG from dependency lists and latencies. */
function dag(deps: number[][], latency: number[]): RandomDag {
  return { plan: { strategy: 'dag', tool: 'work', ids: deps.map((_, index) => `s${index}`), deps }, latency };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Longest chain of latencies: what no scheduler can beat. */
function criticalPath({ plan, latency }: RandomDag): number {
  const finish: number[] = [];
  plan.deps.forEach((own, index) => {
    finish[index] = Math.max(0, ...own.map((dependency) => finish[dependency] ?? 0)) + (latency[index] ?? 0);
  });
  return Math.max(...finish);
}

describe('the simulated schedules the bench compares with p-graph', () => {
  it('run every step once: one slot takes the sum of the latencies, unbounded slots the critical path', () => {
    for (const trial of [0, 3, 7]) {
      const subject = limitedDag(trial);
      for (const order of ['engine', 'p-graph'] as const) {
        expect(simulatedMakespan(subject, order, 1)).toBe(sum(subject.latency));
        expect(simulatedMakespan(subject, order, subject.latency.length)).toBe(criticalPath(subject));
      }
    }
  });

  it('never beat the lower bounds under the limit of 4', () => {
    for (const [trial] of LIMITED_DAG_SIZES.entries()) {
      const subject = limitedDag(trial);
      const bound = Math.max(criticalPath(subject), sum(subject.latency) / 4);
      for (const order of ['engine', 'p-graph'] as const) expect(simulatedMakespan(subject, order)).toBeGreaterThanOrEqual(bound);
    }
  });

  it("follow each scheduler's order: the engine starts the longest chain first, p-graph its heap's order", () => {
    // Two slots; four 1 ms roots, then step 4 (10 ms, after step 1) and step 5 (1 ms, after step 4).
    // The engine starts step 1 (the longest chain) at once and step 4 as soon as it is ready: 12 ms.
    // p-graph's heap hands out 0, then 3 (its last entry moved to the front), then 2, then 1: 13 ms.
    const subject = dag([[], [], [], [], [1], [4]], [1, 1, 1, 1, 10, 1]);
    expect(simulatedMakespan(subject, 'engine', 2)).toBe(12);
    expect(simulatedMakespan(subject, 'p-graph', 2)).toBe(13);
  });
});
