import type { Span } from '@opentelemetry/api';
import type { ValidatedStep } from '../plan/types.js';
import type { ToolContext } from '../tools/define-tool.js';

/**
 * What one try of a step gives its tool, made when the try is scheduled (for the first try, before
 * its input is checked, so a timeout or cancellation then is seen by the tool too). Its signal is
 * made on first use: an AbortController is one of the costliest things the engine would make per
 * step, and many tools never look at it. Aborting before first use is remembered, so a late reader
 * gets an already-aborted signal with the same reason.
 */
export class AttemptContext implements ToolContext {
  #controller: AbortController | undefined;
  #aborted = false;
  #reason: unknown;
  readonly stepId: string;
  readonly tool: string;
  readonly groupIndex: number;
  readonly executionOrder: number;
  readonly span: Span;
  readonly attempt: number;

  constructor(step: ValidatedStep, executionOrder: number, span: Span, attempt: number) {
    this.stepId = step.id;
    this.tool = step.tool;
    this.groupIndex = step.groupIndex;
    this.executionOrder = executionOrder;
    this.span = span;
    this.attempt = attempt;
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** Aborts the try's signal; later aborts are ignored. Static, so a tool's context has no abort() of its own. */
  static abort(context: AttemptContext, reason: unknown): void {
    if (context.#aborted) return;
    context.#aborted = true;
    context.#reason = reason;
    context.#controller?.abort(reason);
  }
}
