import {
  ATTR_ATTEMPT_NUMBER,
  ATTR_GROUP_INDEX,
  ATTR_STEP_ID,
  SPAN_NAME_ATTEMPT,
  SPAN_NAME_EXECUTE_TOOL,
  SPAN_NAME_GROUP,
} from '@tooltrace/core';

/**
 * The selector of a plan step's span: `execute_tool[tooltrace.step.id="<id>"]`.
 *
 * @example
 * expect(capture).toHaveLinkTo(stepSelector('metrics'), stepSelector('primary'))
 */
export function stepSelector(stepId: string): string {
  return `${SPAN_NAME_EXECUTE_TOOL}[${ATTR_STEP_ID}=${JSON.stringify(stepId)}]`;
}

/** The selector of an execution group's span: `group[tooltrace.group_index=<index>]`. */
export function groupSelector(groupIndex: number): string {
  return `${SPAN_NAME_GROUP}[${ATTR_GROUP_INDEX}=${groupIndex}]`;
}

/**
 * The selector of the tries of a retried step, or of one try: `execute_tool[tooltrace.step.id="<id>"] > attempt[tooltrace.attempt.number=<n>]`.
 *
 * @example
 * expect(capture).toHaveSpanCount(attemptSelector('fetch'), 3)
 * expect(capture).toHaveSpan(attemptSelector('fetch', 1), { status: { code: 'error' } })
 */
export function attemptSelector(stepId: string, attempt?: number): string {
  const which = attempt === undefined ? '' : `[${ATTR_ATTEMPT_NUMBER}=${attempt}]`;
  return `${stepSelector(stepId)} > ${SPAN_NAME_ATTEMPT}${which}`;
}
