import { describe, expect, it } from 'vitest';
import { formatDuration, placeBar, timeTicks } from '../../src/web/client/time-scale.js';

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
