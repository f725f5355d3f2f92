/**
 * The tooltrace trace contract: every span name prefix, attribute key, event name and value
 * that tooltrace emits. Documented in docs/semantic-conventions.md; this file is the only place
 * where these strings are spelled.
 */

/**
 * Version of the trace contract that this release emits (docs/semantic-conventions.md, "Changelog").
 * Bumped on every change to a span name, attribute, event or metric.
 */
export const TRACE_CONTRACT_VERSION = 2;

/** Instrumentation scope name used for every tooltrace tracer. */
export const INSTRUMENTATION_SCOPE = '@tooltrace/core';

/** Span name prefix of a pipeline run: `pipeline {pipelineName}`. */
export const SPAN_NAME_PIPELINE = 'pipeline';
/** Span name prefix of a stage: `stage {stageName}`. */
export const SPAN_NAME_STAGE = 'stage';
/** Span name prefix of one `Orchestrator.run`: `orchestrate {strategy}`. */
export const SPAN_NAME_ORCHESTRATE = 'orchestrate';
/**
 * Span name of tooltrace's workflow span (the pipeline, or the orchestrate span of a run outside a
 * pipeline) under `OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental`: `invoke_workflow {name}`.
 */
export const SPAN_NAME_INVOKE_WORKFLOW = 'invoke_workflow';
/** Span name prefix of an execution group: `group {groupIndex}`. */
export const SPAN_NAME_GROUP = 'group';
/** Span name prefix of a step: `execute_tool {toolName}`. */
export const SPAN_NAME_EXECUTE_TOOL = 'execute_tool';

// Pipeline and stage spans.
/** Pipeline and stage spans: the pipeline's name. */
export const ATTR_PIPELINE_NAME = 'tooltrace.pipeline.name';
/** Stage spans: the stage's name. */
export const ATTR_STAGE_NAME = 'tooltrace.stage.name';
/** Stage spans: 0-based position of the stage in its pipeline. */
export const ATTR_STAGE_INDEX = 'tooltrace.stage.index';

// Orchestrate span.
/** Orchestrate, group and step spans: `serial`, `parallel` or `dag` (resolved). */
export const ATTR_STRATEGY = 'tooltrace.strategy';
/** Orchestrate span: number of execution groups. */
export const ATTR_PLAN_TOTAL_GROUPS = 'tooltrace.plan.total_groups';
/** Orchestrate span: number of planned steps. */
export const ATTR_PLAN_TOTAL_STEPS = 'tooltrace.plan.total_steps';
/** Orchestrate span: step ids in plan order (string[]). */
export const ATTR_PLAN_STEP_IDS = 'tooltrace.plan.step_ids';
/** Orchestrate span: `fail-fast` or `continue`. */
export const ATTR_PLAN_FAILURE_POLICY = 'tooltrace.plan.failure_policy';
/** Orchestrate span: the effective concurrency limit; absent when unbounded. */
export const ATTR_PLAN_MAX_CONCURRENCY = 'tooltrace.plan.max_concurrency';
/** Orchestrate and pipeline spans: `ok`, `error` or `cancelled`, set when the run ends. */
export const ATTR_OUTCOME = 'tooltrace.outcome';
/**
 * Orchestrate span, set when the run ends: the measured critical path, step ids first to last — the
 * chain of steps that determined when the run ended (string[]). Absent when no step started.
 */
export const ATTR_CRITICAL_PATH = 'tooltrace.critical_path';
/** Orchestrate span, with `tooltrace.critical_path`: ms from the path's first step start to its last step end. */
export const ATTR_CRITICAL_PATH_MS = 'tooltrace.critical_path_ms';
/** Event on the orchestrate span of a run whose plan failed validation (nothing ran). */
export const EVENT_PLAN_INVALID = 'tooltrace.plan.invalid';
/** Attribute of the plan-invalid event: JSON array of the problems, each `{ path, code, message }` (capped at 64 KiB). */
export const ATTR_PLAN_PROBLEMS = 'tooltrace.plan.problems';
/** Attribute of the plan-invalid event: how many problems the plan has. */
export const ATTR_PLAN_PROBLEM_COUNT = 'tooltrace.plan.problem_count';
/** Event on the orchestrate span carrying the execution plan. */
export const EVENT_EXECUTION_PLAN = 'tooltrace.execution_plan';
/** Attribute of the execution-plan event: JSON of `explain(plan)` (capped at 64 KiB). */
export const ATTR_EXECUTION_PLAN = 'tooltrace.execution_plan';

// Group span.
/** Group and step spans: the execution group (dependency level in `dag`). */
export const ATTR_GROUP_INDEX = 'tooltrace.group_index';
/** Group spans: the group's step ids in plan order (string[]). */
export const ATTR_GROUP_STEP_IDS = 'tooltrace.group.step_ids';
/** Group spans: whether the group's steps may run concurrently. */
export const ATTR_GROUP_PARALLEL = 'tooltrace.group.parallel';

// Step span (execute_tool).
/** Workflow spans (pipeline, or orchestrate outside a pipeline) (GenAI semantic conventions): the workflow's name. */
export const ATTR_GEN_AI_WORKFLOW_NAME = 'gen_ai.workflow.name';
/** Step spans (GenAI semantic conventions): `execute_tool`; workflow spans: `invoke_workflow`. */
export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
/** Step spans (GenAI semantic conventions): the tool's name. */
export const ATTR_GEN_AI_TOOL_NAME = 'gen_ai.tool.name';
/** Step spans (GenAI semantic conventions): always `function`. */
export const ATTR_GEN_AI_TOOL_TYPE = 'gen_ai.tool.type';
/** Step spans (GenAI semantic conventions): the tool's `description`, when it has one. */
export const ATTR_GEN_AI_TOOL_DESCRIPTION = 'gen_ai.tool.description';
/** Step spans (GenAI semantic conventions): the step id. */
export const ATTR_GEN_AI_TOOL_CALL_ID = 'gen_ai.tool.call.id';
/** Step spans, opt-in (`recordIO`): JSON of the validated, redacted input. */
export const ATTR_GEN_AI_TOOL_CALL_ARGUMENTS = 'gen_ai.tool.call.arguments';
/** Step spans, opt-in (`recordIO`): JSON of the validated, redacted output. */
export const ATTR_GEN_AI_TOOL_CALL_RESULT = 'gen_ai.tool.call.result';
/** Failed, timed-out and cancelled step spans (and failed stages): the error class name. */
export const ATTR_ERROR_TYPE = 'error.type';
/** Step spans, and depends_on links: the plan step's id. */
export const ATTR_STEP_ID = 'tooltrace.step.id';
/** Step spans: the tool's name. */
export const ATTR_TOOL_NAME = 'tooltrace.tool.name';
/** Step spans: 0-based start order within the group; absent for steps that never started. */
export const ATTR_EXECUTION_ORDER = 'tooltrace.execution_order';
/** Step spans: the step's `dependsOn` (string[], empty when none). */
export const ATTR_DEPENDS_ON = 'tooltrace.depends_on';
/** Step spans: JSON of the step's `inputFrom` mapping, when present. */
export const ATTR_INPUT_FROM = 'tooltrace.input_from';
/** Step spans: `running` while the step runs, then `ok`, `error`, `timed_out`, `cancelled` or `skipped`. */
export const ATTR_STEP_STATUS = 'tooltrace.step.status';
/** Skipped step spans: `dependency_failed` or `fail_fast`. */
export const ATTR_SKIP_REASON = 'tooltrace.skip_reason';
/** Skipped step spans: id of the step whose failure caused the skip (the root cause). */
export const ATTR_BLOCKED_BY = 'tooltrace.step.blocked_by';
/** Event on skipped step spans, with `tooltrace.skip_reason` and `tooltrace.step.blocked_by`. */
export const EVENT_STEP_SKIPPED = 'tooltrace.step.skipped';
/** Step spans: the step's `timeoutMs`, when set. */
export const ATTR_TIMEOUT_MS = 'tooltrace.step.timeout_ms';
/** Step spans: milliseconds the ready step waited for a concurrency slot, when it waited. */
export const ATTR_QUEUED_MS = 'tooltrace.step.queued_ms';

// Span links from a step to the step spans it depended on.
/** Link attribute on step-to-dependency links. */
export const ATTR_LINK_KIND = 'tooltrace.link.kind';
/** Value of `tooltrace.link.kind` on a link from a step to a step it depended on. */
export const LINK_KIND_DEPENDS_ON = 'depends_on';

/** Value of `gen_ai.operation.name` on workflow spans. */
export const GEN_AI_OPERATION_INVOKE_WORKFLOW = 'invoke_workflow';
/** Value of `gen_ai.operation.name` on step spans. */
export const GEN_AI_OPERATION_EXECUTE_TOOL = 'execute_tool';

// Retries (contract v2).
/** Span name prefix of one try of a step with a retry policy: `attempt {attemptNumber}`, child of the step span. */
export const SPAN_NAME_ATTEMPT = 'attempt';
/** Step spans that may retry: tries of the tool that started, set when the step ends (0 when its input was invalid); absent for steps that never started. */
export const ATTR_STEP_ATTEMPTS = 'tooltrace.step.attempts';
/** Step spans: the retry policy's `attempts`, when it allows more than one. */
export const ATTR_STEP_MAX_ATTEMPTS = 'tooltrace.step.max_attempts';
/** Step spans: the step's `deadlineMs`, when set. */
export const ATTR_STEP_DEADLINE_MS = 'tooltrace.step.deadline_ms';
/** Attempt spans: 1-based number of the try. */
export const ATTR_ATTEMPT_NUMBER = 'tooltrace.attempt.number';
/** Attempt spans: `running`, then `ok`, `error`, `timed_out` or `cancelled`. */
export const ATTR_ATTEMPT_STATUS = 'tooltrace.attempt.status';
/** Attempt spans after the first: the backoff wait (ms) after the previous try failed, jitter included. */
export const ATTR_ATTEMPT_BACKOFF_MS = 'tooltrace.attempt.backoff_ms';
/** Value of `gen_ai.tool.type` on step spans: tooltrace tools are functions with JSON-schema'd input. */
export const GEN_AI_TOOL_TYPE_FUNCTION = 'function';

// Metrics (recorded only when a MeterProvider is registered or given).
/** Histogram (s), GenAI conventions: one per started step; `gen_ai.operation.name`, `gen_ai.tool.name`, `error.type` when it failed. */
export const METRIC_GEN_AI_EXECUTE_TOOL_DURATION = 'gen_ai.execute_tool.duration';
/** Histogram (s), GenAI conventions: one per workflow (pipeline, or run outside one); `gen_ai.operation.name`, `gen_ai.workflow.name`, `error.type`. */
export const METRIC_GEN_AI_INVOKE_WORKFLOW_DURATION = 'gen_ai.invoke_workflow.duration';
/** Counter: planned steps by final status; `tooltrace.step.status`, `gen_ai.tool.name`, `tooltrace.strategy`. */
export const METRIC_STEPS = 'tooltrace.steps';
/** Histogram (s): time a ready step waited for a concurrency slot (steps that waited); `gen_ai.tool.name`, `tooltrace.strategy`. */
export const METRIC_STEP_QUEUE_DURATION = 'tooltrace.step.queue.duration';
/** Histogram (s): duration of one `Orchestrator.run`; `tooltrace.strategy`, `tooltrace.outcome`. */
export const METRIC_RUN_DURATION = 'tooltrace.run.duration';
/** Counter: retries, once per try after the first, when it starts; `gen_ai.tool.name`, `tooltrace.attempt.status` of the try retried (`error` or `timed_out`). */
export const METRIC_STEP_RETRIES = 'tooltrace.step.retries';
