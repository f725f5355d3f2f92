import { longestChain } from './graph.js';
import { groupRows, layoutOf, type PlanLayout } from './layout.js';
import { type RetryPolicy, resolveRetryPolicy } from './retry-policy.js';
import type { FailurePolicy, PlanInput, Strategy } from './schema.js';
import type { ValidatedPlan, ValidatedStep } from './types.js';
import { checkPlan, type ToolRegistry } from './validate.js';
import type { ParsedStep, StepKeeper } from './well-formed.js';

/** A step as `explain` describes it. */
export interface ExecutionPlanStep {
  id: string;
  tool: string;
  dependsOn: string[];
  /**
   * The groups of the steps it depends on, ascending. A list of none or one group is frozen and
   * shared by the steps of the same description that have the same list.
   */
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
  const checked = checkPlan(plan, options.tools, keepForDescription);
  const { steps, listed, retry } = checked;
  // Described only now, in one go: objects made while the plan is checked would have to live
  // through the scavenges the checks cause (at 100k steps, the largest cost of the call).
  // The listed ids are the plan's step ids, in order, in a list no one else keeps.
  return executionPlan(checked, checked.layout, checked.maxConcurrency, listed.ids, (index, dependsOnGroups) => {
    const kept = steps[index] as ParsedStep | string;
    const id = listed.ids[index] as string;
    const dependsOn = listed.dependsOnOf(index);
    if (typeof kept === 'string')
      return describeStep(id, kept, dependsOn, dependsOnGroups, undefined, undefined, undefined, resolveRetryPolicy(retry, undefined));
    const { inputFrom, timeoutMs, deadlineMs } = kept;
    return describeStep(id, kept.tool, dependsOn, dependsOnGroups, inputFrom, timeoutMs, deadlineMs, resolveRetryPolicy(retry, kept.retry));
  });
}

/**
 * What `explain` keeps of a step until it describes it (its id and dependsOn are listed apart): the
 * tool name alone, unless the step has more to describe.
 */
const keepForDescription: StepKeeper<ParsedStep | string> = (step) =>
  step.inputFrom || step.timeoutMs !== undefined || step.deadlineMs !== undefined || step.retry ? step : step.tool;

/** The execution plan of an already validated plan. */
export function describePlan(plan: ValidatedPlan, maxConcurrency = plan.maxConcurrency): ExecutionPlan {
  const { steps } = plan;
  const stepIds = steps.map((step) => step.id);
  return executionPlan(plan, layoutOf(plan), maxConcurrency, stepIds, (index, dependsOnGroups) => {
    const step = steps[index] as ValidatedStep;
    const { inputFromSource, timeoutMs, deadlineMs } = step;
    return describeStep(
      step.id,
      step.tool,
      step.dependsOn,
      dependsOnGroups,
      inputFromSource ?? undefined,
      timeoutMs ?? undefined,
      deadlineMs ?? undefined,
      step.retry,
    );
  });
}

/**
 * The execution plan of a valid plan's layout; `stepIds` (which it returns as they are) are the
 * ids of its steps, and `describe` gives each step with its dependsOnGroups.
 */
function executionPlan(
  plan: { strategy: Strategy; failurePolicy: FailurePolicy },
  layout: PlanLayout,
  maxConcurrency: number | null,
  stepIds: string[],
  describe: (index: number, dependsOnGroups: number[]) => ExecutionPlanStep,
): ExecutionPlan {
  const { offsets, targets: members } = groupRows(layout);
  const shared = new SharedGroupLists(layout.groupCount);
  const mayOverlap = plan.strategy !== 'serial' && (maxConcurrency === null || maxConcurrency > 1);
  const groups: ExecutionPlanGroup[] = new Array(layout.groupCount);
  for (let group = 0; group < layout.groupCount; group++) {
    const start = offsets[group] as number;
    const size = (offsets[group + 1] as number) - start;
    const groupStepIds: string[] = new Array(size);
    const described: ExecutionPlanStep[] = new Array(size);
    for (let position = 0; position < size; position++) {
      const index = members[start + position] as number;
      const step = describe(index, dependencyGroups(layout, index, shared));
      groupStepIds[position] = step.id;
      described[position] = step;
    }
    groups[group] = { index: group, parallel: mayOverlap && size > 1, stepIds: groupStepIds, steps: described };
  }
  return {
    strategy: plan.strategy,
    failurePolicy: plan.failurePolicy,
    maxConcurrency,
    totalSteps: stepIds.length,
    totalGroups: groups.length,
    stepIds,
    groups,
    criticalPath: criticalPathIn(plan.strategy, layout).map((index) => stepIds[index] ?? ''),
  };
}

function describeStep(
  id: string,
  tool: string,
  dependsOn: string[],
  dependsOnGroups: number[],
  inputFrom: Record<string, string> | undefined,
  timeoutMs: number | undefined,
  deadlineMs: number | undefined,
  retry: Readonly<RetryPolicy>,
): ExecutionPlanStep {
  const described: ExecutionPlanStep = { id, tool, dependsOn, dependsOnGroups };
  if (inputFrom) described.inputFrom = inputFrom;
  if (timeoutMs !== undefined) described.timeoutMs = timeoutMs;
  if (deadlineMs !== undefined) described.deadlineMs = deadlineMs;
  if (retry.attempts > 1) described.retry = retry;
  return described;
}

/**
 * Lists of dependency groups that are shared within one description, frozen: most steps depend on
 * no group or on one, and at 100k steps a list per step is 100k more objects alive through the call.
 */
class SharedGroupLists {
  private readonly single: (number[] | undefined)[];
  readonly none: number[] = Object.freeze([]) as unknown as number[];

  constructor(groupCount: number) {
    this.single = new Array(groupCount);
  }

  /** The list holding only `group`. */
  only(group: number): number[] {
    let list = this.single[group];
    if (!list) {
      list = Object.freeze([group]) as unknown as number[];
      this.single[group] = list;
    }
    return list;
  }
}

/** The distinct groups of a step's dependencies, ascending. */
function dependencyGroups({ dependencies, groupIndexes }: PlanLayout, index: number, shared: SharedGroupLists): number[] {
  const { offsets, targets } = dependencies;
  const start = offsets[index] as number;
  const end = offsets[index + 1] as number;
  if (start === end) return shared.none;
  const first = groupIndexes[targets[start] as number] as number;
  let position = start + 1;
  while (position < end && groupIndexes[targets[position] as number] === first) position++;
  if (position === end) return shared.only(first);
  // Sized up front and sorted in place: push and sort() allocate far more than these short lists hold.
  const groups: number[] = new Array(end - start);
  for (position = 0; position < groups.length; position++) groups[position] = groupIndexes[targets[start + position] as number] as number;
  if (groups.length <= INSERTION_SORT_MAX) insertionSort(groups);
  else groups.sort(ascending);
  let kept = 1;
  for (position = 1; position < groups.length; position++) {
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
  return criticalPathIn(plan.strategy, layoutOf(plan));
}

/**
 * Under dag a step's group is its dependency level, and under parallel every level and group is 0:
 * the groups are the levels {@link longestChain} needs, so the chain needs no walk.
 */
function criticalPathIn(strategy: Strategy, { dependencies, groupIndexes }: PlanLayout): number[] {
  if (strategy === 'serial') return Array.from({ length: groupIndexes.length }, (_, index) => index);
  return longestChain(dependencies, groupIndexes);
}
