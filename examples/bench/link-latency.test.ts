import { describe, expect, it } from 'vitest';
import { linkGaps, percentile } from './link-latency.js';

describe("link-latency's arithmetic", () => {
  it("measures each step's start from the latest end among its dependencies", () => {
    // 0 → 2, 1 → 2, 2 → 3: step 2 waits for step 1 (ends at 12), step 3 for step 2 (ends at 30).
    const deps = [[], [], [0, 1], [2]];
    const starts = [0, 0, 12.5, 31];
    const ends = [10, 12, 30, 40];
    expect(linkGaps(deps, starts, ends)).toEqual([0.5, 1]);
  });

  it('has no gap for steps without dependencies', () => {
    expect(linkGaps([[], []], [0, 0], [1, 1])).toEqual([]);
  });

  it('takes percentiles by nearest rank, NaN for no samples', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(samples, 0.5)).toBe(6);
    expect(percentile(samples, 0.9)).toBe(10);
    expect(percentile(samples, 1)).toBe(10);
    expect(percentile([], 0.5)).toBeNaN();
  });
});
