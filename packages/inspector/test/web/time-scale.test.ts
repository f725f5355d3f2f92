import { describe, expect, it } from 'vitest';
import { formatDuration, placeBar, placeLabel, timeTicks } from '../../src/web/client/time-scale.js';

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [0.421, '0.42 ms'],
    [12.34, '12.3 ms'],
    [153.4, '153 ms'],
    [1530, '1.53 s'],
    [12_345, '12.3 s'],
    [125_000, '2m 05s'],
    [Number.NaN, '–'],
  ])('formats %s ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('timeTicks', () => {
  it('puts gridlines at a round interval across the range', () => {
    expect(timeTicks(280, 8).map((tick) => tick.label)).toEqual(['0 ms', '50 ms', '100 ms', '150 ms', '200 ms', '250 ms']);
    expect(timeTicks(1000, 5).map((tick) => tick.percent)).toEqual([0, 20, 40, 60, 80, 100]);
  });

  it('keeps a single origin tick for an empty range', () => {
    expect(timeTicks(0, 8)).toEqual([{ offsetMs: 0, percent: 0, label: '0 ms' }]);
  });
});

describe('placeBar', () => {
  it('places the bar and the wait segment before it in percent of the range', () => {
    expect(placeBar({ startMs: 1030, endMs: 1050 }, 1010, 1000, 100)).toEqual({
      leftPercent: 30,
      widthPercent: 20,
      waitLeftPercent: 10,
      waitWidthPercent: 20,
      labelSide: 'right',
    });
  });

  it('puts the label on the left near the end and clamps to the range', () => {
    expect(placeBar({ startMs: 90, endMs: 130 }, 90, 0, 100)).toMatchObject({
      leftPercent: 90,
      widthPercent: 10,
      waitWidthPercent: 0,
      labelSide: 'left',
    });
  });
});

describe('placeLabel', () => {
  it('puts the label right of the bar when it fits', () => {
    expect(placeLabel(500, 100, 200, 80, 6)).toEqual({ side: 'right', leftPx: 206, widthPx: 80, truncated: false });
  });

  it('puts it left of the bar (and its wait) when only that side fits', () => {
    expect(placeLabel(500, 300, 450, 80, 6)).toEqual({ side: 'left', leftPx: 214, widthPx: 80, truncated: false });
  });

  it('truncates it on the roomier side when neither fits, never past the track', () => {
    expect(placeLabel(500, 150, 300, 400, 6)).toEqual({ side: 'right', leftPx: 306, widthPx: 194, truncated: true });
    expect(placeLabel(500, 250, 400, 400, 6)).toEqual({ side: 'left', leftPx: 0, widthPx: 244, truncated: true });
  });

  it('goes inside a wide bar when neither side has room', () => {
    expect(placeLabel(500, 10, 490, 100, 6)).toEqual({ side: 'inside', leftPx: 16, widthPx: 100, truncated: false });
    expect(placeLabel(500, 0, 500, 600, 6)).toEqual({ side: 'inside', leftPx: 6, widthPx: 488, truncated: true });
  });

  it('keeps every placement inside the track', () => {
    for (let left = 0; left <= 500; left += 25) {
      for (let width = 0; left + width <= 500; width += 50) {
        for (const label of [10, 90, 300, 700]) {
          const placed = placeLabel(500, left, left + width, label, 6);
          expect(placed.leftPx).toBeGreaterThanOrEqual(0);
          expect(placed.leftPx + placed.widthPx).toBeLessThanOrEqual(500);
          expect(placed.widthPx).toBeLessThanOrEqual(label);
        }
      }
    }
  });
});
