import { ATTR_GROUP_INDEX, ATTR_STEP_ID, SPAN_NAME_EXECUTE_TOOL, SPAN_NAME_GROUP } from '@tooltrace/core';

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
