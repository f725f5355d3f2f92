import { ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { captureSpans, type SpanTree, serializeTree } from '@tooltrace/testing';
import { describe, expect, test } from 'vitest';
import { emit, T0 } from '../support.js';

function handMade(): SpanTree {
  const capture = captureSpans();
  const tracer = capture.getTracer();
  emit(tracer, [
    {
      name: 'orchestrate dag',
      start: 0,
      end: 12.25,
      attributes: { 'tooltrace.strategy': 'dag', 'tooltrace.plan.step_ids': ['a', 'b'] },
      events: ['tooltrace.execution_plan'],
      children: [
        {
          name: 'group 0',
          start: 1,
          end: 4,
          children: [
            {
              name: 'execute_tool a',
              ref: 'a',
              start: 1,
              end: 3.5,
              attributes: { 'tooltrace.step.id': 'a', 'tooltrace.step.queued_ms': 0.7 },
            },
          ],
        },
        {
          name: 'group 1',
          start: 4,
          end: 12,
          error: 'a step of this group failed',
          children: [
            {
              name: 'execute_tool b',
              start: 4,
              end: 12,
              error: 'boom',
              attributes: { 'tooltrace.step.id': 'b' },
              links: [{ to: 'a', attributes: { 'tooltrace.link.kind': 'depends_on', 'tooltrace.step.id': 'a' } }],
            },
          ],
        },
      ],
    },
  ]);
  return capture.treeNow();
}

describe('serializeTree', () => {
  test('prints names, attributes sorted by key, status, event names and links; no ids or times', () => {
    expect(serializeTree(handMade())).toMatchInlineSnapshot(`
      "orchestrate dag
      │  tooltrace.plan.step_ids: ["a", "b"]
      │  tooltrace.strategy: "dag"
      │  event tooltrace.execution_plan
      ├─ group 0
      │  └─ execute_tool a #1
      │        tooltrace.step.id: "a"
      └─ group 1 [error: "a step of this group failed"]
         └─ execute_tool b [error: "boom"]
               tooltrace.step.id: "b"
               link → #1 execute_tool a {tooltrace.link.kind: "depends_on", tooltrace.step.id: "a"}"
    `);
  });

  test('options: chosen attributes, durations, events and links off', () => {
    expect(
      serializeTree(handMade(), { attributes: ['tooltrace.step.id'], durations: true, events: 'none', links: false }),
    ).toMatchInlineSnapshot(`
      "orchestrate dag 12.3ms
      ├─ group 0 3.0ms
      │  └─ execute_tool a 2.5ms
      │        tooltrace.step.id: "a"
      └─ group 1 [error: "a step of this group failed"] 8.0ms
         └─ execute_tool b [error: "boom"] 8.0ms
               tooltrace.step.id: "b""
    `);
  });

  test('attributes: none, and ignoreAttributes replaces the default ignore list', () => {
    const tree = handMade();
    expect(serializeTree(tree.get('group'), { attributes: 'none' })).toMatchInlineSnapshot(`
      "group 0
      └─ execute_tool a"
    `);
    expect(serializeTree(tree.get('group'), { ignoreAttributes: [] })).toContain('tooltrace.step.queued_ms: 0.7');
  });

  test('events: all prints event attributes except stack traces', () => {
    const capture = captureSpans();
    const span = capture.getTracer().startSpan('failing', { startTime: T0 });
    span.recordException(new TypeError('bad input'), T0);
    span.end(T0 + 1);
    expect(serializeTree(capture.treeNow(), { events: 'all' })).toMatchInlineSnapshot(`
      "failing
         event exception {exception.message: "bad input", exception.type: "TypeError"}"
    `);
  });

  test('kinds other than internal, running spans, spans whose parent was not captured, several roots', () => {
    const capture = captureSpans();
    const outside = new BasicTracerProvider().getTracer('outside').startSpan('outside');
    const tracer = capture.getTracer();
    tracer.startSpan('GET /metrics', { kind: SpanKind.CLIENT, startTime: T0 }).end(T0 + 1);
    tracer.startSpan('child of an outside span', { startTime: T0 + 2 }, trace.setSpan(ROOT_CONTEXT, outside)).end(T0 + 3);
    const running = tracer.startSpan('running', { startTime: T0 + 4 });
    const text = serializeTree(capture.treeNow());
    running.end();
    outside.end();
    expect(text).toMatchInlineSnapshot(`
      "GET /metrics (client)

      child of an outside span (parent not captured)

      running (not ended)"
    `);
  });

  test('an empty tree', () => {
    expect(serializeTree({ roots: [] })).toBe('(no spans)');
  });
});
