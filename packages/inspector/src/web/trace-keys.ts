import {
  ATTR_BLOCKED_BY,
  ATTR_DEPENDS_ON,
  ATTR_ERROR_TYPE,
  ATTR_EXECUTION_ORDER,
  ATTR_GROUP_INDEX,
  ATTR_GROUP_PARALLEL,
  ATTR_GROUP_STEP_IDS,
  ATTR_LINK_KIND,
  ATTR_OUTCOME,
  ATTR_PIPELINE_NAME,
  ATTR_PLAN_FAILURE_POLICY,
  ATTR_PLAN_MAX_CONCURRENCY,
  ATTR_PLAN_STEP_IDS,
  ATTR_PLAN_TOTAL_STEPS,
  ATTR_QUEUED_MS,
  ATTR_SKIP_REASON,
  ATTR_STAGE_INDEX,
  ATTR_STAGE_NAME,
  ATTR_STEP_ID,
  ATTR_STEP_STATUS,
  ATTR_STRATEGY,
  ATTR_TOOL_NAME,
  LINK_KIND_DEPENDS_ON,
} from '@tooltrace/core';

/**
 * The trace-contract keys the web view reads, taken from `@tooltrace/core`. The browser code cannot
 * import modules, so the page embeds this object and passes it to every function that reads spans.
 */
export const TRACE_KEYS = {
  pipelineName: ATTR_PIPELINE_NAME,
  stageName: ATTR_STAGE_NAME,
  stageIndex: ATTR_STAGE_INDEX,
  strategy: ATTR_STRATEGY,
  outcome: ATTR_OUTCOME,
  planTotalSteps: ATTR_PLAN_TOTAL_STEPS,
  planStepIds: ATTR_PLAN_STEP_IDS,
  planFailurePolicy: ATTR_PLAN_FAILURE_POLICY,
  planMaxConcurrency: ATTR_PLAN_MAX_CONCURRENCY,
  groupIndex: ATTR_GROUP_INDEX,
  groupStepIds: ATTR_GROUP_STEP_IDS,
  groupParallel: ATTR_GROUP_PARALLEL,
  stepId: ATTR_STEP_ID,
  toolName: ATTR_TOOL_NAME,
  executionOrder: ATTR_EXECUTION_ORDER,
  dependsOn: ATTR_DEPENDS_ON,
  stepStatus: ATTR_STEP_STATUS,
  skipReason: ATTR_SKIP_REASON,
  blockedBy: ATTR_BLOCKED_BY,
  queuedMs: ATTR_QUEUED_MS,
  errorType: ATTR_ERROR_TYPE,
  linkKind: ATTR_LINK_KIND,
  linkKindDependsOn: LINK_KIND_DEPENDS_ON,
  // OpenTelemetry semantic conventions (stable), read from resources and exception events.
  serviceName: 'service.name',
  exceptionEvent: 'exception',
  exceptionType: 'exception.type',
  exceptionMessage: 'exception.message',
  exceptionStacktrace: 'exception.stacktrace',
} as const;

/** The shape of {@link TRACE_KEYS}, as the browser code receives it. */
export type TraceKeys = { readonly [K in keyof typeof TRACE_KEYS]: string };
