import type { StepResult } from './types.js';

/** The chain of steps that determined when a run ended, as measured. */
export interface CriticalPath {
  /** Step ids, first to last. */
  stepIds: string[];
  /** From the first step's start to the last step's end, in milliseconds. */
  durationMs: number;
}

/**
 * The measured critical path: from the step that ended last, repeatedly to the step it waited for
 * last — the dependency (or, in `serial`, the previous step) whose end made it ready, or, when it
 * then queued for a concurrency slot, the step whose end freed that slot. Steps that never started
 * are not on it. Null when no step started.
 *
 * @param waitedFor for each step, the index of the step whose end let it start, or -1 (it was ready at once).
 */
export function measuredCriticalPath(results: readonly StepResult[], waitedFor: ArrayLike<number>): CriticalPath | null {
  let last = -1;
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < results.length; index++) {
    const result = results[index] as StepResult;
    if (result.startTime === null || result.endTime === null) continue;
    if (result.endTime >= lastEnd) {
      last = index;
      lastEnd = result.endTime;
    }
  }
  if (last === -1) return null;
  const chain: number[] = [];
  const seen = new Uint8Array(results.length);
  for (let index = last; index >= 0 && !seen[index]; index = waitedFor[index] ?? -1) {
    seen[index] = 1;
    chain.push(index);
  }
  chain.reverse();
  const first = results[chain[0] as number];
  const end = results[last]?.endTime ?? 0;
  return {
    stepIds: chain.map((index) => results[index]?.id ?? ''),
    durationMs: end - (first?.startTime ?? end),
  };
}
