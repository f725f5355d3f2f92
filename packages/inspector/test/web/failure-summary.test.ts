import { describe, expect, it } from 'vitest';
import { isFailedStep, summarizeFailures } from '../../src/web/client/failure-summary.js';
import { buildTraceView } from '../../src/web/client/trace-view.js';
import { TRACE_KEYS } from '../../src/web/trace-keys.js';
import { demoFixture, fixtureTrace } from './fixtures.js';

describe('summarizeFailures', () => {
  it('lists the failed steps, the first exception message and the skipped count', () => {
    const summary = summarizeFailures(TRACE_KEYS, buildTraceView(TRACE_KEYS, demoFixture()));
    expect(summary?.failed.map((step) => step.stepId)).toEqual(['events']);
    expect(summary?.total).toBe(7);
    expect(summary?.skipped).toBe(1);
    expect(summary?.firstError).toBe('event index unavailable');
  });

  it("falls back to the span's status message and counts timed-out steps as failed", () => {
    const trace = fixtureTrace([
      { id: 'a', start: 0, end: 10, group: 0 },
      { id: 'b', dependsOn: ['a'], start: 10, end: 30, group: 1, status: 'timed_out' },
      { id: 'c', dependsOn: ['a'], start: 10, end: 20, group: 1, status: 'error', executionOrder: 1 },
      { id: 'd', dependsOn: ['b'], start: 30, end: 30, group: 2, status: 'skipped', executionOrder: null },
    ]);
    const summary = summarizeFailures(TRACE_KEYS, buildTraceView(TRACE_KEYS, trace));
    expect(summary?.failed.map((step) => step.stepId)).toEqual(['b', 'c']);
    expect(summary?.firstError).toBe('b failed');
    expect(summary?.skipped).toBe(1);
  });

  it('is null when no step failed', () => {
    const trace = fixtureTrace([{ id: 'a', start: 0, end: 10, group: 0, status: 'cancelled' }]);
    expect(summarizeFailures(TRACE_KEYS, buildTraceView(TRACE_KEYS, trace))).toBeNull();
  });

  it('counts error and timed_out only', () => {
    expect(['ok', 'error', 'timed_out', 'cancelled', 'skipped', 'unknown'].filter((status) => isFailedStep({ status }))).toEqual([
      'error',
      'timed_out',
    ]);
  });
});

describe("the header's error count", () => {
  it('counts failed steps, not the group, orchestrate and stage spans that inherit their ERROR status', () => {
    const trace = fixtureTrace([
      { id: 'a', start: 0, end: 10, group: 0 },
      { id: 'b', dependsOn: ['a'], start: 10, end: 30, group: 1, status: 'timed_out' },
      { id: 'c', dependsOn: ['a'], start: 10, end: 20, group: 1, status: 'error', executionOrder: 1 },
    ]);
    const spans = trace.spans.map((each) =>
      each.name.startsWith('execute_tool') ? each : { ...each, status: { code: 'ERROR' as const } },
    );
    expect(spans.filter((each) => each.status.code === 'ERROR').length).toBeGreaterThan(2);
    expect(buildTraceView(TRACE_KEYS, { ...trace, spans }).errorCount).toBe(2);
  });
});
