import { describe, expect, it } from 'vitest';
import { laneProfile } from '../../src/web/client/lane-profile.js';

const step = (startMs: number, endMs: number, status = 'ok', ran = true) => ({ ran, status, span: { startMs, endMs } });

describe('laneProfile', () => {
  it('counts the steps that ran during each slice of the timeline', () => {
    const profile = laneProfile([step(0, 9), step(5, 19), step(25, 29)], 0, 40, 4);
    expect(profile.map((bucket) => bucket.running)).toEqual([2, 1, 1, 0]);
  });

  it('marks slices where a failed step ran and ignores steps that never ran', () => {
    const profile = laneProfile([step(12, 18, 'error'), step(0, 40, 'skipped', false)], 0, 40, 4);
    expect(profile).toEqual([
      { running: 0, failed: false },
      { running: 1, failed: true },
      { running: 0, failed: false },
      { running: 0, failed: false },
    ]);
  });

  it('is empty for an empty range', () => {
    expect(laneProfile([step(0, 1)], 0, 0, 2)).toEqual([
      { running: 0, failed: false },
      { running: 0, failed: false },
    ]);
  });
});
