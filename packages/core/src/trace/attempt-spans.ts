import type { Attributes, Span } from '@opentelemetry/api';
import * as attr from './attributes.js';
import { recordFailure } from './plan-spans.js';
import { safely } from './safe-span.js';

/** How one try of a step ended. */
export type AttemptStatus = 'ok' | 'error' | 'timed_out' | 'cancelled';

/** Name of the span of try `attempt` of a step: `attempt {n}` (low cardinality: n ≤ the policy's attempts). */
export function attemptSpanName(attempt: number): string {
  return `${attr.SPAN_NAME_ATTEMPT} ${attempt}`;
}

/** Attributes of an attempt span when it starts; its final status overwrites `running`. */
export function attemptAttributes(attempt: number, backoffMs: number | null): Attributes {
  const attributes: Attributes = {
    [attr.ATTR_ATTEMPT_NUMBER]: attempt,
    [attr.ATTR_ATTEMPT_STATUS]: 'running',
  };
  if (backoffMs !== null) attributes[attr.ATTR_ATTEMPT_BACKOFF_MS] = backoffMs;
  return attributes;
}

/**
 * Records how a try ended: a failed or timed-out try is ERROR with an `exception` event and
 * `error.type`; a cancelled one keeps status UNSET (collateral, like a cancelled step).
 */
export function annotateAttempt(span: Span, status: AttemptStatus, error: Error | undefined, time: number): void {
  safely(() => span.setAttribute(attr.ATTR_ATTEMPT_STATUS, status));
  if (error && status !== 'ok') recordFailure(span, error, time, status !== 'cancelled');
}
