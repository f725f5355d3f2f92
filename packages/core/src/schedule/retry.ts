import type { RetryPolicy } from '../plan/retry-policy.js';
import type { AnyTool } from '../tools/define-tool.js';
import { isMarkedNonRetryable } from '../tools/errors.js';
import { type AttemptError, MAX_ATTEMPT_ERRORS } from './types.js';

/**
 * The wait after failed attempt `failedAttempt` (1-based) before the next one:
 * `backoffMs × factor^(failedAttempt − 1)`, capped at `maxBackoffMs`, then with `jitter` drawn
 * uniformly from [wait × (1 − jitter), wait]. `random` returns a number in [0, 1).
 *
 * @example
 * backoffDelay({ attempts: 4, backoffMs: 100, factor: 2, maxBackoffMs: 250, jitter: 0 }, 3, Math.random) // 250
 */
export function backoffDelay(policy: RetryPolicy, failedAttempt: number, random: () => number): number {
  const exponential = policy.backoffMs * policy.factor ** Math.max(0, failedAttempt - 1);
  const capped = Math.min(policy.maxBackoffMs, exponential);
  if (policy.jitter === 0 || capped === 0) return capped;
  const draw = Math.min(Math.max(random(), 0), 1);
  return Math.round(capped * (1 - policy.jitter * draw));
}

/** What to do after an attempt failed. */
export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: 'attempts_exhausted' | 'not_retryable' | 'deadline' };

/** Facts about the failed attempt that the decision needs. */
export interface FailedAttempt {
  /** 1-based number of the attempt that failed. */
  attempt: number;
  error: Error;
  /** Milliseconds left before the step's deadline; null when it has none. */
  remainingMs: number | null;
}

/**
 * Whether a failed attempt is tried again, and after how long. Never for errors marked
 * non-retryable ({@link NonRetryableError}, or `retryable: false` on the error), nor when the tool's
 * `retryable(error)` says no (or throws), nor when the wait would run past the step's deadline.
 */
export function decideRetry(policy: RetryPolicy, tool: AnyTool, failed: FailedAttempt, random: () => number): RetryDecision {
  if (failed.attempt >= policy.attempts) return { retry: false, reason: 'attempts_exhausted' };
  if (!isRetryable(tool, failed.error)) return { retry: false, reason: 'not_retryable' };
  const delayMs = backoffDelay(policy, failed.attempt, random);
  if (failed.remainingMs !== null && delayMs >= failed.remainingMs) return { retry: false, reason: 'deadline' };
  return { retry: true, delayMs };
}

function isRetryable(tool: AnyTool, error: Error): boolean {
  if (isMarkedNonRetryable(error)) return false;
  if (typeof tool.retryable !== 'function') return true;
  try {
    return Boolean(tool.retryable(error));
  } catch {
    // A predicate that throws cannot vouch for a retry.
    return false;
  }
}

/** Appends a failed try's error, keeping only the latest {@link MAX_ATTEMPT_ERRORS}. */
export function recordAttemptError(errors: AttemptError[], attempt: number, error: Error): void {
  errors.push({ attempt, error });
  if (errors.length > MAX_ATTEMPT_ERRORS) errors.splice(0, errors.length - MAX_ATTEMPT_ERRORS);
}
