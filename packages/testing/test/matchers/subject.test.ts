import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { captureSpans, SpanTree } from '@tooltrace/testing';
import { expect, test } from 'vitest';
import { emit, SMALL_RUN } from '../support.js';

test('a capture, a tree, a node, captured spans and SDK spans are all valid subjects', () => {
  const capture = captureSpans();
  emit(capture.getTracer(), SMALL_RUN);
  const exporter = new InMemorySpanExporter();
  emit(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer('t'), SMALL_RUN);
  const subjects: unknown[] = [
    capture,
    capture.treeNow(),
    capture.treeNow().get('orchestrate'),
    capture.spansNow(),
    exporter.getFinishedSpans(),
  ];
  for (const subject of subjects) expect(subject).toHaveSpan('group > execute_tool:error');
});

test('a node subject is its subtree', () => {
  const capture = captureSpans();
  emit(capture.getTracer(), SMALL_RUN);
  const group0 = capture.treeNow().get('"group 0"');
  expect(group0).toHaveSpanCount('execute_tool', 1);
  expect(group0).toHaveSpanCount('group', 1);
  expect(SpanTree.of(group0).roots).toEqual([group0]);
});

test('anything else is a TypeError saying what is accepted', () => {
  expect(() => expect({ spans: [] }).toHaveSpan('x')).toThrowError(
    'toHaveSpan: expect(...) must be given a span capture, a SpanTree, a SpanNode or an array of spans (ReadableSpan or CapturedSpan); got object.',
  );
  expect(() => expect([1, 2]).toHaveSpanCount('x', 0)).toThrowError('got an array of something else than spans');
});

test('an empty array is an empty tree', () => {
  expect([]).toHaveSpanCount('*', 0);
});
