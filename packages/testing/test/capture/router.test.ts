import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { captureSpans } from '@tooltrace/testing';
import { describe, expect, test } from 'vitest';

const names = (spans: readonly { name: string }[]): string[] => spans.map((span) => span.name);

describe('routing', () => {
  test('run() sends spans of the global API to its capture while other captures are open', () => {
    const a = captureSpans({ label: 'a' });
    const b = captureSpans({ label: 'b' });
    const tracer = trace.getTracer('library');
    a.run(() => tracer.startSpan('in a').end());
    b.run(() => tracer.startSpan('in b').end());
    tracer.startSpan('in neither').end();
    expect(names(a.spansNow())).toEqual(['in a']);
    expect(names(b.spansNow())).toEqual(['in b']);
    expect(a.diagnose().unroutedSpans).toEqual(['in neither']);
    expect(a.diagnose().hints[0]).toContain('capture.run(() => ...)');
  });

  test('run() keeps routing across awaits', async () => {
    const a = captureSpans();
    const b = captureSpans();
    const tracer = trace.getTracer('library');
    await a.run(async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      tracer.startSpan('after an await').end();
    });
    expect(names(a.spansNow())).toEqual(['after an await']);
    expect(b.spansNow()).toEqual([]);
  });

  test('spans of capture.tracerProvider go to that capture, even inside another capture.run()', () => {
    const a = captureSpans();
    const b = captureSpans();
    b.run(() => a.tracerProvider.getTracer('code under test').startSpan('pinned to a').end());
    expect(names(a.spansNow())).toEqual(['pinned to a']);
    expect(b.spansNow()).toEqual([]);
  });

  test('startActiveSpan on capture.tracerProvider routes the spans started inside it', () => {
    const a = captureSpans();
    const b = captureSpans();
    a.getTracer().startActiveSpan('outer', { attributes: { k: 1 } }, (outer) => {
      trace.getTracer('library').startSpan('inner via the global API').end();
      outer.end();
    });
    expect(
      a
        .treeNow()
        .get('outer')
        .children.map((node) => node.name),
    ).toEqual(['inner via the global API']);
    expect(a.treeNow().get('outer').attributes).toEqual({ k: 1 });
    expect(b.spansNow()).toEqual([]);
  });

  test('a span whose context lost the capture follows its trace', () => {
    const a = captureSpans();
    const b = captureSpans();
    const parent = a.getTracer().startSpan('parent');
    const orphanContext = trace.setSpan(ROOT_CONTEXT, parent);
    trace.getTracer('library').startSpan('child', {}, orphanContext).end();
    parent.end();
    expect(
      a
        .treeNow()
        .get('parent')
        .children.map((node) => node.name),
    ).toEqual(['child']);
    expect(b.spansNow()).toEqual([]);
  });

  test('with one open capture, spans of the global API need no run()', () => {
    const capture = captureSpans();
    trace.getTracer('library').startActiveSpan('ambient', (span) => {
      trace.getTracer('library').startSpan('nested').end();
      span.end();
    });
    expect(capture.treeNow().get('ambient').children).toHaveLength(1);
  });
});
