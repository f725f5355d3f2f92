/** One schema problem in a tool's input or output. */
export interface ToolIoIssue {
  /** Path inside the input/output, e.g. `ci.id`; `` for the value itself. */
  path: string;
  message: string;
}

/** Base class of the errors a step can end with that tooltrace itself raises. */
export abstract class StepError extends Error {
  abstract readonly code: string;
  readonly stepId: string;
  readonly tool: string;

  protected constructor(message: string, stepId: string, tool: string, options?: { cause?: unknown }) {
    super(message, options);
    this.stepId = stepId;
    this.tool = tool;
  }
}

/** The step's merged input (`input` + `inputFrom`) did not match the tool's input schema; the tool was not called. */
export class ToolInputValidationError extends StepError {
  readonly code = 'TOOL_INPUT_INVALID';
  readonly issues: readonly ToolIoIssue[];

  constructor(stepId: string, tool: string, issues: readonly ToolIoIssue[]) {
    super(`Step "${stepId}": input for tool "${tool}" is invalid: ${describe(issues)}`, stepId, tool);
    this.name = 'ToolInputValidationError';
    this.issues = issues;
  }
}

/** The tool returned a value that does not match its output schema. */
export class ToolOutputValidationError extends StepError {
  readonly code = 'TOOL_OUTPUT_INVALID';
  readonly issues: readonly ToolIoIssue[];

  constructor(stepId: string, tool: string, issues: readonly ToolIoIssue[]) {
    super(`Step "${stepId}": tool "${tool}" returned an invalid output: ${describe(issues)}`, stepId, tool);
    this.name = 'ToolOutputValidationError';
    this.issues = issues;
  }
}

/**
 * An `inputFrom` path did not resolve in its dependency's output at run time. The message says
 * where the path stopped and lists the keys present at that level; `availableKeys` has them all.
 */
export class InputMappingError extends StepError {
  readonly code = 'INPUT_MAPPING_FAILED';
  readonly field: string;
  readonly source: string;
  /** Keys of the object where the path stopped (empty when it stopped at an array or a non-object). */
  readonly availableKeys: readonly string[];

  constructor(stepId: string, tool: string, field: string, source: string, detail = '', availableKeys: readonly string[] = []) {
    super(
      `Step "${stepId}": inputFrom.${field} = "${source}" found nothing in that step's output${detail ? `: ${detail}` : ''}`,
      stepId,
      tool,
    );
    this.name = 'InputMappingError';
    this.field = field;
    this.source = source;
    this.availableKeys = availableKeys;
  }
}

/**
 * An attempt of the step ran longer than its `timeoutMs` (`bound` `attempt`), or the whole step,
 * retries and waits included, ran past its `deadlineMs` (`bound` `deadline`); its signal was aborted.
 */
export class StepTimeoutError extends StepError {
  readonly code = 'STEP_TIMEOUT';
  /** The limit that was passed, in milliseconds. */
  readonly timeoutMs: number;
  /** Which limit: one attempt's `timeoutMs`, or the step's `deadlineMs`. */
  readonly bound: 'attempt' | 'deadline';

  constructor(stepId: string, tool: string, timeoutMs: number, bound: 'attempt' | 'deadline' = 'attempt') {
    const what = bound === 'deadline' ? `passed its deadline of ${timeoutMs} ms` : `timed out after ${timeoutMs} ms`;
    super(`Step "${stepId}" (tool "${tool}") ${what}`, stepId, tool);
    this.name = 'StepTimeoutError';
    this.timeoutMs = timeoutMs;
    this.bound = bound;
  }
}

/** The step was aborted: the run's signal fired, or another step failed under `fail-fast`. */
export class StepCancelledError extends StepError {
  readonly code = 'STEP_CANCELLED';

  /** `cause`: the run signal's reason, or the error of the step whose failure stopped the run. */
  constructor(stepId: string, tool: string, reason: string, cause?: unknown) {
    super(`Step "${stepId}" (tool "${tool}") was cancelled: ${reason}`, stepId, tool, cause === undefined ? undefined : { cause });
    this.name = 'StepCancelledError';
  }
}

function describe(issues: readonly ToolIoIssue[]): string {
  return issues.map((issue) => `${issue.path || '(value)'}: ${issue.message}`).join('; ');
}

/**
 * Thrown by a tool to say "trying again will not help" (a 4xx answer, a missing record): the step
 * fails at once whatever its retry policy. Any error with an own `retryable: false` property works
 * the same way.
 *
 * @example
 * if (response.status === 404) throw new NonRetryableError(`no CI named ${query}`);
 */
export class NonRetryableError extends Error {
  readonly code = 'NON_RETRYABLE';
  readonly retryable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NonRetryableError';
  }
}

/** Whether an error says it must not be retried; a throwing `retryable` getter counts as no. */
export function isMarkedNonRetryable(error: Error): boolean {
  try {
    return (error as { retryable?: unknown }).retryable === false;
  } catch {
    return true;
  }
}
