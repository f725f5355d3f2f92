import type { GroupView, StepView } from './trace-view-types.js';

/** How an execution group spent its time. */
export interface GroupTiming {
  /** From its first step's start to its last step's end (0 when no step ran). */
  wallMs: number;
  /** Its steps' durations added up (more than the wall time when they overlapped). */
  busyMs: number;
  /** Its steps' waits added up: time between being ready (dependencies done) and starting. */
  waitMs: number;
  /** The step that ended last, which kept the group open; null when no step ran. */
  lastStep: StepView | null;
}

/** Wall time, busy time, waits and the step that kept an execution group open. */
export function groupTiming(group: GroupView): GroupTiming {
  const ran = group.steps.filter((step) => step.ran);
  let first = Number.POSITIVE_INFINITY;
  let lastStep: StepView | null = null;
  let busyMs = 0;
  let waitMs = 0;
  for (const step of ran) {
    first = Math.min(first, step.span.startMs);
    if (lastStep === null || step.span.endMs > lastStep.span.endMs) lastStep = step;
    busyMs += step.span.durationMs;
    waitMs += step.waitMs;
  }
  return { wallMs: lastStep === null ? 0 : lastStep.span.endMs - first, busyMs, waitMs, lastStep };
}
