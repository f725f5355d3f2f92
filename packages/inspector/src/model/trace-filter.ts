import type { TraceSummary } from './types.js';

/** What the trace list shows: every field optional; an empty filter keeps every trace. */
export interface TraceFilter {
  service?: string;
  /** Part of the root span's name, any case. */
  rootName?: string;
  strategy?: string;
  outcome?: string;
  /** Only traces lasting at least this long. */
  minDurationMs?: number;
  /** Only traces lasting at most this long. */
  maxDurationMs?: number;
  /** Only traces that started at or after this epoch ms. */
  startedAfterMs?: number;
  /** Only traces that started at or before this epoch ms. */
  startedBeforeMs?: number;
}

/** A column the list sorts by. */
export type TraceSortKey = 'rootName' | 'serviceName' | 'strategy' | 'outcome' | 'spanCount' | 'errorCount' | 'durationMs' | 'startMs';

/** The traces that pass every set field of `filter`, in the given order. */
export function filterTraces(summaries: readonly TraceSummary[], filter: TraceFilter): TraceSummary[] {
  const name = filter.rootName?.trim().toLowerCase() ?? '';
  return summaries.filter(
    (summary) =>
      (filter.service === undefined || summary.serviceName === filter.service) &&
      (name === '' || summary.rootName.toLowerCase().includes(name)) &&
      (filter.strategy === undefined || summary.strategy === filter.strategy) &&
      (filter.outcome === undefined || summary.outcome === filter.outcome) &&
      (filter.minDurationMs === undefined || summary.durationMs >= filter.minDurationMs) &&
      (filter.maxDurationMs === undefined || summary.durationMs <= filter.maxDurationMs) &&
      (filter.startedAfterMs === undefined || summary.startMs >= filter.startedAfterMs) &&
      (filter.startedBeforeMs === undefined || summary.startMs <= filter.startedBeforeMs),
  );
}

/** Sorts by a column (text alphabetically, numbers numerically, missing values last), ties newest first. */
export function sortTraces(summaries: readonly TraceSummary[], key: TraceSortKey, descending: boolean): TraceSummary[] {
  const direction = descending ? -1 : 1;
  return [...summaries].sort((a, b) => {
    const left = a[key];
    const right = b[key];
    if (left === null || right === null) return left === right ? b.startMs - a.startMs : left === null ? 1 : -1;
    const order = typeof left === 'number' && typeof right === 'number' ? left - right : String(left).localeCompare(String(right));
    return order * direction || b.startMs - a.startMs;
  });
}

/** The distinct values of a text column, sorted (the filter's choices). */
export function distinctValues(summaries: readonly TraceSummary[], key: 'serviceName' | 'strategy' | 'outcome'): string[] {
  const values = new Set<string>();
  for (const summary of summaries) {
    const value = summary[key];
    if (value !== null) values.add(value);
  }
  return [...values].sort();
}
