import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { captureSpans, SpanNotFoundError, SpanTree } from '@tooltrace/testing';
import { describe, expect, test } from 'vitest';
import { emit, T0 } from '../support.js';

const names = (nodes: readonly { name: string }[]): string[] => nodes.map((node) => node.name);

describe('building', () => {
  test('children hang under their parents, siblings in start order whatever order they ended in', () => {
    const capture = captureSpans();
    emit(capture.getTracer(), [
      {
        name: 'root',
        start: 0,
        end: 10,
        children: [
          { name: 'late starter', start: 5, end: 6 },
          { name: 'early starter', start: 1, end: 9 },
        ],
      },
    ]);
    const tree = capture.treeNow();
    expect(names(tree.roots)).toEqual(['root']);
    expect(names(tree.get('root').children)).toEqual(['early starter', 'late starter']);
    expect(tree.get('"late starter"').parent?.name).toBe('root');
  });

  test('equal start times are ordered by name, then by start order', () => {
    const capture = captureSpans();
    emit(capture.getTracer(), [
      { name: 'b', start: 0 },
      { name: 'a', start: 0 },
      { name: 'a', start: 0, attributes: { second: true } },
    ]);
    const tree = capture.treeNow();
    expect(names(tree.roots)).toEqual(['a', 'a', 'b']);
    expect(tree.roots[1]?.attributes).toEqual({ second: true });
  });

  test('nodes lists every span depth-first, parents before children', () => {
    const capture = captureSpans();
    emit(capture.getTracer(), [
      {
        name: 'r1',
        start: 0,
        children: [
          { name: 'r1.a', start: 1, children: [{ name: 'r1.a.x', start: 2 }] },
          { name: 'r1.b', start: 3 },
        ],
      },
      { name: 'r2', start: 4 },
    ]);
    const tree = capture.treeNow();
    expect(names(tree.nodes)).toEqual(['r1', 'r1.a', 'r1.a.x', 'r1.b', 'r2']);
    expect(tree.size).toBe(5);
  });

  test('a span whose parent was not captured is a root', () => {
    const outside = new BasicTracerProvider().getTracer('outside').startSpan('not captured');
    const capture = captureSpans();
    capture.getTracer().startSpan('orphan', {}, trace.setSpan(ROOT_CONTEXT, outside)).end();
    outside.end();
    const tree = capture.treeNow();
    expect(names(tree.roots)).toEqual(['orphan']);
    expect(tree.roots[0]?.parent).toBeUndefined();
    expect(tree.roots[0]?.span.parentSpanId).toBe(outside.spanContext().spanId);
  });

  test('links resolve to the linked nodes; links to spans not captured have no target', () => {
    const capture = captureSpans();
    const outside = new BasicTracerProvider().getTracer('outside').startSpan('elsewhere');
    const refs = emit(capture.getTracer(), [
      { name: 'a', ref: 'a', start: 0 },
      { name: 'b', start: 1, links: [{ to: 'a', attributes: { kind: 'dep' } }] },
    ]);
    capture
      .getTracer()
      .startSpan('c', { links: [{ context: outside.spanContext() }] })
      .end();
    outside.end();
    const tree = capture.treeNow();
    const [link] = tree.get('b').links;
    expect(link?.target).toBe(tree.get('a'));
    expect(link?.attributes).toEqual({ kind: 'dep' });
    expect(link?.spanId).toBe(refs.get('a')?.spanContext().spanId);
    expect(tree.get('c').links[0]?.target).toBeUndefined();
  });

  test("SpanTree.from builds the same tree from an exporter's finished spans (end order)", () => {
    const exporter = new InMemorySpanExporter();
    const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer('t');
    emit(tracer, [
      {
        name: 'root',
        start: 0,
        end: 5,
        children: [
          { name: 'one', start: 1, end: 2 },
          { name: 'two', start: 2, end: 3 },
        ],
      },
    ]);
    expect(names(exporter.getFinishedSpans())).toEqual(['one', 'two', 'root']);
    const tree = SpanTree.from(exporter.getFinishedSpans());
    expect(names(tree.nodes)).toEqual(['root', 'one', 'two']);
    expect(tree.get('one').durationMs).toBe(1);
  });

  test('unended lists the spans read before they ended', () => {
    const capture = captureSpans();
    const running = capture.getTracer().startSpan('running', { startTime: T0 });
    capture.getTracer().startSpan('done').end();
    expect(names(capture.treeNow().unended)).toEqual(['running']);
    running.end();
  });
});

describe('get()', () => {
  test('throws SpanNotFoundError naming the nearest spans and what differed', () => {
    const capture = captureSpans();
    emit(capture.getTracer(), [{ name: 'execute_tool metrics_query', attributes: { 'tooltrace.step.id': 'metrics' } }]);
    const tree = capture.treeNow();
    let error: unknown;
    try {
      tree.get('execute_tool[tooltrace.step.id="metrix"]');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(SpanNotFoundError);
    expect((error as SpanNotFoundError).code).toBe('SPAN_NOT_FOUND');
    expect((error as Error).message).toBe(
      'No span matched `execute_tool[tooltrace.step.id="metrix"]` among 1 spans.\n' +
        'Nearest spans:\n' +
        '  execute_tool metrics_query\n' +
        '    - attribute tooltrace.step.id is "metrics", expected "metrix"\n' +
        '    attributes:\n' +
        '      tooltrace.step.id: "metrics"',
    );
  });

  test('on an empty tree says nothing was captured', () => {
    expect(() => SpanTree.from([]).get('anything')).toThrowError('No span matched `anything` in an empty tree (no spans were captured).');
  });
});
