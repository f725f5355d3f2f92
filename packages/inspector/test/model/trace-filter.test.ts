import { describe, expect, it } from 'vitest';
import { distinctValues, filterTraces, sortTraces } from '../../src/model/trace-filter.js';
import type { TraceSummary } from '../../src/model/types.js';

const row = (traceId: string, fields: Partial<TraceSummary>): TraceSummary => ({
  traceId,
  rootName: 'pipeline incident',
  serviceName: 'incident-bot',
  startMs: 1000,
  durationMs: 100,
  spanCount: 10,
  errorCount: 0,
  strategy: 'dag',
  outcome: 'ok',
  ...fields,
});

const rows = [
  row('a', { startMs: 3000, durationMs: 50, outcome: 'error', errorCount: 1 }),
  row('b', { startMs: 2000, durationMs: 500, serviceName: 'checkout', rootName: 'GET /cart', strategy: null, outcome: null }),
  row('c', { startMs: 1000, durationMs: 120, strategy: 'serial' }),
];
const ids = (list: TraceSummary[]): string[] => list.map((summary) => summary.traceId);

describe('filterTraces', () => {
  it('keeps traces matching every set field: service, root name (any case, part), strategy, outcome, duration, time range', () => {
    expect(ids(filterTraces(rows, {}))).toEqual(['a', 'b', 'c']);
    expect(ids(filterTraces(rows, { service: 'checkout' }))).toEqual(['b']);
    expect(ids(filterTraces(rows, { rootName: 'INCIDENT' }))).toEqual(['a', 'c']);
    expect(ids(filterTraces(rows, { strategy: 'serial' }))).toEqual(['c']);
    expect(ids(filterTraces(rows, { outcome: 'error' }))).toEqual(['a']);
    expect(ids(filterTraces(rows, { minDurationMs: 100, maxDurationMs: 200 }))).toEqual(['c']);
    expect(ids(filterTraces(rows, { startedAfterMs: 2000 }))).toEqual(['a', 'b']);
    expect(ids(filterTraces(rows, { startedBeforeMs: 1999, rootName: 'incident' }))).toEqual(['c']);
  });
});

describe('sortTraces', () => {
  it('sorts numbers numerically and text alphabetically, either way, missing values last', () => {
    expect(ids(sortTraces(rows, 'durationMs', true))).toEqual(['b', 'c', 'a']);
    expect(ids(sortTraces(rows, 'durationMs', false))).toEqual(['a', 'c', 'b']);
    expect(ids(sortTraces(rows, 'rootName', false))).toEqual(['b', 'a', 'c']);
    expect(ids(sortTraces(rows, 'strategy', false))).toEqual(['a', 'c', 'b']);
    expect(ids(sortTraces(rows, 'strategy', true))).toEqual(['c', 'a', 'b']);
  });

  it('lists the distinct values a filter offers', () => {
    expect(distinctValues(rows, 'serviceName')).toEqual(['checkout', 'incident-bot']);
    expect(distinctValues(rows, 'outcome')).toEqual(['error', 'ok']);
  });
});
