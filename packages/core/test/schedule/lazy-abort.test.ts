import { describe, expect, test } from 'vitest';
import { LazyAbort } from '../../src/schedule/lazy-abort.js';

describe('LazyAbort', () => {
  test('a signal read before the abort is aborted with the reason', () => {
    const abort = new LazyAbort();
    const signal = abort.signal;
    expect(signal.aborted).toBe(false);
    const reason = new Error('timeout');
    abort.abort(reason);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(reason);
  });

  test('a signal first read after the abort is already aborted with the same reason; later aborts are ignored', () => {
    const abort = new LazyAbort();
    const reason = new Error('cancelled');
    abort.abort(reason);
    abort.abort(new Error('second'));
    expect(abort.signal.aborted).toBe(true);
    expect(abort.signal.reason).toBe(reason);
    expect(abort.signal).toBe(abort.signal);
  });
});
