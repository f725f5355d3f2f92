import {
  ATTR_ATTEMPT_NUMBER,
  ATTR_ATTEMPT_STATUS,
  ATTR_EXECUTION_ORDER,
  ATTR_STEP_ATTEMPTS,
  ATTR_STEP_STATUS,
  type ExecutionPlanStep,
  SPAN_NAME_ATTEMPT,
} from '@tooltrace/core';
import { formatValue } from '../query/format-value.js';
import { matchesName } from '../query/name-match.js';
import type { SpanNode } from '../tree/span-node.js';

/** HrTime conversions round to the nanosecond. */
const CLOCK_EPSILON_MS = 0.001;

/** The `attempt {n}` children of a step span, in start order. */
export function attemptSpansOf(stepSpan: SpanNode): SpanNode[] {
  return stepSpan.children.filter((node) => matchesName(SPAN_NAME_ATTEMPT, node.name));
}

/**
 * Tries of the tool the trace shows for a step: its attempt spans when its plan allows retries,
 * else 1 when it started and 0 when it did not.
 */
export function observedAttempts(stepSpan: SpanNode, step: ExecutionPlanStep): number {
  if (step.retry) return attemptSpansOf(stepSpan).length;
  return stepSpan.attributes[ATTR_EXECUTION_ORDER] === undefined ? 0 : 1;
}

/**
 * A retried step's tries: numbered 1..n in start order, one after another inside the step span,
 * n equal to `tooltrace.step.attempts` and within the policy, every try before the last failed,
 * the last `ok` when the step is; no attempt spans at all under a step tried once.
 */
export function checkAttempts(stepSpan: SpanNode, step: ExecutionPlanStep, expected: number | undefined): string[] {
  const problems: string[] = [];
  const label = `step "${step.id}"`;
  const tries = attemptSpansOf(stepSpan);
  if (!step.retry) {
    if (tries.length > 0) problems.push(`${label}: ${tries.length} attempt span(s), but its plan has no retry policy`);
  } else {
    const recorded = stepSpan.attributes[ATTR_STEP_ATTEMPTS];
    const started = stepSpan.attributes[ATTR_EXECUTION_ORDER] !== undefined;
    if (started && recorded !== tries.length)
      problems.push(`${label}: ${ATTR_STEP_ATTEMPTS} is ${formatValue(recorded)}, but ${tries.length} attempt span(s) were captured`);
    if (tries.length > step.retry.attempts)
      problems.push(`${label}: ${tries.length} attempt spans, but its retry policy allows ${step.retry.attempts}`);
    problems.push(...checkTries(stepSpan, tries, label));
  }
  if (expected !== undefined) {
    const observed = observedAttempts(stepSpan, step);
    if (observed !== expected) problems.push(`${label}: expected ${expected} attempt(s), the trace shows ${observed}`);
  }
  return problems;
}

function checkTries(stepSpan: SpanNode, tries: readonly SpanNode[], label: string): string[] {
  const problems: string[] = [];
  tries.forEach((attempt, index) => {
    const number = attempt.attributes[ATTR_ATTEMPT_NUMBER];
    if (number !== index + 1)
      problems.push(`${label}: attempt span ${index + 1} (by start time) has ${ATTR_ATTEMPT_NUMBER} ${formatValue(number)}`);
    const previous = tries[index - 1];
    if (previous?.endMs !== undefined && attempt.startMs < previous.endMs - CLOCK_EPSILON_MS)
      problems.push(`${label}: attempt ${index + 1} started before attempt ${index} ended`);
    const outside =
      attempt.startMs < stepSpan.startMs - CLOCK_EPSILON_MS ||
      (attempt.endMs !== undefined && stepSpan.endMs !== undefined && attempt.endMs > stepSpan.endMs + CLOCK_EPSILON_MS);
    if (outside) problems.push(`${label}: attempt ${index + 1} lies outside its step span`);
    const status = attempt.attributes[ATTR_ATTEMPT_STATUS];
    if (index < tries.length - 1 && status !== 'error' && status !== 'timed_out')
      problems.push(`${label}: attempt ${index + 1} is ${formatValue(status)}, yet another try followed it`);
  });
  const last = tries.at(-1);
  if (last && stepSpan.attributes[ATTR_STEP_STATUS] === 'ok' && last.attributes[ATTR_ATTEMPT_STATUS] !== 'ok')
    problems.push(`${label}: the step is ok, but its last attempt is ${formatValue(last.attributes[ATTR_ATTEMPT_STATUS])}`);
  return problems;
}
