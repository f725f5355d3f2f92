import { ATTR_CRITICAL_PATH } from '@tooltrace/core';
import { criticalPath } from './critical-path.js';
import { stringArrayAttribute } from './span-attributes.js';
import type { RunView, StepView } from './trace-view-types.js';

/**
 * A run's critical path as step keys, first step first: the `tooltrace.critical_path` the run
 * recorded on its orchestrate span (contract v2) when every step it names is in the trace, else
 * computed from the steps' timings (see `criticalPath`, the same rule).
 */
export function runCriticalPath(run: RunView): string[] {
  const recorded = run.span === null ? null : stringArrayAttribute(run.span, ATTR_CRITICAL_PATH);
  if (recorded !== null && recorded.length > 0) {
    const keyOf = new Map(run.steps.map((step) => [step.stepId, step.key]));
    const keys = recorded.map((stepId) => keyOf.get(stepId));
    if (keys.every((key) => key !== undefined)) return keys;
  }
  return timedCriticalPath(run.steps);
}

/** The critical path of `steps` as step keys, computed from their timings and dependencies (see `criticalPath`). */
export function timedCriticalPath(steps: readonly StepView[]): string[] {
  return criticalPath(
    steps.map((step) => ({
      key: step.key,
      ran: step.ran,
      startMs: step.span.startMs,
      endMs: step.span.endMs,
      dependsOnKeys: step.dependsOnKeys,
    })),
  );
}
