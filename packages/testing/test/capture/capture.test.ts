import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { captureSpans, UnendedSpansError } from '@tooltrace/testing';
import { describe, expect, test, vi } from 'vitest';

const names = (spans: readonly { name: string }[]): string[] => spans.map((span) => span.name);

describe('reading spans', () => {
  test('spans() returns the spans started in the test, in start order', async () => {
    const capture = captureSpans();
    const tracer = capture.getTracer();
    tracer.startActiveSpan('parent', (parent) => {
      tracer.startSpan('first child').end();
      tracer.startSpan('second child').end();
      parent.end();
    });
    const spans = await capture.spans();
    expect(names(spans)).toEqual(['parent', 'first child', 'second child']);
    expect(spans.every((span) => span.ended)).toBe(true);
    const [parent, child] = spans;
    expect(child?.parentSpanId).toBe(parent?.spanId);
  });

  test('tree() waits for running spans to end', async () => {
    const capture = captureSpans();
    const span = capture.getTracer().startSpan('slow');
    let settled = false;
    const tree = capture.tree().then((value) => {
      settled = true;
      return value;
    });
    for (let turn = 0; turn < 5; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    span.end();
    expect((await tree).get('slow').ended).toBe(true);
  });

  test('spans() gives up after timeoutMs, naming the running spans and where they sit', async () => {
    const capture = captureSpans();
    const tracer = capture.getTracer();
    const parent = tracer.startSpan('orchestrate dag');
    const child = tracer.startSpan('execute_tool slow_tool', {}, trace.setSpan(ROOT_CONTEXT, parent));
    const error = await capture.spans({ timeoutMs: 5 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(UnendedSpansError);
    expect((error as UnendedSpansError).code).toBe('UNENDED_SPANS');
    expect((error as UnendedSpansError).spans).toEqual(['"orchestrate dag"', '"execute_tool slow_tool" (under orchestrate dag)']);
    expect((error as Error).message).toContain('2 spans have not ended after waiting 5 ms');
    expect((error as Error).message).toContain('capture.treeNow() reads spans without waiting');
    child.end();
    parent.end();
  });

  test('spansNow() reads running spans as not ended, with their attributes so far', () => {
    const capture = captureSpans();
    const span = capture.getTracer().startSpan('running', { attributes: { step: 'a' } });
    span.setAttribute('later', 1);
    const [read] = capture.spansNow();
    expect(read).toMatchObject({ name: 'running', ended: false, endMs: undefined, attributes: { step: 'a', later: 1 } });
    expect(capture.unendedSpans()).toHaveLength(1);
    span.end();
    expect(capture.unendedSpans()).toHaveLength(0);
  });

  test('clear() forgets ended spans and keeps running ones', () => {
    const capture = captureSpans();
    const tracer = capture.getTracer();
    tracer.startSpan('set-up').end();
    const running = tracer.startSpan('running');
    capture.clear();
    running.end();
    tracer.startSpan('after').end();
    expect(names(capture.spansNow())).toEqual(['running', 'after']);
  });
});

describe('closing', () => {
  test('close() reports running spans; when they end they are late, warned about, and kept out of later captures', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const first = captureSpans({ label: 'first test' });
      const tracer = first.getTracer();
      const leftover = tracer.startSpan('leftover');
      expect(names(first.close().unended)).toEqual(['leftover']);
      expect(first.closed).toBe(true);
      const second = captureSpans({ label: 'second test' });
      leftover.end();
      context.with(trace.setSpan(ROOT_CONTEXT, leftover), () => trace.getTracer('library').startSpan('child of leftover').end());
      expect(names(first.lateSpans())).toEqual(['leftover', 'child of leftover']);
      expect(second.spansNow()).toEqual([]);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('span "leftover" ended after its test "first test" finished'));
      expect(first.diagnose().late).toBe(2);
    } finally {
      warn.mockRestore();
    }
  });

  test('with allowUnended, late spans are not warned about', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const capture = captureSpans({ allowUnended: true });
      const span = capture.getTracer().startSpan('background');
      capture.close();
      span.end();
      expect(capture.lateSpans()).toHaveLength(1);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  test('close() is idempotent and a closed capture keeps its spans', () => {
    const capture = captureSpans();
    capture.getTracer().startSpan('kept').end();
    capture.close();
    expect(capture.close().unended).toEqual([]);
    expect(names(capture.spansNow())).toEqual(['kept']);
  });
});

describe('diagnosis', () => {
  test('an empty capture says how the global provider is set up and what to check', () => {
    const diagnosis = captureSpans({ label: 'empty' }).diagnose();
    expect(diagnosis).toMatchObject({ label: 'empty', spans: 0, globalProvider: 'registered', contextManager: 'installed' });
    expect(diagnosis.hints.join('\n')).toContain('pass it capture.tracerProvider instead');
  });
});
