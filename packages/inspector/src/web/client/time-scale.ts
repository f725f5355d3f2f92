/** A horizontal placement in percent of the timeline's width. */
export interface BarPlacement {
  leftPercent: number;
  widthPercent: number;
  /** The wait segment before the bar (from ready to start); zero width when it did not wait. */
  waitLeftPercent: number;
  waitWidthPercent: number;
  /** Where the label goes so it stays inside the timeline. */
  labelSide: 'left' | 'right';
}

/** A gridline of the time axis. */
export interface TimeTick {
  offsetMs: number;
  percent: number;
  label: string;
}

/** Human duration: `0.42 ms`, `12.3 ms`, `153 ms`, `1.53 s`, `2m 05s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const abs = Math.abs(ms);
  if (abs < 1) return `${Number(ms.toFixed(2))} ms`;
  if (abs < 100) return `${Number(ms.toFixed(1))} ms`;
  if (abs < 1000) return `${Math.round(ms)} ms`;
  if (abs < 60_000) return `${Number((ms / 1000).toFixed(abs < 10_000 ? 2 : 1))} s`;
  const minutes = Math.floor(abs / 60_000);
  const seconds = Math.floor((abs % 60_000) / 1000);
  return `${ms < 0 ? '-' : ''}${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

/** Gridlines at a round interval (1, 2 or 5 × 10ⁿ ms), at most `maxTicks` + 1 of them. */
export function timeTicks(rangeMs: number, maxTicks: number): TimeTick[] {
  if (!(rangeMs > 0) || maxTicks < 1) return [{ offsetMs: 0, percent: 0, label: formatDuration(0) }];
  const rough = rangeMs / maxTicks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? rough;
  const ticks: TimeTick[] = [];
  for (let offsetMs = 0; offsetMs <= rangeMs + step * 1e-9; offsetMs += step) {
    const rounded = Number(offsetMs.toPrecision(12));
    ticks.push({ offsetMs: rounded, percent: (rounded / rangeMs) * 100, label: formatDuration(rounded) });
  }
  return ticks;
}

/**
 * Places a bar and its wait segment on a timeline that starts at `originMs` and lasts `rangeMs`.
 * Zero-length spans keep zero width (the page gives them a minimum size in CSS).
 */
export function placeBar(span: { startMs: number; endMs: number }, readyMs: number, originMs: number, rangeMs: number): BarPlacement {
  const toPercent = (ms: number): number => (rangeMs > 0 ? ((ms - originMs) / rangeMs) * 100 : 0);
  const clamp = (percent: number): number => Math.min(100, Math.max(0, percent));
  const left = clamp(toPercent(span.startMs));
  const right = clamp(toPercent(span.endMs));
  const waitLeft = clamp(toPercent(Math.min(readyMs, span.startMs)));
  return {
    leftPercent: left,
    widthPercent: Math.max(0, right - left),
    waitLeftPercent: waitLeft,
    waitWidthPercent: Math.max(0, left - waitLeft),
    labelSide: right > 70 ? 'left' : 'right',
  };
}

/** Where a bar's label goes, in pixels of its track. */
export interface LabelPlacement {
  side: 'right' | 'left' | 'inside';
  /** The label box's left edge. */
  leftPx: number;
  /** The label box's width (smaller than its natural width when truncated). */
  widthPx: number;
  truncated: boolean;
}

/**
 * Keeps a bar's label inside its track `[0, trackPx]`: right of the bar when it fits there, else left
 * of the bar (before its wait segment) when it fits there, else on the roomier side, truncated to it.
 * When neither side leaves 48 px but the bar is wider, the label goes inside the bar, truncated.
 * `gapPx` is the space between bar and label.
 */
export function placeLabel(trackPx: number, barLeftPx: number, barRightPx: number, labelPx: number, gapPx: number): LabelPlacement {
  const track = Math.max(0, trackPx);
  const left = Math.min(Math.max(0, barLeftPx), track);
  const right = Math.min(Math.max(left, barRightPx), track);
  const roomRight = Math.max(0, track - right - gapPx);
  const roomLeft = Math.max(0, left - gapPx);
  if (labelPx <= roomRight) return { side: 'right', leftPx: right + gapPx, widthPx: labelPx, truncated: false };
  if (labelPx <= roomLeft) return { side: 'left', leftPx: left - gapPx - labelPx, widthPx: labelPx, truncated: false };
  const roomInside = Math.max(0, right - left - 2 * gapPx);
  if (Math.max(roomRight, roomLeft) < 48 && roomInside > Math.max(roomRight, roomLeft)) {
    return { side: 'inside', leftPx: left + gapPx, widthPx: Math.min(labelPx, roomInside), truncated: labelPx > roomInside };
  }
  if (roomRight >= roomLeft) return { side: 'right', leftPx: track - roomRight, widthPx: roomRight, truncated: true };
  return { side: 'left', leftPx: 0, widthPx: roomLeft, truncated: true };
}
