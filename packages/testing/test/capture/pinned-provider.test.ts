import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { captureSpans } from '@tooltrace/testing';
import { expect, test } from 'vitest';

test('every startActiveSpan form starts the span in the capture and makes it active', () => {
  const capture = captureSpans();
  const other = captureSpans();
  const tracer = capture.getTracer('forms');
  const parent = tracer.startSpan('explicit parent');
  const results = [
    tracer.startActiveSpan('name and fn', (span) => {
      const active = trace.getActiveSpan() === span;
      span.end();
      return active;
    }),
    tracer.startActiveSpan('with options', { attributes: { form: 2 } }, (span) => {
      const active = trace.getActiveSpan() === span;
      span.end();
      return active;
    }),
    tracer.startActiveSpan('with a context', { attributes: { form: 3 } }, trace.setSpan(ROOT_CONTEXT, parent), (span) => {
      const active = trace.getActiveSpan() === span;
      span.end();
      return active;
    }),
  ];
  parent.end();
  expect(results).toEqual([true, true, true]);
  const tree = capture.treeNow();
  expect(tree.get('"with options"').attributes).toEqual({ form: 2 });
  expect(tree.get('"with a context"').parent?.name).toBe('explicit parent');
  expect(other.spansNow()).toEqual([]);
});

test('startSpan uses the active context as parent when none is given', () => {
  const capture = captureSpans();
  const tracer = capture.getTracer();
  const parent = tracer.startSpan('parent');
  context.with(trace.setSpan(context.active(), parent), () => tracer.startSpan('child').end());
  parent.end();
  expect(
    capture
      .treeNow()
      .get('parent')
      .children.map((node) => node.name),
  ).toEqual(['child']);
});
