import { z } from 'zod';

/** Largest delay `setTimeout` honours (2^31 − 1 ms, about 24.8 days). */
export const MAX_TIMER_MS = 2_147_483_647;

/** Most attempts a policy may ask for: a plan that retries more than this is a mistake, not a policy. */
export const MAX_ATTEMPTS = 100;

/**
 * Schema of a retry policy as written (every field optional), per step or as the plan's default.
 * Field descriptions go into `planJsonSchema()` for LLM planners. Its rules are also checked by
 * hand in well-formed.ts: change both together.
 */
export const RetryPolicySchema = z
  .strictObject({
    attempts: z
      .number()
      .int()
      .min(1, 'attempts counts the first try, so it is at least 1')
      .max(MAX_ATTEMPTS, `attempts is at most ${MAX_ATTEMPTS}`)
      .optional()
      .describe('Most tries in all, the first included (1 = no retry). Default 1.'),
    backoffMs: z.number().int().min(0).max(MAX_TIMER_MS).optional().describe('Wait before the second try, in milliseconds. Default 100.'),
    factor: z
      .number()
      .min(1, 'factor must be at least 1 (waits never shrink)')
      .max(100)
      .optional()
      .describe('Each further wait is the previous one times this. Default 2.'),
    maxBackoffMs: z
      .number()
      .int()
      .min(0)
      .max(MAX_TIMER_MS)
      .optional()
      .describe('Longest wait between tries, in milliseconds. Default 30000.'),
    jitter: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('0 to 1: each wait is drawn at random between wait × (1 − jitter) and wait. Default 0 (exact waits).'),
  })
  .describe('Retry policy: failed tries (thrown errors, timeouts) are tried again after a backoff wait.');

/** A retry policy as written in a plan. */
export type RetryPolicyInput = z.input<typeof RetryPolicySchema>;

/** A retry policy with its defaults resolved. */
export interface RetryPolicy {
  /** Most tries in all, the first included; 1 means no retry. */
  attempts: number;
  /** Wait before the second try, in milliseconds. */
  backoffMs: number;
  /** Multiplier from one wait to the next. */
  factor: number;
  /** Cap on any one wait, in milliseconds. */
  maxBackoffMs: number;
  /** 0–1: how much of each wait is drawn at random (0 = exact, 1 = anywhere from 0 to the wait). */
  jitter: number;
}

/** The policy of a step with no `retry` anywhere: one try. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  attempts: 1,
  backoffMs: 100,
  factor: 2,
  maxBackoffMs: 30_000,
  jitter: 0,
});

/** The step's effective policy: each field from the step, else the plan's default, else {@link DEFAULT_RETRY_POLICY}. */
export function resolveRetryPolicy(planDefault: RetryPolicyInput | undefined, step: RetryPolicyInput | undefined): Readonly<RetryPolicy> {
  // Most steps have no policy anywhere: share the frozen default rather than allocate one per step
  // (and, the merge being apart, not even the context of its closure).
  if (planDefault === undefined && step === undefined) return DEFAULT_RETRY_POLICY;
  return mergedRetryPolicy(planDefault, step);
}

function mergedRetryPolicy(planDefault: RetryPolicyInput | undefined, step: RetryPolicyInput | undefined): RetryPolicy {
  const pick = <K extends keyof RetryPolicy>(key: K): RetryPolicy[K] =>
    (step?.[key] ?? planDefault?.[key] ?? DEFAULT_RETRY_POLICY[key]) as RetryPolicy[K];
  return {
    attempts: pick('attempts'),
    backoffMs: pick('backoffMs'),
    factor: pick('factor'),
    maxBackoffMs: pick('maxBackoffMs'),
    jitter: pick('jitter'),
  };
}
