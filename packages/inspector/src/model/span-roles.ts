import {
  ATTR_ATTEMPT_NUMBER,
  ATTR_GROUP_INDEX,
  ATTR_GROUP_STEP_IDS,
  ATTR_PIPELINE_NAME,
  ATTR_PLAN_TOTAL_STEPS,
  ATTR_STAGE_NAME,
  ATTR_STEP_ID,
  ATTR_STEP_STATUS,
  ATTR_STRATEGY,
} from '@tooltrace/core';
import { hasAttribute, stringAttribute } from './span-attributes.js';
import type { StepStatusName } from './trace-view-types.js';
import type { InspectorSpan } from './types.js';

/** A span's place in the tooltrace hierarchy. */
export type TooltraceRole = 'pipeline' | 'stage' | 'orchestrate' | 'group' | 'step' | 'attempt';

/** The span kinds of the tooltrace hierarchy, told apart by their contract attributes. */
export function tooltraceRole(span: InspectorSpan): TooltraceRole | null {
  if (hasAttribute(span, ATTR_STEP_ID)) return 'step';
  if (hasAttribute(span, ATTR_ATTEMPT_NUMBER)) return 'attempt';
  if (hasAttribute(span, ATTR_GROUP_STEP_IDS) || hasAttribute(span, ATTR_GROUP_INDEX)) return 'group';
  if (hasAttribute(span, ATTR_PLAN_TOTAL_STEPS) || hasAttribute(span, ATTR_STRATEGY)) return 'orchestrate';
  if (hasAttribute(span, ATTR_STAGE_NAME)) return 'stage';
  if (hasAttribute(span, ATTR_PIPELINE_NAME)) return 'pipeline';
  return null;
}

/** A step span's status: `tooltrace.step.status`, else ERROR → error, anything else → ok. */
export function stepStatus(span: InspectorSpan): StepStatusName {
  const value = stringAttribute(span, ATTR_STEP_STATUS);
  if (value === null) return span.status.code === 'ERROR' ? 'error' : 'ok';
  const known: StepStatusName[] = ['ok', 'error', 'timed_out', 'cancelled', 'skipped'];
  return known.find((status) => status === value) ?? 'unknown';
}
