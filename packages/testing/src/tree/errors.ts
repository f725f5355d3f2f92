/**
 * Thrown by `tree.get(selector)` / `node.get(selector)` when no span matches. The message names
 * the selector and the spans that came closest, with what differed.
 */
export class SpanNotFoundError extends Error {
  readonly code = 'SPAN_NOT_FOUND';
  readonly selector: string;

  constructor(selector: string, where: string, nearest: string) {
    super(`No span matched ${selector} ${where}.${nearest ? `\n${nearest}` : ''}`);
    this.name = 'SpanNotFoundError';
    this.selector = selector;
  }
}
