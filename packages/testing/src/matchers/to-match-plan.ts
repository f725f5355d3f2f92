import { type ExecutionPlan, explain, type PlanInput } from '@tooltrace/core';
import type { MatcherState } from 'vitest';
import { checkPlanTrace, type PlanExpectations } from '../plan/check-plan.js';
import { treeSection } from './messages.js';
import { resolveSubject } from './subject.js';
import type { SpanMatcherResult } from './types.js';

function isExecutionPlan(plan: PlanInput | ExecutionPlan): plan is ExecutionPlan {
  const candidate = plan as Partial<ExecutionPlan>;
  return Array.isArray(candidate.groups) && Array.isArray(candidate.stepIds) && typeof candidate.totalSteps === 'number';
}

function outline(plan: ExecutionPlan): string {
  const groups = plan.groups.map(
    (group) =>
      `  group ${group.index}: ${group.steps.map((step) => (step.dependsOn.length ? `${step.id} (after ${step.dependsOn.join(', ')})` : step.id)).join(', ')}`,
  );
  return `Plan (${plan.strategy}):\n${groups.join('\n')}`;
}

/** `expect(spans).toMatchPlan(plan, { attempts? })`: the plan as written, or `explain(plan)`. */
export function toMatchPlan(
  this: MatcherState,
  received: unknown,
  plan: PlanInput | ExecutionPlan,
  expected: PlanExpectations = {},
): SpanMatcherResult {
  const subject = resolveSubject(received, 'toMatchPlan');
  const explained = isExecutionPlan(plan) ? plan : explain(plan);
  const { problems, runs } = checkPlanTrace(subject.tree.nodes, explained, expected);
  if (problems.length === 0) {
    return {
      pass: true,
      message: () => `Expected the trace not to match the plan, but its ${runs.length} run(s) of it do.\n\n${outline(explained)}`,
    };
  }
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return {
    pass: false,
    message: () =>
      `The trace does not match the plan (${problems.length} ${noun}):\n${problems.map((problem) => `  - ${problem}`).join('\n')}\n\n${outline(explained)}${treeSection(subject)}`,
  };
}
