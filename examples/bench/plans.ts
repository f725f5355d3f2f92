import type { PlanInput } from '@tooltrace/core';
import { defineTool, Orchestrator } from '@tooltrace/core';
import { PGraph } from 'p-graph';
import { z } from 'zod';
import { type BenchPlan, handWrittenRun } from './baseline.js';
import { collectingProvider, shapeDifferences, spanShapes } from './shape.js';

/** The bench's plans and tool, and the check that both sides emit the same spans (used by the bench and its test). */

export const noop = async (n: number) => ({ n });
export const work = defineTool({
  name: 'work',
  input: z.object({ n: z.number() }),
  output: z.object({ n: z.number() }),
  run: ({ n }) => noop(n),
});

/**
 * Ids of one length, seven characters at every size up to a million steps, for the validate + explain
 * figures. With `s0` … `s99999` a 100k-step plan's ids are half as long again as a 1k-step plan's, and
 * every check that reads an id costs more per step: counted with cachegrind, validating a 100k-step
 * plan took ~400 more instructions per step than a 1k-step one with those ids, and none more with ids
 * of one length — the ids' length, not the plan's size.
 */
export const stepId = (index: number): string => `s${String(index).padStart(6, '0')}`;

/** Ids that grow with the plan, `s0` … `s99999`: the bench's other plans, and a tracked validate + explain figure. */
export const growingStepId = (index: number): string => `s${index}`;

/** A layered DAG: `width` steps per level, each depending on two steps of the level before. */
export function layered(steps: number, width = 25, idOf = growingStepId): BenchPlan {
  const deps: number[][] = [];
  for (let index = 0; index < steps; index++) {
    const previous = index - width - (index % width);
    const column = index % width;
    deps.push(index < width ? [] : [...new Set([previous + column, previous + ((column + 1) % width)])]);
  }
  return { strategy: 'dag', tool: 'work', ids: deps.map((_, index) => idOf(index)), deps };
}

/** Independent steps. */
export function parallelPlan(steps: number, idOf = growingStepId): BenchPlan {
  return {
    strategy: 'parallel',
    tool: 'work',
    ids: Array.from({ length: steps }, (_, index) => idOf(index)),
    deps: Array.from({ length: steps }, () => []),
  };
}

export function toPlanInput(plan: BenchPlan, extra: Partial<PlanInput> = {}): PlanInput {
  return {
    strategy: plan.strategy,
    ...extra,
    steps: plan.ids.map((id, index) => ({
      id,
      tool: plan.tool,
      input: { n: index },
      ...(plan.strategy === 'dag' ? { dependsOn: (plan.deps[index] ?? []).map((dep) => plan.ids[dep] as string) } : {}),
    })),
  };
}

export const runTool = (index: number) => noop(index);

/**
 * The bench's tool called as the engine calls it, for the untraced baselines: step `index`'s input
 * (one frozen object per step, as a prepared plan holds them) parsed by the tool's input schema, the
 * call, and its output parsed by the output schema — the checks the engine makes around each call.
 */
export function checkedCall(steps: number): (index: number) => Promise<unknown> {
  const inputs = Array.from({ length: steps }, (_, n) => Object.freeze({ n }));
  return (index) => {
    const { n } = work.input.parse(inputs[index]);
    return noop(n).then((output) => work.output.parse(output));
  };
}

/** Differences between the engine's and the hand-written runner's span shapes for one run of `plan` (none when they match). */
export async function sameSpanDifferences(plan: BenchPlan): Promise<{ differences: string[]; spans: number }> {
  const engineSide = collectingProvider();
  await new Orchestrator({ tools: [work], tracerProvider: engineSide.provider }).run(toPlanInput(plan));
  const handSide = collectingProvider();
  await handWrittenRun(handSide.provider.getTracer('bench'), plan, runTool);
  const differences = shapeDifferences(spanShapes(engineSide.processor.ended), spanShapes(handSide.processor.ended));
  if (engineSide.processor.started !== engineSide.processor.ended.length) differences.push('the engine left spans open');
  if (handSide.processor.started !== handSide.processor.ended.length) differences.push('the hand-written runner left spans open');
  return { differences, spans: engineSide.processor.ended.length };
}

/** Deterministic pseudo-random numbers, so runs are comparable. */
export function random(seed: number): () => number {
  let state = Math.imul(seed, 2654435761) >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A random DAG (each step depends on one to three earlier steps) and each step's tool latency in ms. */
export interface RandomDag {
  plan: BenchPlan;
  latency: number[];
}

/**
 * Steps of `dag` that each sleep their latency, recording when they start and end (performance.now
 * ms, read inside the step): what the makespan figures and link-latency.ts run on every side. `tool`
 * runs the same steps as the engine's tool (input and output zod-checked).
 */
export function sleepingSteps(dag: RandomDag): {
  run: (index: number) => Promise<{ n: number }>;
  tool: ReturnType<typeof defineTool>;
  starts: number[];
  ends: number[];
  /** Each step's measured duration (0 for a step that did not run). */
  durations: () => number[];
} {
  const starts = new Array<number>(dag.plan.ids.length).fill(0);
  const ends = new Array<number>(dag.plan.ids.length).fill(0);
  const run = async (index: number) => {
    starts[index] = performance.now();
    await new Promise((resolve) => setTimeout(resolve, dag.latency[index] ?? 0));
    ends[index] = performance.now();
    return { n: index };
  };
  const tool = defineTool({
    name: 'work',
    input: z.object({ n: z.number() }),
    output: z.object({ n: z.number() }),
    run: ({ n }) => run(n),
  });
  return { run, tool, starts, ends, durations: () => starts.map((start, index) => (ends[index] as number) - start) };
}

export function randomDag(seed: number, size: number, minMs: number, spanMs: number): RandomDag {
  const rand = random(seed);
  const deps = Array.from({ length: size }, (_, index) =>
    index === 0 ? [] : [...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => Math.floor(rand() * index)))],
  );
  return {
    plan: { strategy: 'dag', tool: 'work', ids: deps.map((_, index) => growingStepId(index)), deps },
    latency: deps.map(() => minMs + Math.floor(rand() * spanMs)),
  };
}

/**
 * Sizes of the DAGs the bench runs under a concurrency limit of 4 against p-graph: 30, 100, 100 and
 * 300 steps, three times over. Until 2026-12-02 it ran the first four only; both schedulers' makespans
 * move by a few percent with timer lateness, and four random DAGs are too small a sample: simulated
 * with their nominal latencies (limited-simulation.ts), sets of four put the engine at 0.94–1.00× of
 * p-graph's makespan, the first four here at 0.99×, all twelve at 0.97×.
 */
export const LIMITED_DAG_SIZES = [30, 100, 100, 300, 30, 100, 100, 300, 30, 100, 100, 300] as const;

/** The bench's `trial`th DAG under a concurrency limit: 5–19 ms latencies. */
export function limitedDag(trial: number): RandomDag {
  return randomDag(100 + trial, LIMITED_DAG_SIZES[trial] ?? 30, 5, 15);
}

/** Longest chain over the steps' durations (measured or nominal): the best any scheduler could do with them. */
export function criticalPath(plan: BenchPlan, measured: readonly number[]): number {
  const finish: number[] = [];
  plan.deps.forEach((own, index) => {
    finish[index] = Math.max(0, ...own.map((dep) => finish[dep] ?? 0)) + (measured[index] ?? 0);
  });
  return Math.max(...finish);
}

/** The plan as a p-graph graph whose node for step i runs `runStep(i)`; the edges are its dependencies. */
export function pGraphOf(plan: BenchPlan, runStep: (index: number) => Promise<unknown>): PGraph {
  const { ids, deps } = plan;
  const nodes = new Map(ids.map((id, index) => [id, { run: () => runStep(index) }]));
  const edges = deps.flatMap((own, index) => own.map((dependency): [string, string] => [ids[dependency] as string, ids[index] as string]));
  return new PGraph(nodes, edges);
}
