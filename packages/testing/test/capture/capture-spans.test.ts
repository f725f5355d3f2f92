import { CaptureSetupError, type CaptureTestContext, captureSpans, type SpanCapture, UnendedSpansError } from '@tooltrace/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';

/** A test context whose end the test triggers itself. */
function fakeTest(state: 'pass' | 'fail' = 'pass'): { context: CaptureTestContext; finish: () => void } {
  const handlers: (() => void)[] = [];
  return {
    context: { task: { name: 'fake test', result: { state } }, onTestFinished: (fn) => handlers.push(fn) },
    finish: () => {
      for (const handler of handlers) handler();
    },
  };
}

describe('lifecycle', () => {
  let fromEarlierTest: SpanCapture | undefined;

  test('a capture made in a test is named after it and open while it runs', () => {
    fromEarlierTest = captureSpans();
    expect(fromEarlierTest.label).toBe('a capture made in a test is named after it and open while it runs');
    expect(fromEarlierTest.closed).toBe(false);
  });

  test('it closed when that test finished', () => {
    expect(fromEarlierTest?.closed).toBe(true);
  });

  test('spans still running when the test finishes fail it, naming them', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const { context, finish } = fakeTest();
      const capture = captureSpans({ test: context });
      const span = capture.getTracer().startSpan('execute_tool never_awaited');
      let error: unknown;
      try {
        finish();
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(UnendedSpansError);
      expect((error as Error).message).toContain('1 span has not ended when test "fake test" finished:\n  - "execute_tool never_awaited"');
      expect((error as Error).message).toContain('Await the code under test');
      expect(capture.closed).toBe(true);
      span.end();
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });

  test('a test that already failed gets no second error about running spans', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const { context, finish } = fakeTest('fail');
      const span = captureSpans({ test: context }).getTracer().startSpan('interrupted');
      expect(finish).not.toThrow();
      span.end();
    } finally {
      warn.mockRestore();
    }
  });

  test('allowUnended lets spans run past the end of the test', () => {
    const { context, finish } = fakeTest();
    const capture = captureSpans({ test: context, allowUnended: true });
    const span = capture.getTracer().startSpan('background');
    expect(finish).not.toThrow();
    span.end();
    expect(capture.lateSpans()).toHaveLength(1);
  });
});

describe('in beforeEach', () => {
  let capture: SpanCapture;
  let previous: SpanCapture | undefined;
  beforeEach(() => {
    previous = capture;
    capture = captureSpans();
  });

  test('a capture made in beforeEach belongs to the test about to run', () => {
    expect(capture.label).toBe('a capture made in beforeEach belongs to the test about to run');
    capture.getTracer().startSpan('first').end();
  });

  test('and closed when that test finished', () => {
    expect(previous?.closed).toBe(true);
    expect(previous?.spansNow().map((span) => span.name)).toEqual(['first']);
    expect(capture.spansNow()).toEqual([]);
  });
});

describe('outside a test', () => {
  let suiteCapture: SpanCapture;
  beforeAll(() => {
    suiteCapture = captureSpans({ label: 'suite' });
  });
  afterAll(() => {
    suiteCapture.close();
  });

  test('a capture made in beforeAll stays open until closed', () => {
    expect(suiteCapture.label).toBe('suite');
    expect(suiteCapture.closed).toBe(false);
  });
});

describe('concurrent tests', () => {
  test.concurrent('captureSpans() without the test context refuses to guess the test', () => {
    expect(() => captureSpans()).toThrowError(CaptureSetupError);
    expect(() => captureSpans()).toThrowError('captureSpans({ test: ctx })');
  });

  test.concurrent('captureSpans({ test: ctx }) works and closes with that test', (ctx) => {
    const capture = captureSpans({ test: ctx });
    capture.getTracer().startSpan('mine').end();
    expect(capture.spansNow().map((span) => span.name)).toEqual(['mine']);
    expect(capture.label).toBe(ctx.task.name);
  });
});
