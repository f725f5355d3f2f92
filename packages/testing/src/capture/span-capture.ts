import type { Tracer, TracerProvider } from '@opentelemetry/api';
import type { CapturedSpan } from '../spans/captured-span.js';
import type { SpanTree } from '../tree/span-tree.js';
import type { CaptureDiagnosis } from './diagnosis.js';

/** Options of `capture.spans()` and `capture.tree()`. */
export interface WaitOptions {
  /** How long to wait for running spans to end before failing. Default: the capture's `timeoutMs` (2000). */
  readonly timeoutMs?: number;
}

/** What `capture.close()` found. */
export interface CloseReport {
  /** Spans still running when the capture closed; they are reported as late spans when they end. */
  readonly unended: readonly CapturedSpan[];
}

/**
 * The spans of one test. Spans reach it when they start inside `capture.run()`, come from
 * `capture.tracerProvider`, belong to a trace it already owns, or — for code using the global
 * provider — when it is the only open capture.
 *
 * @example
 * const capture = captureSpans();
 * await new Orchestrator({ tools }).run(plan);
 * expect(await capture.tree()).toHaveSpan('execute_tool[tooltrace.step.id="metrics"]');
 */
export interface SpanCapture {
  /** Name shown in messages: the test's name by default. */
  readonly label: string;
  /** Whether the capture has closed (its test ended). Closed captures keep their spans. */
  readonly closed: boolean;
  /**
   * A provider whose spans always go to this capture, even in concurrent tests: pass it to the
   * code under test, e.g. `new Orchestrator({ tools, tracerProvider: capture.tracerProvider })`.
   */
  readonly tracerProvider: TracerProvider;
  /** A tracer of {@link tracerProvider}, for spans made by the test itself. */
  getTracer(name?: string, version?: string): Tracer;
  /** Runs `fn` (and everything it starts) with its spans routed to this capture; returns what `fn` returns. */
  run<T>(fn: () => T): T;
  /** Waits until every started span has ended (bounded by `timeoutMs`), then returns them in start order. */
  spans(options?: WaitOptions): Promise<CapturedSpan[]>;
  /** Waits like {@link spans}, then returns the span tree. */
  tree(options?: WaitOptions): Promise<SpanTree>;
  /** The spans now, without waiting; running spans have `ended: false`. */
  spansNow(): CapturedSpan[];
  /** The span tree now, without waiting. */
  treeNow(): SpanTree;
  /** Spans started here that have not ended yet. */
  unendedSpans(): CapturedSpan[];
  /** Spans that ended (or started) after the capture closed. */
  lateSpans(): CapturedSpan[];
  /** Forgets the ended spans captured so far (e.g. set-up spans); running spans are kept. */
  clear(): void;
  /** Stops capturing by default routing; returns the spans still running. Idempotent. */
  close(): CloseReport;
  /** Set-up facts and hints for when spans are missing. */
  diagnose(): CaptureDiagnosis;
}

/** Marks capture objects so matchers and serializers recognise them across copies of this package. */
export const CAPTURE_BRAND = Symbol.for('@tooltrace/testing:SpanCapture');

/** Whether a value is a {@link SpanCapture} (a capture or a `useSpanCapture()` handle). */
export function isSpanCapture(value: unknown): value is SpanCapture {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[CAPTURE_BRAND] === true;
}

/** Brands an object as a capture. */
export function brandCapture(target: object): void {
  Object.defineProperty(target, CAPTURE_BRAND, { value: true });
}
