import type { Span } from '@opentelemetry/api';
import type { ValidatedStep } from '../plan/types.js';
import type { ToolContext } from '../tools/define-tool.js';
import type { LazyAbort } from './lazy-abort.js';

/**
 * What one try of a step gives its tool. A class rather than an object literal with a getter: one
 * is made per try, and its signal is created only if the tool reads it.
 */
export class AttemptContext implements ToolContext {
  readonly #abort: LazyAbort;
  readonly stepId: string;
  readonly tool: string;
  readonly groupIndex: number;
  readonly executionOrder: number;
  readonly span: Span;
  readonly attempt: number;

  constructor(abort: LazyAbort, step: ValidatedStep, executionOrder: number, span: Span, attempt: number) {
    this.#abort = abort;
    this.stepId = step.id;
    this.tool = step.tool;
    this.groupIndex = step.groupIndex;
    this.executionOrder = executionOrder;
    this.span = span;
    this.attempt = attempt;
  }

  get signal(): AbortSignal {
    return this.#abort.signal;
  }
}
