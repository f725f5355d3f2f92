import { TestRunner } from 'vitest';
import type { CapturedSpan } from '../spans/captured-span.js';
import { Capture } from './capture.js';
import { CaptureSetupError, UnendedSpansError } from './errors.js';
import { captureRuntime } from './runtime.js';
import type { SpanCapture } from './span-capture.js';

/** The part of vitest's test context a capture uses (vitest's `TestContext` fits). */
export interface CaptureTestContext {
  readonly task: { readonly name: string; readonly result?: { readonly state: string } | undefined };
  readonly onTestFinished: (fn: () => void) => void;
}

/** Options of {@link captureSpans}. */
export interface CaptureOptions {
  /**
   * The test's context (`test('…', (ctx) => …)`): the capture closes when that test finishes.
   * Required in concurrent tests; otherwise the running test is found by itself.
   */
  readonly test?: CaptureTestContext;
  /**
   * Make spans of the global API reach captures (default true): registers the capture provider
   * globally when no provider is registered, or attaches to the SDK provider you registered, and
   * installs an AsyncLocalStorage context manager when none works. With `false`, nothing global
   * is touched and only `capture.tracerProvider` / `capture.run()` spans are captured.
   */
  readonly global?: boolean;
  /** Upper bound of the wait in `capture.spans()` / `capture.tree()`, in ms. Default 2000. */
  readonly timeoutMs?: number;
  /** Do not fail the test when spans are still running as it ends. Default false. */
  readonly allowUnended?: boolean;
  /** Name in messages. Default: the test's name. */
  readonly label?: string;
}

const DEFAULT_TIMEOUT_MS = 2000;

/**
 * Starts capturing spans for the current test, with the real OpenTelemetry SDK. Call it in a test
 * or a `beforeEach`; the capture closes when the test finishes, and the test fails if spans it
 * started are still running then (unless `allowUnended`).
 *
 * @example
 * test('metrics runs after primary', async () => {
 *   const capture = captureSpans();
 *   await orchestrator.run(plan);
 *   expect(await capture.tree()).toHaveLinkTo('execute_tool[tooltrace.step.id="metrics"]', 'execute_tool[tooltrace.step.id="primary"]');
 * });
 */
export function captureSpans(options: CaptureOptions = {}): SpanCapture {
  const runtime = captureRuntime();
  if (options.global !== false) runtime.ensureGlobal();
  const test = options.test ?? runningTestContext();
  const capture: Capture = new Capture(runtime, {
    label: options.label ?? test?.task.name,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    onLateSpan: options.allowUnended ? () => undefined : warnLateSpan,
  });
  test?.onTestFinished(() => finish(capture, test, options));
  return capture;
}

function runningTestContext(): CaptureTestContext | undefined {
  const current = TestRunner.getCurrentTest();
  if (!current) return undefined;
  if (current.concurrent) {
    throw new CaptureSetupError(
      "captureSpans() in a concurrent test needs that test's context, or it could close with another test: " +
        "test.concurrent('…', async (ctx) => { const capture = captureSpans({ test: ctx }); … }).",
    );
  }
  return current.context;
}

function finish(capture: Capture, test: CaptureTestContext, options: CaptureOptions): void {
  const { unended } = capture.close();
  if (unended.length === 0 || options.allowUnended || test.task.result?.state === 'fail') return;
  throw new UnendedSpansError(
    capture.describeUnended(),
    `when test "${capture.label}" finished`,
    'Await the code under test (e.g. the orchestrator run) before the test ends, or end these spans; pass { allowUnended: true } to allow it.',
  );
}

function warnLateSpan(span: CapturedSpan, capture: SpanCapture): void {
  console.warn(
    `[@tooltrace/testing] span ${JSON.stringify(span.name)} ended after its test "${capture.label}" finished; it is in capture.lateSpans(), not in any later test.`,
  );
}
