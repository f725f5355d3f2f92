import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { type SpanLike, toCapturedSpans } from '@tooltrace/testing';
import { expect, test } from 'vitest';
import { T0 } from '../support.js';

function sdk(): { exporter: InMemorySpanExporter; provider: BasicTracerProvider } {
  const exporter = new InMemorySpanExporter();
  return { exporter, provider: new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }) };
}

test('reads an SDK span: kind and status by name, times in epoch ms, events, links, scope, parent', () => {
  const { exporter, provider } = sdk();
  const tracer = provider.getTracer('my-scope');
  const parent = tracer.startSpan('parent', { startTime: T0 });
  const child = tracer.startSpan(
    'child',
    {
      kind: SpanKind.SERVER,
      startTime: T0 + 1,
      attributes: { k: 'v' },
      links: [{ context: parent.spanContext(), attributes: { why: 'test' } }],
    },
    trace.setSpan(ROOT_CONTEXT, parent),
  );
  child.addEvent('retry', { attempt: 2 }, T0 + 2);
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
  child.end(T0 + 3.5);
  parent.end(T0 + 4);
  const [readChild, readParent] = toCapturedSpans(exporter.getFinishedSpans());
  expect(readChild).toEqual({
    name: 'child',
    kind: 'server',
    traceId: parent.spanContext().traceId,
    spanId: child.spanContext().spanId,
    parentSpanId: parent.spanContext().spanId,
    attributes: { k: 'v' },
    events: [{ name: 'retry', attributes: { attempt: 2 }, timeMs: T0 + 2 }],
    links: [{ traceId: parent.spanContext().traceId, spanId: parent.spanContext().spanId, attributes: { why: 'test' } }],
    status: { code: 'error', message: 'boom' },
    startMs: T0 + 1,
    endMs: T0 + 3.5,
    durationMs: 2.5,
    ended: true,
    scope: 'my-scope',
    startOrder: 0,
  });
  expect(readParent).toMatchObject({
    parentSpanId: undefined,
    status: { code: 'unset', message: undefined },
    kind: 'internal',
    startOrder: 1,
  });
});

test('reads SDK 1.x fields (parentSpanId, instrumentationLibrary) when the SDK 2 ones are absent', () => {
  const legacy = {
    name: 'old',
    kind: SpanKind.CLIENT,
    spanContext: () => ({ traceId: 't'.repeat(32), spanId: 's'.repeat(16), traceFlags: 1 }),
    parentSpanId: 'p'.repeat(16),
    instrumentationLibrary: { name: 'legacy-scope' },
    startTime: [1, 0],
    endTime: [2, 500_000],
    duration: [1, 500_000],
    ended: true,
    status: { code: SpanStatusCode.OK },
    attributes: {},
    events: [],
    links: [],
  } as unknown as SpanLike;
  const [span] = toCapturedSpans([legacy]);
  expect(span).toMatchObject({
    parentSpanId: 'p'.repeat(16),
    scope: 'legacy-scope',
    kind: 'client',
    status: { code: 'ok' },
    startMs: 1000,
    endMs: 2000.5,
  });
});

test('captured spans are copies: later changes to the SDK span do not leak in', () => {
  const { exporter, provider } = sdk();
  provider
    .getTracer('t')
    .startSpan('s', { attributes: { a: 1 } })
    .end();
  const [finished] = exporter.getFinishedSpans();
  const [copy] = toCapturedSpans(exporter.getFinishedSpans());
  (finished?.attributes as Record<string, unknown>).a = 2;
  expect(copy?.attributes).toEqual({ a: 1 });
});
