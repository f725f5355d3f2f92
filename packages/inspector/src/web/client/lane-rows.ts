/** The rows a swimlane draws, and how many it leaves out. */
export interface LaneRows<T> {
  visible: T[];
  hiddenCount: number;
}

/**
 * Caps a swimlane at `limit` rows so a 10,000-step trace stays responsive: keeps the first rows
 * in order, plus every pinned row (critical path, search hits, the selected step) wherever it is.
 * A negative limit shows everything.
 */
export function laneRows<T extends { key: string }>(rows: readonly T[], pinnedKeys: ReadonlySet<string>, limit: number): LaneRows<T> {
  if (limit < 0 || rows.length <= limit) return { visible: [...rows], hiddenCount: 0 };
  const visible = rows.filter((row, index) => index < limit || pinnedKeys.has(row.key));
  return { visible, hiddenCount: rows.length - visible.length };
}

/** Keys of the steps a capped swimlane always shows because they went wrong: error, timed_out, cancelled. */
export function failedStepKeys(steps: Iterable<{ key: string; status: string }>): Set<string> {
  const keys = new Set<string>();
  for (const step of steps) {
    if (step.status === 'error' || step.status === 'timed_out' || step.status === 'cancelled') keys.add(step.key);
  }
  return keys;
}
