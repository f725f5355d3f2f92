/** One column of a swimlane's concurrency profile. */
export interface ProfileBucket {
  /** Steps that ran during (part of) the bucket. */
  running: number;
  /** Whether a step that failed or timed out ran in the bucket. */
  failed: boolean;
}

/**
 * How many of a lane's steps ran during each of `buckets` equal slices of the timeline: a compact
 * picture of a large group whose rows are not all drawn.
 */
export function laneProfile(
  steps: readonly { ran: boolean; status: string; span: { startMs: number; endMs: number } }[],
  originMs: number,
  rangeMs: number,
  buckets: number,
): ProfileBucket[] {
  const profile: ProfileBucket[] = Array.from({ length: buckets }, () => ({ running: 0, failed: false }));
  if (!(rangeMs > 0) || buckets < 1) return profile;
  const changes: { at: number; delta: number }[] = [];
  const toBucket = (ms: number): number => Math.min(buckets - 1, Math.max(0, Math.floor(((ms - originMs) / rangeMs) * buckets)));
  for (const step of steps) {
    if (!step.ran) continue;
    const first = toBucket(step.span.startMs);
    const last = toBucket(step.span.endMs);
    changes.push({ at: first, delta: 1 }, { at: last + 1, delta: -1 });
    if (step.status === 'error' || step.status === 'timed_out') {
      for (let index = first; index <= last; index += 1) {
        const bucket = profile[index];
        if (bucket !== undefined) bucket.failed = true;
      }
    }
  }
  changes.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let running = 0;
  let cursor = 0;
  for (let index = 0; index < buckets; index += 1) {
    while (cursor < changes.length && (changes[cursor]?.at ?? Number.POSITIVE_INFINITY) <= index) {
      running += changes[cursor]?.delta ?? 0;
      cursor += 1;
    }
    const bucket = profile[index];
    if (bucket !== undefined) bucket.running = running;
  }
  return profile;
}
