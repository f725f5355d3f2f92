import { trace } from '@opentelemetry/api';
import { describe, expect, test } from 'vitest';
import type { ValidatedStep } from '../../src/index.js';
import { AttemptContext } from '../../src/schedule/attempt-context.js';

const step = { id: 'a', tool: 'echo', groupIndex: 2 } as ValidatedStep;
const span = trace.wrapSpanContext({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 });

describe('AttemptContext', () => {
  test('it tells the tool its step, group, start order, span and try', () => {
    const context = new AttemptContext(step, 3, span, 2);
    expect({ ...context, signal: context.signal.aborted }).toEqual({
      stepId: 'a',
      tool: 'echo',
      groupIndex: 2,
      executionOrder: 3,
      span,
      attempt: 2,
      signal: false,
    });
    expect('abort' in context).toBe(false);
  });

  test('a signal read before the abort is aborted with the reason', () => {
    const context = new AttemptContext(step, 0, span, 1);
    const signal = context.signal;
    expect(signal.aborted).toBe(false);
    const reason = new Error('timeout');
    AttemptContext.abort(context, reason);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(reason);
  });

  test('a signal first read after the abort is already aborted with the same reason; later aborts are ignored', () => {
    const context = new AttemptContext(step, 0, span, 1);
    const reason = new Error('cancelled');
    AttemptContext.abort(context, reason);
    AttemptContext.abort(context, new Error('second'));
    expect(context.signal.aborted).toBe(true);
    expect(context.signal.reason).toBe(reason);
    expect(context.signal).toBe(context.signal);
  });
});
