import { describe, expect, it } from 'vitest';
import { failedStepKeys, laneRows } from '../../src/web/client/lane-rows.js';

const rows = Array.from({ length: 10 }, (_, index) => ({ key: `s${index}` }));

describe('laneRows', () => {
  it('keeps every row under the limit', () => {
    expect(laneRows(rows, new Set(), 10)).toEqual({ visible: rows, hiddenCount: 0 });
  });

  it('keeps the first rows plus pinned ones past the limit, and counts the rest', () => {
    const result = laneRows(rows, new Set(['s8']), 3);
    expect(result.visible.map((row) => row.key)).toEqual(['s0', 's1', 's2', 's8']);
    expect(result.hiddenCount).toBe(6);
  });

  it('shows everything with a negative limit', () => {
    expect(laneRows(rows, new Set(), -1).hiddenCount).toBe(0);
  });
});

describe('failedStepKeys', () => {
  it('pins error, timed_out and cancelled steps', () => {
    const steps = ['ok', 'error', 'timed_out', 'cancelled', 'skipped', 'unknown'].map((status, index) => ({ key: `s${index}`, status }));
    expect([...failedStepKeys(steps)]).toEqual(['s1', 's2', 's3']);
    const shown = laneRows(rows, failedStepKeys([{ key: 's9', status: 'error' }]), 2);
    expect(shown.visible.map((row) => row.key)).toEqual(['s0', 's1', 's9']);
  });
});
