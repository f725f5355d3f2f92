// Plans: schema, validation, explanation.
export { PlanSchema, PlanStepSchema, STRATEGIES, FAILURE_POLICIES, planJsonSchema } from './plan/schema.js';
export type { PlanInput, PlanStepInput, Strategy, FailurePolicy } from './plan/schema.js';
export { PlanValidationError } from './plan/errors.js';
export type { PlanIssue, PlanIssueCode } from './plan/errors.js';
export { validatePlan } from './plan/validate.js';
export type { ToolRegistry } from './plan/validate.js';
export type { ValidatedPlan, ValidatedStep, InputMapping } from './plan/types.js';
export type { InputPath } from './plan/input-path.js';
export { explain } from './plan/explain.js';
export { RetryPolicySchema, DEFAULT_RETRY_POLICY } from './plan/retry-policy.js';
export type { RetryPolicy, RetryPolicyInput } from './plan/retry-policy.js';
export type { ExecutionPlan, ExecutionPlanGroup, ExecutionPlanStep } from './plan/explain.js';

// Tools.
export { defineTool } from './tools/define-tool.js';
export type { Tool, ToolContext, ToolDefinition, AnyTool } from './tools/define-tool.js';
export {
  StepError,
  ToolInputValidationError,
  ToolOutputValidationError,
  InputMappingError,
  StepTimeoutError,
  StepCancelledError,
  NonRetryableError,
} from './tools/errors.js';
export type { ToolIoIssue } from './tools/errors.js';

// Running.
export { Orchestrator } from './orchestrator.js';
export { PreparedPlan } from './plan/prepared-plan.js';
export type { OrchestratorOptions, RunOptions } from './orchestrator.js';
export type { SpanLayout, StepSpanNames } from './trace/run-spans.js';
export { InvalidArgumentError } from './invalid-argument-error.js';
export type { RunResult, StepResult, StepStatus, SkipReason, RunOutcome, AttemptError } from './schedule/types.js';
export { MAX_ATTEMPT_ERRORS } from './schedule/types.js';
export type { CriticalPath } from './schedule/critical-path.js';

// Stages.
export { Pipeline, PipelineAbortedError, runStages } from './stages/pipeline.js';
export type { Stage, StageContext, PipelineOptions, PipelineRunOptions } from './stages/pipeline.js';

// Trace contract.
export {
  ATTR_ATTEMPT_BACKOFF_MS,
  ATTR_ATTEMPT_NUMBER,
  ATTR_ATTEMPT_STATUS,
  ATTR_BLOCKED_BY,
  ATTR_CRITICAL_PATH,
  ATTR_CRITICAL_PATH_MS,
  ATTR_DEPENDS_ON,
  ATTR_ERROR_TYPE,
  ATTR_EXECUTION_ORDER,
  ATTR_EXECUTION_PLAN,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_GEN_AI_TOOL_DESCRIPTION,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_TOOL_TYPE,
  ATTR_GROUP_INDEX,
  ATTR_GROUP_PARALLEL,
  ATTR_GROUP_STEP_IDS,
  ATTR_INPUT_FROM,
  ATTR_LINK_KIND,
  ATTR_OUTCOME,
  ATTR_PIPELINE_NAME,
  ATTR_PLAN_FAILURE_POLICY,
  ATTR_PLAN_MAX_CONCURRENCY,
  ATTR_PLAN_STEP_IDS,
  ATTR_PLAN_TOTAL_GROUPS,
  ATTR_PLAN_TOTAL_STEPS,
  ATTR_QUEUED_MS,
  ATTR_SKIP_REASON,
  ATTR_STAGE_INDEX,
  ATTR_STAGE_NAME,
  ATTR_STEP_ATTEMPTS,
  ATTR_STEP_DEADLINE_MS,
  ATTR_STEP_ID,
  ATTR_STEP_MAX_ATTEMPTS,
  ATTR_STEP_STATUS,
  ATTR_STRATEGY,
  ATTR_TIMEOUT_MS,
  ATTR_TOOL_NAME,
  EVENT_EXECUTION_PLAN,
  EVENT_STEP_SKIPPED,
  GEN_AI_OPERATION_EXECUTE_TOOL,
  GEN_AI_TOOL_TYPE_FUNCTION,
  INSTRUMENTATION_SCOPE,
  LINK_KIND_DEPENDS_ON,
  SPAN_NAME_ATTEMPT,
  SPAN_NAME_EXECUTE_TOOL,
  SPAN_NAME_GROUP,
  SPAN_NAME_ORCHESTRATE,
  SPAN_NAME_PIPELINE,
  SPAN_NAME_STAGE,
  ATTR_GEN_AI_WORKFLOW_NAME,
  ATTR_PLAN_PROBLEMS,
  ATTR_PLAN_PROBLEM_COUNT,
  EVENT_PLAN_INVALID,
  GEN_AI_OPERATION_INVOKE_WORKFLOW,
  SPAN_NAME_INVOKE_WORKFLOW,
  METRIC_GEN_AI_EXECUTE_TOOL_DURATION,
  METRIC_GEN_AI_INVOKE_WORKFLOW_DURATION,
  METRIC_STEPS,
  METRIC_STEP_QUEUE_DURATION,
  METRIC_RUN_DURATION,
  METRIC_STEP_RETRIES,
  TRACE_CONTRACT_VERSION,
} from './trace/attributes.js';
export type { RecordIoOptions, Redactor } from './trace/record-io.js';
export { defaultRedactor } from './trace/record-io.js';
export { VERSION } from './version.js';
