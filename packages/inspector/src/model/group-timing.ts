import type { GroupView, StepView, TraceView } from './trace-view-types.js';

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

/**
 * A group's timing in one line, worded the same in every view (swimlane label, details panel,
 * `print`): `86ms wall · 156ms busy · 23ms waits`, waits only when there were some; `no step ran`
 * for a group whose steps were all skipped.
 */
export function describeGroupTiming(timing: GroupTiming, formatMs: (ms: number) => string): string {
  if (timing.lastStep === null) return 'no step ran';
  const waits = timing.waitMs > 0 ? ` · ${formatMs(timing.waitMs)} waits` : '';
  return `${formatMs(timing.wallMs)} wall · ${formatMs(timing.busyMs)} busy${waits}`;
}

/**
 * The step that kept a group open, when naming it says something: the group had more than one
 * step and one of them ran.
 */
export function keptOpenBy(group: GroupView, timing: GroupTiming): StepView | null {
  return group.steps.length < 2 ? null : timing.lastStep;
}

/** The execution group whose group span is `spanId`, in any run of the view; undefined if none is. */
export function groupOfSpan(view: TraceView, spanId: string): GroupView | undefined {
  for (const run of view.runs) {
    const group = run.groups.find((each) => each.span?.spanId === spanId);
    if (group !== undefined) return group;
  }
  return undefined;
}
