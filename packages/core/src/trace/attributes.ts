/**
 * The tooltrace trace contract: every span name prefix, attribute key, event name and value
 * that tooltrace emits. Documented in docs/semantic-conventions.md; this file is the only place
 * where these strings are spelled.
 */

/** Instrumentation scope name used for every tooltrace tracer. */
export const INSTRUMENTATION_SCOPE = '@tooltrace/core';

/** Span names are `${prefix} ${detail}`, e.g. `execute_tool ci_lookup`. */
export const SPAN_NAME_PIPELINE = 'pipeline';
export const SPAN_NAME_STAGE = 'stage';
export const SPAN_NAME_ORCHESTRATE = 'orchestrate';
export const SPAN_NAME_GROUP = 'group';
export const SPAN_NAME_EXECUTE_TOOL = 'execute_tool';

// Pipeline and stage spans.
export const ATTR_PIPELINE_NAME = 'tooltrace.pipeline.name';
export const ATTR_STAGE_NAME = 'tooltrace.stage.name';
export const ATTR_STAGE_INDEX = 'tooltrace.stage.index';

// Orchestrate span.
export const ATTR_STRATEGY = 'tooltrace.strategy';
export const ATTR_PLAN_TOTAL_GROUPS = 'tooltrace.plan.total_groups';
export const ATTR_PLAN_TOTAL_STEPS = 'tooltrace.plan.total_steps';
export const ATTR_PLAN_STEP_IDS = 'tooltrace.plan.step_ids';
export const ATTR_PLAN_FAILURE_POLICY = 'tooltrace.plan.failure_policy';
export const ATTR_PLAN_MAX_CONCURRENCY = 'tooltrace.plan.max_concurrency';
export const ATTR_OUTCOME = 'tooltrace.outcome';
/** Name of the event on the orchestrate span, and of its one attribute (JSON of `explain(plan)`). */
export const EVENT_EXECUTION_PLAN = 'tooltrace.execution_plan';
export const ATTR_EXECUTION_PLAN = 'tooltrace.execution_plan';

// Group span.
export const ATTR_GROUP_INDEX = 'tooltrace.group_index';
export const ATTR_GROUP_STEP_IDS = 'tooltrace.group.step_ids';
export const ATTR_GROUP_PARALLEL = 'tooltrace.group.parallel';

// Step span (execute_tool).
export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
export const ATTR_GEN_AI_TOOL_NAME = 'gen_ai.tool.name';
export const ATTR_GEN_AI_TOOL_CALL_ID = 'gen_ai.tool.call.id';
export const ATTR_GEN_AI_TOOL_CALL_ARGUMENTS = 'gen_ai.tool.call.arguments';
export const ATTR_GEN_AI_TOOL_CALL_RESULT = 'gen_ai.tool.call.result';
export const ATTR_ERROR_TYPE = 'error.type';
export const ATTR_STEP_ID = 'tooltrace.step.id';
export const ATTR_TOOL_NAME = 'tooltrace.tool.name';
export const ATTR_EXECUTION_ORDER = 'tooltrace.execution_order';
export const ATTR_DEPENDS_ON = 'tooltrace.depends_on';
export const ATTR_INPUT_FROM = 'tooltrace.input_from';
export const ATTR_STEP_STATUS = 'tooltrace.step.status';
export const ATTR_SKIP_REASON = 'tooltrace.skip_reason';
export const ATTR_BLOCKED_BY = 'tooltrace.step.blocked_by';
export const ATTR_TIMEOUT_MS = 'tooltrace.step.timeout_ms';
export const ATTR_QUEUED_MS = 'tooltrace.step.queued_ms';

// Span links from a step to the step spans it depended on.
export const ATTR_LINK_KIND = 'tooltrace.link.kind';
export const LINK_KIND_DEPENDS_ON = 'depends_on';

/** Value of `gen_ai.operation.name` on step spans. */
export const GEN_AI_OPERATION_EXECUTE_TOOL = 'execute_tool';
