import { describe, expect, test } from 'vitest';
import { explain, validatePlan } from '../../src/index.js';
import { describePlan } from '../../src/plan/explain.js';
import { executionPlanEventJson, executionPlanJson, MAX_EXECUTION_PLAN_LENGTH } from '../../src/trace/plan-spans.js';

/** The contract's rule written plainly: the full JSON if it fits, else without step details, else totals. */
function largestFormThatFits(plan: ReturnType<typeof explain>): string {
  const full = JSON.stringify(plan);
  if (full.length <= MAX_EXECUTION_PLAN_LENGTH) return full;
  const groups = plan.groups.map(({ index, parallel, stepIds }) => ({ index, parallel, stepIds }));
  const compact = JSON.stringify({ ...plan, groups, truncated: 'steps' });
  if (compact.length <= MAX_EXECUTION_PLAN_LENGTH) return compact;
  const { criticalPath } = plan;
  return JSON.stringify({
    strategy: plan.strategy,
    failurePolicy: plan.failurePolicy,
    maxConcurrency: plan.maxConcurrency,
    totalSteps: plan.totalSteps,
    totalGroups: plan.totalGroups,
    criticalPathLength: criticalPath.length,
    criticalPathEnds: [criticalPath[0], criticalPath.at(-1)],
    truncated: 'groups',
  });
}

function chainInput(steps: number, idLength: number) {
  const id = (n: number) => `s${String(n).padStart(idLength - 1, '0')}`;
  return {
    steps: Array.from({ length: steps }, (_, n) => ({ id: id(n), tool: 't', ...(n > 0 ? { dependsOn: [id(n - 1)] } : {}) })),
  };
}

function chainOf(steps: number, idLength: number) {
  return explain(chainInput(steps, idLength));
}

describe('the execution plan JSON', () => {
  test.each([
    [10, 4, undefined],
    [300, 6, undefined],
    [700, 6, 'steps'],
    [800, 6, 'steps'],
    [3500, 12, 'groups'],
    [5000, 6, 'groups'],
    [20_000, 8, 'groups'],
  ])('is the largest form that fits the cap (%i steps, ids of %i characters)', (steps, idLength, truncated) => {
    const plan = chainOf(steps, idLength);
    const json = executionPlanJson(plan);
    expect(json).toBe(largestFormThatFits(plan));
    expect(json.length).toBeLessThanOrEqual(MAX_EXECUTION_PLAN_LENGTH);
    expect((JSON.parse(json) as { truncated?: string }).truncated).toBe(truncated);
  });

  test.each([
    [10, 4],
    [700, 6],
    [3500, 12],
    [20_000, 8],
  ])("the run's event JSON is the same as from the plan's description, without describing huge plans (%i steps)", (steps, idLength) => {
    const plan = validatePlan(chainInput(steps, idLength));
    for (const maxConcurrency of [null, 1, 4]) {
      expect(executionPlanEventJson(plan, maxConcurrency)).toBe(executionPlanJson(describePlan(plan, maxConcurrency)));
    }
  });

  test('a frozen (prepared) plan gets the same JSON every run, per maxConcurrency', () => {
    const plan = Object.freeze(validatePlan(chainInput(3, 4)));
    const unbounded = executionPlanEventJson(plan, null);
    expect(executionPlanEventJson(plan, null)).toBe(unbounded);
    expect(executionPlanEventJson(plan, 1)).toBe(executionPlanJson(describePlan(plan, 1)));
    expect(executionPlanEventJson(plan, 1)).not.toBe(unbounded);
  });
});
