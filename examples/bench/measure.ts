/** Timing and heap measurement for the bench: CPU and wall time, alternating blocks, min and median. */

/** Min and median of a set of samples. */
export interface Spread {
  min: number;
  median: number;
}

/** Per-step cost of one subject, in microseconds. */
export interface Cost {
  cpu: Spread;
  wall: Spread;
}

/** The middle sample (the upper of the two middle ones for an even count); NaN for none. */
export function median(samples: readonly number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? Number.NaN;
}

function spread(samples: number[]): Spread {
  return { min: samples.length > 0 ? Math.min(...samples) : Number.NaN, median: median(samples) };
}

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

/**
 * Runs the subjects in alternating blocks (the order flips every block, so neither side always runs
 * on a warmer or more loaded machine) after `warmup` untimed rounds; returns µs per step.
 */
export async function alternate<K extends string>(
  steps: number,
  blocks: number,
  subjects: Record<K, () => Promise<unknown>>,
  warmup = Math.max(3, Math.ceil(blocks / 3)),
): Promise<Record<K, Cost>> {
  const names = Object.keys(subjects) as K[];
  for (let round = 0; round < warmup; round++) for (const name of names) await subjects[name]();
  const cpu = new Map<K, number[]>(names.map((name) => [name, []]));
  const wall = new Map<K, number[]>(names.map((name) => [name, []]));
  for (let block = 0; block < blocks; block++) {
    const order = block % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const cpuStart = cpuMicros();
      const wallStart = performance.now();
      await subjects[name]();
      wall.get(name)?.push(((performance.now() - wallStart) * 1000) / steps);
      cpu.get(name)?.push((cpuMicros() - cpuStart) / steps);
    }
  }
  return Object.fromEntries(
    names.map((name) => [name, { cpu: spread(cpu.get(name) ?? []), wall: spread(wall.get(name) ?? []) }]),
  ) as Record<K, Cost>;
}

const collect = (globalThis as { gc?: () => void }).gc;

/** Heap in use after a full collection (needs `node --expose-gc`; without it, as is). */
export function liveHeap(): number {
  collect?.();
  collect?.();
  return process.memoryUsage().heapUsed;
}

/** Whether live-heap figures are exact (a full GC could be forced). */
export const exactHeap = collect !== undefined;

/** A promise with its resolve function, for tools held open until every step is in flight. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** The geometric mean: the mean of ratios, each counted alike whichever side is larger. */
export function geometricMean(values: readonly number[]): number {
  return Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
}
