import { longestChain } from './graph.js';
import type { RetryPolicy } from './retry-policy.js';
import type { FailurePolicy, PlanInput, Strategy } from './schema.js';
import type { ValidatedPlan } from './types.js';
import { type ToolRegistry, validatePlan } from './validate.js';

/** A step as `explain` describes it. */
export interface ExecutionPlanStep {
  id: string;
  tool: string;
  dependsOn: string[];
  /** The groups of the steps it depends on, ascending. */
  dependsOnGroups: number[];
  inputFrom?: Record<string, string>;
  /** Bound on one try, when set. */
  timeoutMs?: number;
  /** Bound on the whole step (every try and wait), when set. */
  deadlineMs?: number;
  /** The effective retry policy, when the step may be tried more than once. */
  retry?: Readonly<RetryPolicy>;
}

/** An execution group as `explain` describes it. */
export interface ExecutionPlanGroup {
  index: number;
  /** Whether the group's steps may run concurrently. */
  parallel: boolean;
  stepIds: string[];
  steps: ExecutionPlanStep[];
}

/** What a plan will do, computed without running anything. */
export interface ExecutionPlan {
  strategy: Strategy;
  failurePolicy: FailurePolicy;
  /** null when unbounded. */
  maxConcurrency: number | null;
  totalSteps: number;
  totalGroups: number;
  stepIds: string[];
  groups: ExecutionPlanGroup[];
  /** The longest dependency chain, root first. */
  criticalPath: string[];
}

/**
 * Validates a plan (throwing {@link PlanValidationError}) and returns its execution plan: strategy,
 * groups, totals and critical path. Nothing runs.
 *
 * @example
 * explain({ steps: [{ id: 'a', tool: 't' }, { id: 'b', tool: 't', dependsOn: ['a'] }] }).criticalPath
 * // ['a', 'b']
 */
export function explain(plan: PlanInput, options: { tools?: ToolRegistry } = {}): ExecutionPlan {
  return describePlan(validatePlan(plan, options.tools));
}

/** The execution plan of an already validated plan. */
export function describePlan(plan: ValidatedPlan, maxConcurrency = plan.maxConcurrency): ExecutionPlan {
  const { steps } = plan;
  const mayOverlap = plan.strategy !== 'serial' && (maxConcurrency === null || maxConcurrency > 1);
  const groups = plan.groups.map(
    (members, index): ExecutionPlanGroup => ({
      index,
      parallel: mayOverlap && members.length > 1,
      stepIds: members.map((member) => steps[member]?.id ?? ''),
      steps: members.map((member) => {
        const step = steps[member];
        if (!step) throw new Error(`internal: group ${index} names a missing step`);
        const dependsOnGroups = [...new Set(step.dependencyIndexes.map((dep) => steps[dep]?.groupIndex ?? 0))].sort((a, b) => a - b);
        const described: ExecutionPlanStep = { id: step.id, tool: step.tool, dependsOn: step.dependsOn, dependsOnGroups };
        if (step.inputFromSource) described.inputFrom = step.inputFromSource;
        if (step.timeoutMs !== null) described.timeoutMs = step.timeoutMs;
        if (step.deadlineMs !== null) described.deadlineMs = step.deadlineMs;
        if (step.retry.attempts > 1) described.retry = step.retry;
        return described;
      }),
    }),
  );
  return {
    strategy: plan.strategy,
    failurePolicy: plan.failurePolicy,
    maxConcurrency,
    totalSteps: steps.length,
    totalGroups: groups.length,
    stepIds: steps.map((step) => step.id),
    groups,
    criticalPath: criticalPathOf(plan).map((index) => steps[index]?.id ?? ''),
  };
}

function criticalPathOf(plan: ValidatedPlan): number[] {
  if (plan.strategy === 'serial') return plan.steps.map((step) => step.index);
  return longestChain(plan.steps.map((step) => step.dependencyIndexes));
}
