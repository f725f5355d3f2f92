/**
 * Spans of a capture were still running: when its test ended, or when `capture.spans()` /
 * `capture.tree()` gave up waiting. `spans` lists them (name and where they sit in the tree).
 */
export class UnendedSpansError extends Error {
  readonly code = 'UNENDED_SPANS';
  readonly spans: readonly string[];

  constructor(spans: readonly string[], when: string, advice: string) {
    const noun = spans.length === 1 ? 'span has' : 'spans have';
    super(`${spans.length} ${noun} not ended ${when}:\n${spans.map((span) => `  - ${span}`).join('\n')}\n${advice}`);
    this.name = 'UnendedSpansError';
    this.spans = spans;
  }
}

/** A `useSpanCapture()` handle was used outside a test, or by concurrent tests it cannot tell apart. */
export class NoActiveCaptureError extends Error {
  readonly code = 'NO_ACTIVE_CAPTURE';

  constructor(message: string) {
    super(message);
    this.name = 'NoActiveCaptureError';
  }
}

/** A capture was set up in a way that cannot work, e.g. `captureSpans()` in a concurrent test without its context. */
export class CaptureSetupError extends Error {
  readonly code = 'CAPTURE_SETUP';

  constructor(message: string) {
    super(message);
    this.name = 'CaptureSetupError';
  }
}
