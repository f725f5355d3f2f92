import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { DEFAULT_RETRY_POLICY, defineTool, NonRetryableError, type RetryPolicy, StepTimeoutError } from '../../src/index.js';
import { backoffDelay, decideRetry, recordAttemptError } from '../../src/schedule/retry.js';
import type { AttemptError } from '../../src/schedule/types.js';

const policy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({ ...DEFAULT_RETRY_POLICY, attempts: 5, ...overrides });
const never = (): number => {
  throw new Error('random must not be called without jitter');
};
const tool = (retryable?: (error: Error) => boolean) =>
  defineTool({ name: 't', input: z.object({}), output: z.unknown(), run: () => 1, ...(retryable ? { retryable } : {}) });

describe('backoffDelay', () => {
  test('grows by factor from backoffMs after each failed attempt', () => {
    const exponential = policy({ backoffMs: 100, factor: 3 });
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(exponential, attempt, never))).toEqual([100, 300, 900, 2700]);
  });

  test('is capped at maxBackoffMs', () => {
    const capped = policy({ backoffMs: 100, factor: 2, maxBackoffMs: 250 });
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(capped, attempt, never))).toEqual([100, 200, 250, 250]);
  });

  test('factor 1 waits the same each time, backoffMs 0 not at all', () => {
    expect(backoffDelay(policy({ backoffMs: 40, factor: 1 }), 4, never)).toBe(40);
    expect(backoffDelay(policy({ backoffMs: 0 }), 3, never)).toBe(0);
  });

  test('jitter draws the wait between wait × (1 − jitter) and wait', () => {
    const jittered = policy({ backoffMs: 1000, factor: 2, jitter: 0.5 });
    expect(backoffDelay(jittered, 1, () => 0)).toBe(1000);
    expect(backoffDelay(jittered, 1, () => 0.999_999)).toBe(500);
    expect(backoffDelay(jittered, 2, () => 0.5)).toBe(1500);
    expect(backoffDelay(policy({ backoffMs: 1000, jitter: 1 }), 1, () => 0.25)).toBe(750);
  });

  test('a random source out of range cannot make a wait negative or longer than the policy', () => {
    const jittered = policy({ backoffMs: 100, jitter: 1 });
    expect(backoffDelay(jittered, 1, () => 7)).toBe(0);
    expect(backoffDelay(jittered, 1, () => -3)).toBe(100);
  });
});

describe('decideRetry', () => {
  const failed = (attempt: number, error: Error = new Error('503'), remainingMs: number | null = null) => ({ attempt, error, remainingMs });

  test('retries a thrown error or a timeout while attempts remain, with the policy wait', () => {
    expect(decideRetry(policy({ attempts: 3 }), tool(), failed(1), never)).toEqual({ retry: true, delayMs: 100 });
    expect(decideRetry(policy({ attempts: 3 }), tool(), failed(2, new StepTimeoutError('s', 't', 5)), never)).toEqual({
      retry: true,
      delayMs: 200,
    });
    expect(decideRetry(policy({ attempts: 3 }), tool(), failed(3), never)).toEqual({ retry: false, reason: 'attempts_exhausted' });
  });

  test('attempts 1 never retries', () => {
    expect(decideRetry(DEFAULT_RETRY_POLICY, tool(), failed(1), never)).toEqual({ retry: false, reason: 'attempts_exhausted' });
  });

  test('NonRetryableError and errors with retryable: false are not retried', () => {
    const marked = Object.assign(new Error('404'), { retryable: false });
    expect(decideRetry(policy(), tool(), failed(1, new NonRetryableError('no such CI')), never)).toEqual({
      retry: false,
      reason: 'not_retryable',
    });
    expect(decideRetry(policy(), tool(), failed(1, marked), never)).toMatchObject({ retry: false, reason: 'not_retryable' });
    expect(decideRetry(policy(), tool(), failed(1, Object.assign(new Error('x'), { retryable: true })), never)).toMatchObject({
      retry: true,
    });
  });

  test("the tool's retryable predicate decides; a predicate that throws means no", () => {
    const only503 = tool((error) => error.message.includes('503'));
    expect(decideRetry(policy(), only503, failed(1, new Error('HTTP 503')), never)).toMatchObject({ retry: true });
    expect(decideRetry(policy(), only503, failed(1, new Error('HTTP 400')), never)).toMatchObject({ reason: 'not_retryable' });
    const throwing = tool(() => {
      throw new Error('predicate bug');
    });
    expect(decideRetry(policy(), throwing, failed(1), never)).toMatchObject({ reason: 'not_retryable' });
  });

  test('an error whose retryable getter throws is not retried', () => {
    const hostile = new Error('x');
    Object.defineProperty(hostile, 'retryable', {
      get() {
        throw new Error('getter');
      },
    });
    expect(decideRetry(policy(), tool(), failed(1, hostile), never)).toMatchObject({ reason: 'not_retryable' });
  });

  test('a wait that would reach the deadline is not started', () => {
    expect(decideRetry(policy(), tool(), failed(1, new Error('x'), 100), never)).toEqual({ retry: false, reason: 'deadline' });
    expect(decideRetry(policy(), tool(), failed(1, new Error('x'), 101), never)).toEqual({ retry: true, delayMs: 100 });
  });
});

describe('recordAttemptError', () => {
  test('keeps the latest ten failed attempts, oldest first', () => {
    const errors: AttemptError[] = [];
    for (let attempt = 1; attempt <= 13; attempt++) recordAttemptError(errors, attempt, new Error(`try ${attempt}`));
    expect(errors.map((entry) => entry.attempt)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(errors.at(-1)?.error.message).toBe('try 13');
  });
});
