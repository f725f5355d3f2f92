import { ATTR_EXCEPTION_MESSAGE, EVENT_EXCEPTION } from './otel-attributes.js';
import type { StepView, TraceView } from './trace-view-types.js';

/** What the failure banner says about a run that did not go well. */
export interface FailureSummary {
  /** Steps whose status is error or timed_out, in plan order across runs. */
  failed: StepView[];
  /** All steps of the trace. */
  total: number;
  /** Steps that never ran because they were skipped. */
  skipped: number;
  /** The first failed step's message: its exception event's message, else its span status message. */
  firstError: string | null;
}

/** Whether a step counts as failed (the header's Errors figure and the banner). */
export function isFailedStep(step: { status: string }): boolean {
  return step.status === 'error' || step.status === 'timed_out';
}

/** The failed and skipped steps of a trace and the first error message; null when no step failed. */
export function summarizeFailures(view: TraceView): FailureSummary | null {
  const steps = view.runs.flatMap((run) => run.steps);
  const failed = steps.filter((step) => isFailedStep(step));
  if (failed.length === 0) return null;
  let firstError: string | null = null;
  for (const step of failed) {
    const exception = step.span.events.find((event) => event.name === EVENT_EXCEPTION);
    const message = exception?.attributes[ATTR_EXCEPTION_MESSAGE];
    if (typeof message === 'string' && message !== '') firstError = message;
    else if (step.span.status.message !== undefined && step.span.status.message !== '') firstError = step.span.status.message;
    if (firstError !== null) break;
  }
  return { failed, total: steps.length, skipped: steps.filter((step) => step.status === 'skipped').length, firstError };
}
