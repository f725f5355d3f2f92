import { describe, expect, it } from 'vitest';
import { isFailedStep, summarizeFailures } from '../../src/model/failures.js';
import { buildTraceView } from '../../src/model/trace-view.js';
import { demoFixture, fixtureTrace } from '../web/fixtures.js';

describe('summarizeFailures', () => {
  it('lists the failed steps, the first exception message and the skipped count', () => {
    const summary = summarizeFailures(buildTraceView(demoFixture()));
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
    const summary = summarizeFailures(buildTraceView(trace));
    expect(summary?.failed.map((step) => step.stepId)).toEqual(['b', 'c']);
    expect(summary?.firstError).toBe('b failed');
    expect(summary?.skipped).toBe(1);
  });

  it('is null when no step failed', () => {
    const trace = fixtureTrace([{ id: 'a', start: 0, end: 10, group: 0, status: 'cancelled' }]);
    expect(summarizeFailures(buildTraceView(trace))).toBeNull();
  });

  it('counts error and timed_out only', () => {
    expect(['ok', 'error', 'timed_out', 'cancelled', 'skipped', 'unknown'].filter((status) => isFailedStep({ status }))).toEqual([
      'error',
      'timed_out',
    ]);
  });
});
