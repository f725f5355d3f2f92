import { defineTool, Orchestrator } from '@tooltrace/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { simulatedMakespan, simulatedSchedule } from './limited-simulation.js';
import { criticalPath, growingStepId, LIMITED_DAG_SIZES, limitedDag, pGraphOf, type RandomDag, toPlanInput } from './plans.js';

/** A DAG from dependency lists and latencies. */
function dag(deps: number[][], latency: number[]): RandomDag {
  return { plan: { strategy: 'dag', tool: 'work', ids: deps.map((_, index) => growingStepId(index)), deps }, latency };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('the simulated schedules the bench compares with p-graph', () => {
  it('run every step once: one slot takes the sum of the latencies, unbounded slots the critical path', () => {
    for (const trial of [0, 3, 7]) {
      const subject = limitedDag(trial);
      for (const order of ['engine', 'p-graph'] as const) {
        expect(simulatedMakespan(subject, order, 1)).toBe(sum(subject.latency));
        expect(simulatedMakespan(subject, order, subject.latency.length)).toBe(criticalPath(subject.plan, subject.latency));
      }
    }
  });

  it('never beat the lower bounds under the limit of 4', () => {
    for (const [trial] of LIMITED_DAG_SIZES.entries()) {
      const subject = limitedDag(trial);
      const bound = Math.max(criticalPath(subject.plan, subject.latency), sum(subject.latency) / 4);
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

/** Lets every pending reaction run: the engine and p-graph start the next steps in promise reactions. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs a scheduler on the DAG with a clock the test moves: each started step ends `latency` later,
 * the earliest first (then the first started), and the scheduler reacts before the next one ends.
 */
async function replay(
  { latency }: RandomDag,
  schedule: (runStep: (index: number) => Promise<void>) => Promise<unknown>,
): Promise<{ makespan: number; startOrder: number[] }> {
  const startOrder: number[] = [];
  const running: { end: number; finish: () => void }[] = [];
  let now = 0;
  const runStep = (index: number) =>
    new Promise<void>((finish) => {
      startOrder.push(index);
      running.push({ end: now + (latency[index] ?? 0), finish });
    });
  const done = schedule(runStep);
  await settle();
  while (running.length > 0) {
    running.sort((a, b) => a.end - b.end);
    const next = running.shift() as { end: number; finish: () => void };
    now = next.end;
    next.finish();
    await settle();
  }
  await done;
  return { makespan: now, startOrder };
}

function engine(subject: RandomDag, limit: number) {
  return replay(subject, (runStep) => {
    const step = defineTool({
      name: 'work',
      input: z.object({ n: z.number() }),
      output: z.object({ n: z.number() }),
      run: async ({ n }) => {
        await runStep(n);
        return { n };
      },
    });
    return new Orchestrator({ tools: [step] }).run(toPlanInput(subject.plan), { maxConcurrency: limit });
  });
}

function pGraph(subject: RandomDag, limit: number) {
  return replay(subject, (runStep) => pGraphOf(subject.plan, runStep).run({ concurrency: limit }));
}

describe('the replay matches the real schedulers', () => {
  it('the engine starts steps in the order, and ends at the time, the simulation says', async () => {
    const crafted = dag([[], [], [], [], [1], [4]], [1, 1, 1, 1, 10, 1]);
    expect(await engine(crafted, 2)).toEqual(simulatedSchedule(crafted, 'engine', 2));
    for (const trial of [0, 1, 3]) expect(await engine(limitedDag(trial), 4)).toEqual(simulatedSchedule(limitedDag(trial), 'engine'));
  });

  it('p-graph 2.0 does too', async () => {
    const crafted = dag([[], [], [], [], [1], [4]], [1, 1, 1, 1, 10, 1]);
    expect(await pGraph(crafted, 2)).toEqual(simulatedSchedule(crafted, 'p-graph', 2));
    for (const trial of [0, 1, 3]) expect(await pGraph(limitedDag(trial), 4)).toEqual(simulatedSchedule(limitedDag(trial), 'p-graph'));
  });
});
