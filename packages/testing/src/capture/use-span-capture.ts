import type { Tracer, TracerProvider } from '@opentelemetry/api';
import { beforeEach } from 'vitest';
import type { CapturedSpan } from '../spans/captured-span.js';
import type { SpanTree } from '../tree/span-tree.js';
import { type CaptureOptions, type CaptureTestContext, captureSpans } from './capture-spans.js';
import type { CaptureDiagnosis } from './diagnosis.js';
import { NoActiveCaptureError } from './errors.js';
import { brandCapture, type CloseReport, type SpanCapture, type WaitOptions } from './span-capture.js';

/** Options of {@link useSpanCapture} and {@link spanCaptureFixture}: those of `captureSpans` but the test. */
export type SuiteCaptureOptions = Omit<CaptureOptions, 'test'>;

/** A capture that follows the running test: each test gets a fresh one (from `beforeEach`). */
class CaptureHandle implements SpanCapture {
  readonly active = new Set<SpanCapture>();

  constructor() {
    brandCapture(this);
  }

  /** The running test's capture. */
  current(): SpanCapture {
    const [only, ...others] = this.active;
    if (!only) {
      throw new NoActiveCaptureError(
        'useSpanCapture(): no capture is active; the handle only works in the tests of the suite (file or describe) that called useSpanCapture().',
      );
    }
    if (others.length > 0) {
      throw new NoActiveCaptureError(
        'useSpanCapture(): several tests are running concurrently and the shared handle cannot tell them apart; ' +
          'use a fixture instead: const test = base.extend({ capture: spanCaptureFixture() }), or captureSpans({ test: ctx }) in each test.',
      );
    }
    return only;
  }

  get label(): string {
    return this.current().label;
  }
  get closed(): boolean {
    return this.current().closed;
  }
  get tracerProvider(): TracerProvider {
    return this.current().tracerProvider;
  }
  getTracer(name?: string, version?: string): Tracer {
    return this.current().getTracer(name, version);
  }
  run<T>(fn: () => T): T {
    return this.current().run(fn);
  }
  spans(options?: WaitOptions): Promise<CapturedSpan[]> {
    return this.current().spans(options);
  }
  tree(options?: WaitOptions): Promise<SpanTree> {
    return this.current().tree(options);
  }
  spansNow(): CapturedSpan[] {
    return this.current().spansNow();
  }
  treeNow(): SpanTree {
    return this.current().treeNow();
  }
  unendedSpans(): CapturedSpan[] {
    return this.current().unendedSpans();
  }
  lateSpans(): CapturedSpan[] {
    return this.current().lateSpans();
  }
  clear(): void {
    this.current().clear();
  }
  close(): CloseReport {
    return this.current().close();
  }
  diagnose(): CaptureDiagnosis {
    return this.current().diagnose();
  }
}

/**
 * Gives every test of the suite (file or `describe`) its own capture: call it once at the top;
 * the returned handle always means the running test's capture. For sequential tests; concurrent
 * tests use {@link spanCaptureFixture}.
 *
 * @example
 * const capture = useSpanCapture();
 * test('runs the plan', async () => {
 *   await orchestrator.run(plan);
 *   expect(capture).toMatchPlan(plan);
 * });
 */
export function useSpanCapture(options: SuiteCaptureOptions = {}): SpanCapture {
  const handle = new CaptureHandle();
  beforeEach((ctx) => {
    const capture = captureSpans({ ...options, test: ctx });
    handle.active.add(capture);
    ctx.onTestFinished(() => {
      handle.active.delete(capture);
    });
  });
  return handle;
}

/**
 * A vitest fixture giving each test its own capture — also in concurrent tests.
 *
 * @example
 * const test = base.extend<{ capture: SpanCapture }>({ capture: spanCaptureFixture() });
 * test.concurrent('runs the plan', async ({ capture }) => {
 *   await capture.run(() => orchestrator.run(plan));
 *   expect(capture).toMatchPlan(plan);
 * });
 */
export function spanCaptureFixture(
  options: SuiteCaptureOptions = {},
): (context: CaptureTestContext, use: (capture: SpanCapture) => Promise<void>) => Promise<void> {
  // vitest reads the fixture's first parameter to find its dependencies: it must be destructured.
  return async ({ task, onTestFinished }, use) => {
    await use(captureSpans({ ...options, test: { task, onTestFinished } }));
  };
}
