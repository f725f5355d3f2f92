/** What every framework runs: the same 200 no-op steps, each counted, so the bench can prove the shape before timing it. */

/** Steps per run, for every framework. */
export const STEPS = 200;

/** The tool every step calls: an async function returning a small object. */
export const noop = async (n: number) => ({ n });

/** One framework's workload, sequential or parallel, and a count of step calls per step index. */
export interface Workload {
  /** Runs the 200 steps once; rejects if the framework reports anything but success. */
  run(): Promise<void>;
  /** How many times each step index has been called since the last `reset()`. */
  readonly calls: number[];
  reset(): void;
}

/** A counter of calls per step index, shared by a workload's step functions. */
export function callCounter(): { calls: number[]; count: (index: number) => void; reset: () => void } {
  const calls = new Array<number>(STEPS).fill(0);
  return {
    calls,
    count: (index) => {
      calls[index] = (calls[index] ?? 0) + 1;
    },
    reset: () => calls.fill(0),
  };
}

/** Differences from "every one of the 200 steps ran exactly `runs` times" (none when the shape holds). */
export function shapeDifferences(name: string, calls: readonly number[], runs: number): string[] {
  const differences: string[] = [];
  if (calls.length !== STEPS) differences.push(`${name}: ${calls.length} step counters, expected ${STEPS}`);
  const wrong = calls.flatMap((count, index) => (count === runs ? [] : [`step ${index} ran ${count}×`]));
  if (wrong.length > 0)
    differences.push(
      `${name}: expected every step to run ${runs}×, but ${wrong.slice(0, 5).join(', ')}${wrong.length > 5 ? ` (+${wrong.length - 5} more)` : ''}`,
    );
  return differences;
}
