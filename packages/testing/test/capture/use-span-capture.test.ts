import { trace } from '@opentelemetry/api';
import { NoActiveCaptureError, type SpanCapture, spanCaptureFixture, useSpanCapture } from '@tooltrace/testing';
import { test as base, describe, expect } from 'vitest';
import { deferred } from '../support.js';

/** Resolves once `parties` callers have arrived: proves tests really overlap. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  const all = deferred();
  return () => {
    arrived++;
    if (arrived === parties) all.resolve();
    return all.promise;
  };
}

describe('useSpanCapture()', () => {
  const capture = useSpanCapture();

  base('gives the first test its capture', () => {
    capture.getTracer().startSpan('from the first test').end();
    expect(capture.spansNow().map((span) => span.name)).toEqual(['from the first test']);
  });

  base('gives the next test a fresh one', () => {
    expect(capture.spansNow()).toEqual([]);
    expect(capture.label).toBe('gives the next test a fresh one');
  });

  base('works as a matcher subject', () => {
    trace.getTracer('library').startSpan('through the global API').end();
    expect(capture).toHaveSpan('"through the global API"');
  });
});

describe('useSpanCapture() in concurrent tests', () => {
  const capture = useSpanCapture();
  const arrive = barrier(2);

  for (const name of ['left', 'right']) {
    base.concurrent(`cannot tell ${name} apart from its neighbour`, async () => {
      await arrive();
      expect(() => capture.spansNow()).toThrowError(NoActiveCaptureError);
      expect(() => capture.spansNow()).toThrowError('spanCaptureFixture()');
    });
  }
});

describe('a handle outside its suite', () => {
  let handle: SpanCapture | undefined;
  describe('the suite that made it', () => {
    handle = useSpanCapture();
    base('has a capture in its tests', () => {
      expect(handle?.closed).toBe(false);
    });
  });

  base('throws NoActiveCaptureError in tests of other suites', () => {
    expect(() => handle?.spansNow()).toThrowError(NoActiveCaptureError);
    expect(() => handle?.spansNow()).toThrowError('only works in the tests of the suite');
  });
});

describe('spanCaptureFixture()', () => {
  const test = base.extend<{ capture: SpanCapture }>({ capture: spanCaptureFixture() });
  const arrive = barrier(2);

  for (const name of ['left', 'right']) {
    test.concurrent(`keeps the spans of the ${name} concurrent test apart`, async ({ capture }) => {
      const tracer = trace.getTracer('library');
      await capture.run(async () => {
        const span = tracer.startSpan(`${name} outer`);
        await arrive();
        tracer.startSpan(`${name} inner`).end();
        span.end();
      });
      expect(capture.spansNow().map((span) => span.name)).toEqual([`${name} outer`, `${name} inner`]);
    });
  }
});
