import { longestChain } from './graph.js';
import type { RetryPolicy } from './retry-policy.js';
import type { FailurePolicy, PlanInput, Strategy } from './schema.js';
import type { ValidatedPlan, ValidatedStep } from './types.js';
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
  const groups = plan.groups.map((members, index): ExecutionPlanGroup => {
    const stepIds: string[] = new Array(members.length);
    const described: ExecutionPlanStep[] = new Array(members.length);
    for (let position = 0; position < members.length; position++) {
      const step = steps[members[position] as number];
      if (!step) throw new Error(`internal: group ${index} names a missing step`);
      stepIds[position] = step.id;
      described[position] = describeStep(step, steps);
    }
    return { index, parallel: mayOverlap && members.length > 1, stepIds, steps: described };
  });
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

function describeStep(step: ValidatedStep, steps: readonly ValidatedStep[]): ExecutionPlanStep {
  const described: ExecutionPlanStep = {
    id: step.id,
    tool: step.tool,
    dependsOn: step.dependsOn,
    dependsOnGroups: dependencyGroups(step, steps),
  };
  if (step.inputFromSource) described.inputFrom = step.inputFromSource;
  if (step.timeoutMs !== null) described.timeoutMs = step.timeoutMs;
  if (step.deadlineMs !== null) described.deadlineMs = step.deadlineMs;
  if (step.retry.attempts > 1) described.retry = step.retry;
  return described;
}

/** The distinct groups of a step's dependencies, ascending. */
function dependencyGroups(step: ValidatedStep, steps: readonly ValidatedStep[]): number[] {
  const deps = step.dependencyIndexes;
  // Sized up front and sorted in place: push and sort() allocate far more than these short lists hold.
  const groups: number[] = new Array(deps.length);
  for (let position = 0; position < deps.length; position++) groups[position] = steps[deps[position] as number]?.groupIndex ?? 0;
  if (groups.length < 2) return groups;
  if (groups.length <= INSERTION_SORT_MAX) insertionSort(groups);
  else groups.sort(ascending);
  let kept = 1;
  for (let position = 1; position < groups.length; position++) {
    if (groups[position] !== groups[kept - 1]) groups[kept++] = groups[position] as number;
  }
  groups.length = kept;
  return groups;
}

const ascending = (a: number, b: number) => a - b;
const INSERTION_SORT_MAX = 16;

function insertionSort(items: number[]): void {
  for (let position = 1; position < items.length; position++) {
    const item = items[position] as number;
    let target = position - 1;
    while (target >= 0 && (items[target] as number) > item) {
      items[target + 1] = items[target] as number;
      target--;
    }
    items[target + 1] = item;
  }
}

/** Step indexes of the longest dependency chain, root first (every step, in order, under serial). */
export function criticalPathOf(plan: ValidatedPlan): number[] {
  if (plan.strategy === 'serial') return plan.steps.map((step) => step.index);
  if (plan.strategy === 'dag') return longestDagChain(plan.steps);
  return longestChain(plan.steps.map((step) => step.dependencyIndexes));
}

/**
 * {@link longestChain} of a dag plan, read from its steps: a step's group is its dependency level,
 * so the chain needs no walk, and no 100k-long copies of the levels and dependency lists.
 */
function longestDagChain(steps: readonly ValidatedStep[]): number[] {
  if (steps.length === 0) return [];
  let end = 0;
  let endLevel = (steps[0] as ValidatedStep).groupIndex;
  for (let index = 1; index < steps.length; index++) {
    const level = (steps[index] as ValidatedStep).groupIndex;
    if (level > endLevel) {
      end = index;
      endLevel = level;
    }
  }
  // Levels are exact, so the chain ending at `end` has endLevel + 1 steps.
  const chain: number[] = new Array(endLevel + 1);
  let current = end;
  for (let position = endLevel; position > 0; position--) {
    chain[position] = current;
    const deps = (steps[current] as ValidatedStep).dependencyIndexes;
    let best = -1;
    for (let at = 0; at < deps.length; at++) {
      const dep = deps[at] as number;
      const level = (steps[dep] as ValidatedStep).groupIndex;
      if (
        best === -1 ||
        level > (steps[best] as ValidatedStep).groupIndex ||
        (level === (steps[best] as ValidatedStep).groupIndex && dep < best)
      )
        best = dep;
    }
    current = best;
  }
  chain[0] = current;
  return chain;
}
