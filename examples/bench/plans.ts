import type { PlanInput } from '@tooltrace/core';
import { defineTool, Orchestrator } from '@tooltrace/core';
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

/** A layered DAG: `width` steps per level, each depending on two steps of the level before. */
export function layered(steps: number, width = 25): BenchPlan {
  const deps: number[][] = [];
  for (let index = 0; index < steps; index++) {
    const previous = index - width - (index % width);
    const column = index % width;
    deps.push(index < width ? [] : [...new Set([previous + column, previous + ((column + 1) % width)])]);
  }
  return { strategy: 'dag', tool: 'work', ids: deps.map((_, index) => `s${index}`), deps };
}

export function parallelPlan(steps: number): BenchPlan {
  return {
    strategy: 'parallel',
    tool: 'work',
    ids: Array.from({ length: steps }, (_, index) => `s${index}`),
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
