import { explain, type PlanInput } from '@tooltrace/core';
import type { FixtureStep } from '../web/fixtures.js';

/** A small seeded PRNG (mulberry32), so a failing random case can be reproduced from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random DAG plan of `size` steps (each depends on up to three earlier ones, some on none) and
 * fixture steps for it, grouped as the core's planner groups them (`explain`), timed group by group.
 */
export function randomDag(size: number, seed: number): { plan: PlanInput; steps: FixtureStep[]; groups: number } {
  const next = seededRandom(seed);
  const planSteps: PlanInput['steps'] = [];
  for (let index = 0; index < size; index += 1) {
    const dependsOn = new Set<string>();
    if (index > 0 && next() > 0.15) {
      const count = 1 + Math.floor(next() * 3);
      for (let pick = 0; pick < count; pick += 1) dependsOn.add(`s${Math.floor(next() * index)}`);
    }
    planSteps.push({ id: `s${index}`, tool: `tool_${index % 7}`, input: {}, dependsOn: [...dependsOn] });
  }
  const plan: PlanInput = { strategy: 'dag', steps: planSteps };
  const explained = explain(plan);
  const steps: FixtureStep[] = [];
  for (const group of explained.groups) {
    group.stepIds.forEach((id, order) => {
      const planned = planSteps.find((step) => step.id === id);
      const start = group.index * 20 + Math.floor(next() * 5);
      steps.push({
        id,
        tool: planned?.tool ?? id,
        dependsOn: planned?.dependsOn ?? [],
        start,
        end: start + 5 + Math.floor(next() * 10),
        group: group.index,
        executionOrder: order,
      });
    });
  }
  const byPlan = new Map(planSteps.map((step, index) => [step.id, index]));
  steps.sort((a, b) => (byPlan.get(a.id) ?? 0) - (byPlan.get(b.id) ?? 0));
  return { plan, steps, groups: explained.totalGroups };
}
