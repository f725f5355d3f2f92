import { Orchestrator } from '@tooltrace/core';
import { describe, expect, it } from 'vitest';
import { linkGaps, percentile } from './link-latency.js';
import { type RandomDag, sleepingSteps, toPlanInput } from './plans.js';

describe("link-latency's arithmetic", () => {
  it("measures each step's start from the latest end among its dependencies", () => {
    // 0 → 2, 1 → 2, 2 → 3: step 2 waits for step 1 (ends at 12), step 3 for step 2 (ends at 30).
    const deps = [[], [], [0, 1], [2]];
    const starts = [0, 0, 12.5, 31];
    const ends = [10, 12, 30, 40];
    expect(linkGaps(deps, starts, ends)).toEqual([0.5, 1]);
  });

  it('has no gap for steps without dependencies', () => {
    expect(linkGaps([[], []], [0, 0], [1, 1])).toEqual([]);
  });

  it('takes percentiles by nearest rank, NaN for no samples', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(samples, 0.5)).toBe(6);
    expect(percentile(samples, 0.9)).toBe(10);
    expect(percentile(samples, 1)).toBe(10);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('sleepingSteps (the makespan figures and link-latency run them on every side)', () => {
  // A chain: 0 → 1 → 2.
  const dag: RandomDag = {
    plan: { strategy: 'dag', tool: 'work', ids: ['s0', 's1', 's2'], deps: [[], [0], [1]] },
    latency: [5, 10, 5],
  };

  it("records each step's start and end around its sleep, as the engine's tool runs them", async () => {
    const steps = sleepingSteps(dag);
    const result = await new Orchestrator({ tools: [steps.tool] }).run(toPlanInput(dag.plan));
    expect(result.outputs).toEqual({ s0: { n: 0 }, s1: { n: 1 }, s2: { n: 2 } });
    // Timers fire no earlier than asked (less a rounding of performance.now).
    for (const [index, duration] of steps.durations().entries())
      expect(duration).toBeGreaterThanOrEqual((dag.latency[index] as number) - 1);
    expect(steps.starts[1]).toBeGreaterThanOrEqual(steps.ends[0] as number);
    expect(steps.starts[2]).toBeGreaterThanOrEqual(steps.ends[1] as number);
  });

  it('gives 0 as the duration of a step that did not run', async () => {
    const steps = sleepingSteps(dag);
    await steps.run(1);
    expect(steps.durations()[0]).toBe(0);
    expect(steps.durations()[1]).toBeGreaterThanOrEqual(9);
    expect(steps.durations()[2]).toBe(0);
  });
});
