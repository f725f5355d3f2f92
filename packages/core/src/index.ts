// Plans: schema, validation, explanation.
export { PlanSchema, PlanStepSchema, STRATEGIES, FAILURE_POLICIES, planJsonSchema } from './plan/schema.js';
export type { PlanInput, PlanStepInput, Strategy, FailurePolicy } from './plan/schema.js';
export { PlanValidationError } from './plan/errors.js';
export type { PlanIssue, PlanIssueCode } from './plan/errors.js';
export { validatePlan } from './plan/validate.js';
export type { ToolRegistry } from './plan/validate.js';
export type { ValidatedPlan, ValidatedStep, InputMapping } from './plan/types.js';
export { explain } from './plan/explain.js';
export type { ExecutionPlan, ExecutionPlanGroup, ExecutionPlanStep } from './plan/explain.js';
export { parseInputPath } from './plan/input-path.js';
export type { InputPath } from './plan/input-path.js';

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
} from './tools/errors.js';
export type { ToolIoIssue } from './tools/errors.js';

// Running.
export { Orchestrator } from './orchestrator.js';
export type { OrchestratorOptions, RunOptions } from './orchestrator.js';
export type { RunResult, StepResult, StepStatus, SkipReason, RunOutcome } from './schedule/types.js';
export { Pipeline, PipelineAbortedError, runStages } from './stages/pipeline.js';
export type { Stage, StageContext, PipelineOptions, PipelineRunOptions } from './stages/pipeline.js';

// Trace contract.
export {
  INSTRUMENTATION_SCOPE,
  SPAN_NAME_PIPELINE,
  SPAN_NAME_STAGE,
  SPAN_NAME_ORCHESTRATE,
  SPAN_NAME_GROUP,
  SPAN_NAME_EXECUTE_TOOL,
  ATTR_PIPELINE_NAME,
  ATTR_STAGE_NAME,
  ATTR_STAGE_INDEX,
  ATTR_STRATEGY,
  ATTR_PLAN_TOTAL_GROUPS,
  ATTR_PLAN_TOTAL_STEPS,
  ATTR_PLAN_STEP_IDS,
  ATTR_PLAN_FAILURE_POLICY,
  ATTR_PLAN_MAX_CONCURRENCY,
  ATTR_OUTCOME,
  EVENT_EXECUTION_PLAN,
  ATTR_EXECUTION_PLAN,
  ATTR_GROUP_INDEX,
  ATTR_GROUP_STEP_IDS,
  ATTR_GROUP_PARALLEL,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_ERROR_TYPE,
  ATTR_STEP_ID,
  ATTR_TOOL_NAME,
  ATTR_EXECUTION_ORDER,
  ATTR_DEPENDS_ON,
  ATTR_INPUT_FROM,
  ATTR_STEP_STATUS,
  ATTR_SKIP_REASON,
  ATTR_BLOCKED_BY,
  ATTR_TIMEOUT_MS,
  ATTR_QUEUED_MS,
  ATTR_LINK_KIND,
  LINK_KIND_DEPENDS_ON,
  GEN_AI_OPERATION_EXECUTE_TOOL,
} from './trace/attributes.js';
export { defaultRedactor } from './trace/record-io.js';
export type { RecordIoOptions, Redactor } from './trace/record-io.js';
export { VERSION } from './version.js';
