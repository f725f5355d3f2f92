import { describe, expect, it } from 'vitest';
import { countErrors, errorSpanIds } from '../../src/model/errors.js';
import { summarizeTrace } from '../../src/model/summarize.js';
import { buildTraceView } from '../../src/model/trace-view.js';
import type { InspectorSpan, InspectorTrace } from '../../src/model/types.js';
import { demoFixture, fixtureTrace, span, spanIdFor } from '../web/fixtures.js';

/** Sets ERROR on the given spans and on every ancestor of them, as the SDK's tooltrace spans do. */
function failUpwards(trace: InspectorTrace, spanIds: string[]): InspectorTrace {
  const byId = new Map(trace.spans.map((each) => [each.spanId, each]));
  const failing = new Set<string>();
  for (const spanId of spanIds) {
    let current: InspectorSpan | undefined = byId.get(spanId);
    while (current !== undefined) {
      failing.add(current.spanId);
      current = current.parentSpanId === null ? undefined : byId.get(current.parentSpanId);
    }
  }
  return {
    ...trace,
    spans: trace.spans.map((each) => (failing.has(each.spanId) ? { ...each, status: { code: 'ERROR' as const } } : each)),
  };
}

const stepSpanId = (trace: InspectorTrace, stepId: string): string =>
  trace.spans.find((each) => each.attributes['tooltrace.step.id'] === stepId)?.spanId ?? '';

describe('errorSpanIds (the one definition of "errors")', () => {
  it('counts a failed step once, not the group, orchestrate, stage and pipeline spans its failure reaches', () => {
    const trace = failUpwards(demoFixture(), [spanIdFor('step events')]);
    expect(trace.spans.filter((each) => each.status.code === 'ERROR')).toHaveLength(5);
    expect(errorSpanIds(trace)).toEqual([stepSpanId(trace, 'events')]);
  });

  it("counts a failed step once when its tool's own HTTP span failed too", () => {
    const base = fixtureTrace([{ id: 'lookup', start: 0, end: 10, group: 0, status: 'error' }]);
    const trace = failUpwards(base, [spanIdFor('http')]);
    expect(trace.spans.find((each) => each.spanId === spanIdFor('http'))?.status.code).toBe('ERROR');
    expect(errorSpanIds(trace)).toEqual([stepSpanId(trace, 'lookup')]);
  });

  it('does not count a failed call inside a step that recovered (the step is ok)', () => {
    const base = fixtureTrace([{ id: 'lookup', start: 0, end: 10, group: 0 }]);
    const trace = {
      ...base,
      spans: base.spans.map((each) => (each.spanId === spanIdFor('http') ? { ...each, status: { code: 'ERROR' as const } } : each)),
    };
    expect(countErrors(trace)).toBe(0);
  });

  it('counts timed-out steps, and neither cancelled nor skipped ones', () => {
    const trace = fixtureTrace([
      { id: 'a', start: 0, end: 10, group: 0, status: 'timed_out' },
      { id: 'b', start: 0, end: 10, group: 0, status: 'cancelled' },
      { id: 'c', dependsOn: ['a'], start: 10, end: 10, group: 1, status: 'skipped', executionOrder: null },
    ]);
    expect(errorSpanIds(trace)).toEqual([stepSpanId(trace, 'a')]);
  });

  it('counts a stage whose own code threw (no step below it failed)', () => {
    const trace = failUpwards(fixtureTrace([{ id: 'a', start: 0, end: 10, group: 0 }]), [spanIdFor('stage compose')]);
    expect(errorSpanIds(trace)).toEqual([spanIdFor('stage compose')]);
  });

  it('counts the deepest failing spans of a trace without tooltrace spans', () => {
    const server = span({
      name: 'GET /orders',
      spanId: 'a'.repeat(16),
      startMs: 0,
      endMs: 10,
      status: { code: 'ERROR' },
      scope: { name: 'http' },
    });
    const db = span({
      name: 'SELECT',
      spanId: 'b'.repeat(16),
      parentSpanId: server.spanId,
      startMs: 1,
      endMs: 5,
      status: { code: 'ERROR' },
      scope: { name: 'pg' },
    });
    const other = span({
      name: 'cache',
      spanId: 'c'.repeat(16),
      parentSpanId: server.spanId,
      startMs: 5,
      endMs: 6,
      scope: { name: 'redis' },
    });
    expect(errorSpanIds({ traceId: server.traceId, spans: [server, db, other] })).toEqual([db.spanId]);
  });

  it('survives a parent cycle in malformed input', () => {
    const a = span({ name: 'a', spanId: '1'.repeat(16), parentSpanId: '2'.repeat(16), startMs: 0, endMs: 1, status: { code: 'ERROR' } });
    const b = span({ name: 'b', spanId: '2'.repeat(16), parentSpanId: '1'.repeat(16), startMs: 0, endMs: 1, status: { code: 'ERROR' } });
    expect(countErrors({ traceId: a.traceId, spans: [a, b] })).toBe(1);
  });

  it('is the figure the trace list and the trace page show', () => {
    const trace = failUpwards(demoFixture(), [spanIdFor('step events')]);
    expect(summarizeTrace(trace).errorCount).toBe(1);
    expect(buildTraceView(trace).errorCount).toBe(1);
  });
});
