import { type Attributes, type Link, type Span, type SpanContext, SpanStatusCode } from '@opentelemetry/api';
import { criticalPathOf, describePlan, type ExecutionPlan } from '../plan/explain.js';
import type { ValidatedPlan, ValidatedStep } from '../plan/types.js';
import * as attr from './attributes.js';
import { safely } from './safe-span.js';

/** Attributes of the `orchestrate {strategy}` span, known when it starts. */
export function orchestrateAttributes(plan: ValidatedPlan, maxConcurrency: number | null): Attributes {
  return {
    [attr.ATTR_STRATEGY]: plan.strategy,
    [attr.ATTR_PLAN_TOTAL_GROUPS]: plan.groups.length,
    [attr.ATTR_PLAN_TOTAL_STEPS]: plan.steps.length,
    [attr.ATTR_PLAN_STEP_IDS]: plan.steps.map((step) => step.id),
    [attr.ATTR_PLAN_FAILURE_POLICY]: plan.failurePolicy,
    ...(maxConcurrency === null ? {} : { [attr.ATTR_PLAN_MAX_CONCURRENCY]: maxConcurrency }),
  };
}

/** Attributes of a `group {index}` span. */
export function groupAttributes(plan: ValidatedPlan, groupIndex: number, parallel: boolean): Attributes {
  const members = plan.groups[groupIndex] ?? [];
  const stepIds: string[] = new Array(members.length);
  for (let at = 0; at < members.length; at++) stepIds[at] = plan.steps[members[at] as number]?.id ?? '';
  return {
    [attr.ATTR_STRATEGY]: plan.strategy,
    [attr.ATTR_GROUP_INDEX]: groupIndex,
    [attr.ATTR_GROUP_STEP_IDS]: stepIds,
    [attr.ATTR_GROUP_PARALLEL]: parallel,
  };
}

/** Contract attributes of an `execute_tool {tool}` span, set when it starts. */
export function stepAttributes(
  plan: ValidatedPlan,
  step: ValidatedStep,
  executionOrder: number | null,
  queuedMs: number | null,
  toolDescription: string | undefined,
): Attributes {
  const attributes: Attributes = {
    [attr.ATTR_GEN_AI_OPERATION_NAME]: attr.GEN_AI_OPERATION_EXECUTE_TOOL,
    [attr.ATTR_GEN_AI_TOOL_NAME]: step.tool,
    [attr.ATTR_GEN_AI_TOOL_CALL_ID]: step.id,
    [attr.ATTR_STEP_ID]: step.id,
    [attr.ATTR_TOOL_NAME]: step.tool,
    [attr.ATTR_STRATEGY]: plan.strategy,
    [attr.ATTR_GROUP_INDEX]: step.groupIndex,
    // A copy: the SDK copies array values with slice(), slow on a prepared plan's frozen arrays.
    [attr.ATTR_DEPENDS_ON]: [...step.dependsOn],
  };
  if (executionOrder !== null) {
    attributes[attr.ATTR_EXECUTION_ORDER] = executionOrder;
    // Set now so the final value is an overwrite, which no attribute-count limit can drop.
    attributes[attr.ATTR_STEP_STATUS] = 'running';
  }
  if (queuedMs !== null) attributes[attr.ATTR_QUEUED_MS] = queuedMs;
  if (step.inputFromSource) attributes[attr.ATTR_INPUT_FROM] = JSON.stringify(step.inputFromSource);
  if (step.timeoutMs !== null) attributes[attr.ATTR_TIMEOUT_MS] = step.timeoutMs;
  if (step.deadlineMs !== null) attributes[attr.ATTR_STEP_DEADLINE_MS] = step.deadlineMs;
  if (step.retry.attempts > 1) attributes[attr.ATTR_STEP_MAX_ATTEMPTS] = step.retry.attempts;
  // GenAI descriptors go last: under a tight attribute-count limit they are dropped before the contract's.
  attributes[attr.ATTR_GEN_AI_TOOL_TYPE] = attr.GEN_AI_TOOL_TYPE_FUNCTION;
  if (toolDescription) attributes[attr.ATTR_GEN_AI_TOOL_DESCRIPTION] = toolDescription;
  return attributes;
}

/** One link per dependency, to the dependency's step span. */
export function dependencyLinks(
  plan: ValidatedPlan,
  step: ValidatedStep,
  spanContextOf: (index: number) => SpanContext | undefined,
): Link[] {
  const links: Link[] = [];
  const dependencies = step.dependencyIndexes;
  for (let at = 0; at < dependencies.length; at++) {
    const dep = dependencies[at] as number;
    const spanContext = spanContextOf(dep);
    if (!spanContext) continue;
    links.push({
      context: spanContext,
      attributes: { [attr.ATTR_LINK_KIND]: attr.LINK_KIND_DEPENDS_ON, [attr.ATTR_STEP_ID]: plan.steps[dep]?.id ?? '' },
    });
  }
  return links;
}

/** Marks a span as failed: exception event, ERROR status, `error.type`. */
export function recordFailure(span: Span, error: Error, time: number, setErrorStatus = true): void {
  safely(() => {
    span.recordException(error, time);
    span.setAttribute(attr.ATTR_ERROR_TYPE, errorType(error));
    if (setErrorStatus) span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
  });
}

/** The error's class name: its `name`, or its constructor's for subclasses that keep the default `Error` name. */
export function errorType(error: Error): string {
  const constructorName = error.constructor?.name;
  if (error.name === 'Error' && constructorName && constructorName !== 'Error') return constructorName;
  return error.name || constructorName || 'Error';
}

/** Largest `tooltrace.execution_plan` JSON recorded; bigger plans are recorded in a compact form. */
export const MAX_EXECUTION_PLAN_LENGTH = 65_536;

/**
 * JSON of the execution plan for the orchestrate span's event, within {@link MAX_EXECUTION_PLAN_LENGTH}:
 * in full when it fits, else without per-step details, else totals and the critical path's ends only.
 */
export function executionPlanJson(plan: ExecutionPlan): string {
  // Every step id is quoted in stepIds and in its group's stepIds (and in full, once more as its
  // step's "id"): a form whose ids alone exceed the cap is never built — a 10k-step plan's full
  // JSON is about 1 MB. The output is the same; only doomed attempts are skipped.
  let quotedIds = 0;
  for (const id of plan.stepIds) quotedIds += id.length + 2;
  if (3 * quotedIds <= MAX_EXECUTION_PLAN_LENGTH) {
    const full = JSON.stringify(plan);
    if (full.length <= MAX_EXECUTION_PLAN_LENGTH) return full;
  }
  if (2 * quotedIds <= MAX_EXECUTION_PLAN_LENGTH) {
    const groups = plan.groups.map(({ index, parallel, stepIds }) => ({ index, parallel, stepIds }));
    const compact = JSON.stringify({ ...plan, groups, truncated: 'steps' });
    if (compact.length <= MAX_EXECUTION_PLAN_LENGTH) return compact;
  }
  return minimalPlanJson(plan, plan.criticalPath);
}

/** The smallest form: totals and the critical path's ends. */
function minimalPlanJson(
  plan: Pick<ExecutionPlan, 'strategy' | 'failurePolicy' | 'maxConcurrency' | 'totalSteps' | 'totalGroups'>,
  criticalPath: readonly string[],
): string {
  const { strategy, failurePolicy, maxConcurrency, totalSteps, totalGroups } = plan;
  return JSON.stringify({
    strategy,
    failurePolicy,
    maxConcurrency,
    totalSteps,
    totalGroups,
    criticalPathLength: criticalPath.length,
    criticalPathEnds: [criticalPath[0], criticalPath.at(-1)],
    truncated: 'groups',
  });
}

/** Event JSON of prepared (frozen) plans, by maxConcurrency: the same for every run of the plan. */
const preparedPlanJson = new WeakMap<ValidatedPlan, Map<number | null, string>>();

/**
 * {@link executionPlanJson} of `explain(plan)` as run with `maxConcurrency`. A plan whose step ids
 * alone exceed the cap is not described at all (at 10k steps that is about 1 MB of objects, only to
 * keep its totals); a frozen (prepared) plan's JSON is computed once.
 */
export function executionPlanEventJson(plan: ValidatedPlan, maxConcurrency: number | null): string {
  const cached = preparedPlanJson.get(plan)?.get(maxConcurrency);
  if (cached !== undefined) return cached;
  let quotedIds = 0;
  for (const step of plan.steps) quotedIds += step.id.length + 2;
  const json =
    2 * quotedIds <= MAX_EXECUTION_PLAN_LENGTH
      ? executionPlanJson(describePlan(plan, maxConcurrency))
      : minimalPlanJson(
          {
            strategy: plan.strategy,
            failurePolicy: plan.failurePolicy,
            maxConcurrency,
            totalSteps: plan.steps.length,
            totalGroups: plan.groups.length,
          },
          criticalPathOf(plan).map((index) => plan.steps[index]?.id ?? ''),
        );
  if (Object.isFrozen(plan)) {
    let byLimit = preparedPlanJson.get(plan);
    if (!byLimit) {
      byLimit = new Map();
      preparedPlanJson.set(plan, byLimit);
    }
    byLimit.set(maxConcurrency, json);
  }
  return json;
}
