import { type Attributes, type Link, type Span, SpanStatusCode } from '@opentelemetry/api';
import type { ValidatedPlan, ValidatedStep } from '../plan/types.js';
import * as attr from './attributes.js';
import { safely, spanContextSafely } from './safe-span.js';

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
  return {
    [attr.ATTR_STRATEGY]: plan.strategy,
    [attr.ATTR_GROUP_INDEX]: groupIndex,
    [attr.ATTR_GROUP_STEP_IDS]: (plan.groups[groupIndex] ?? []).map((index) => plan.steps[index]?.id ?? ''),
    [attr.ATTR_GROUP_PARALLEL]: parallel,
  };
}

/** Contract attributes of an `execute_tool {tool}` span, set when it starts. */
export function stepAttributes(plan: ValidatedPlan, step: ValidatedStep, executionOrder: number | null): Attributes {
  const attributes: Attributes = {
    [attr.ATTR_GEN_AI_OPERATION_NAME]: attr.GEN_AI_OPERATION_EXECUTE_TOOL,
    [attr.ATTR_GEN_AI_TOOL_NAME]: step.tool,
    [attr.ATTR_GEN_AI_TOOL_CALL_ID]: step.id,
    [attr.ATTR_STEP_ID]: step.id,
    [attr.ATTR_TOOL_NAME]: step.tool,
    [attr.ATTR_STRATEGY]: plan.strategy,
    [attr.ATTR_GROUP_INDEX]: step.groupIndex,
    [attr.ATTR_DEPENDS_ON]: step.dependsOn,
  };
  if (executionOrder !== null) attributes[attr.ATTR_EXECUTION_ORDER] = executionOrder;
  if (step.inputFromSource) attributes[attr.ATTR_INPUT_FROM] = JSON.stringify(step.inputFromSource);
  if (step.timeoutMs !== null) attributes[attr.ATTR_TIMEOUT_MS] = step.timeoutMs;
  return attributes;
}

/** One link per dependency, to the dependency's step span. */
export function dependencyLinks(plan: ValidatedPlan, step: ValidatedStep, spanOf: (index: number) => Span | undefined): Link[] {
  const links: Link[] = [];
  for (const dep of step.dependencyIndexes) {
    const span = spanOf(dep);
    if (!span) continue;
    links.push({
      context: spanContextSafely(span),
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
