import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { describe, expect, it } from 'vitest';
import { decodeOtlpJson, InvalidOptionError, TraceStore, type TraceStoreEvent } from '../../src/index.js';
import { recordIncidentRun } from '../support/incident-run.js';
import { modelSpan, spanIdOf, traceIdOf } from '../support/model-spans.js';

describe('TraceStore merging', () => {
  it('merges spans of one trace that arrive in several batches, children first', () => {
    const store = new TraceStore();
    const traceId = traceIdOf(1);
    store.add([modelSpan({ traceId, spanId: spanIdOf(2), parentSpanId: spanIdOf(1), name: 'child', startMs: 1005 })]);
    expect(store.get(traceId)?.spans[0]?.parentSpanId).toBeNull();
    expect(store.summary(traceId)?.rootName).toBe('child');

    store.add([modelSpan({ traceId, spanId: spanIdOf(1), name: 'root', startMs: 1000, endMs: 1100 })]);
    const trace = store.get(traceId);
    expect(trace?.spans.map((span) => [span.name, span.parentSpanId])).toEqual([
      ['root', null],
      ['child', spanIdOf(1)],
    ]);
    expect(store.summary(traceId)).toMatchObject({ rootName: 'root', spanCount: 2, startMs: 1000, durationMs: 100 });
  });

  it('replaces a span sent twice instead of duplicating it', () => {
    const store = new TraceStore();
    const traceId = traceIdOf(1);
    store.add([modelSpan({ traceId, spanId: spanIdOf(1), name: 'first' })]);
    store.add([modelSpan({ traceId, spanId: spanIdOf(1), name: 'second' })]);
    expect(store.get(traceId)?.spans.map((span) => span.name)).toEqual(['second']);
  });

  it('sorts parents before children when they start at the same time', () => {
    const store = new TraceStore();
    const traceId = traceIdOf(1);
    store.add([
      modelSpan({ traceId, spanId: spanIdOf(3), parentSpanId: spanIdOf(2), name: 'a-grandchild' }),
      modelSpan({ traceId, spanId: spanIdOf(2), parentSpanId: spanIdOf(1), name: 'b-child' }),
      modelSpan({ traceId, spanId: spanIdOf(1), name: 'c-root' }),
    ]);
    expect(store.get(traceId)?.spans.map((span) => span.name)).toEqual(['c-root', 'b-child', 'a-grandchild']);
  });

  it('finds traces by id in any case', () => {
    const store = new TraceStore();
    store.add([modelSpan({ traceId: traceIdOf(0xabc), spanId: spanIdOf(1) })]);
    expect(store.get(traceIdOf(0xabc).toUpperCase())?.traceId).toBe(traceIdOf(0xabc));
    expect(store.has(traceIdOf(0xabc).toUpperCase())).toBe(true);
  });
});

describe('TraceStore bounds', () => {
  it('evicts the least recently updated trace beyond maxTraces', () => {
    const store = new TraceStore({ maxTraces: 2 });
    const events: TraceStoreEvent[] = [];
    store.subscribe((event) => events.push(event));
    store.add([modelSpan({ traceId: traceIdOf(1), spanId: spanIdOf(1) })]);
    store.add([modelSpan({ traceId: traceIdOf(2), spanId: spanIdOf(1) })]);
    store.add([modelSpan({ traceId: traceIdOf(1), spanId: spanIdOf(2) })]);
    store.add([modelSpan({ traceId: traceIdOf(3), spanId: spanIdOf(1) })]);
    expect(store.size).toBe(2);
    expect(store.has(traceIdOf(2))).toBe(false);
    expect(store.get(traceIdOf(1))?.spans).toHaveLength(2);
    expect(events.at(-1)).toEqual({ type: 'trace-evicted', traceId: traceIdOf(2) });
  });

  it('rejects new spans of a trace that holds maxSpansPerTrace, but still accepts replacements', () => {
    const store = new TraceStore({ maxSpansPerTrace: 2 });
    const traceId = traceIdOf(1);
    const result = store.add([1, 2, 3, 4].map((n) => modelSpan({ traceId, spanId: spanIdOf(n) })));
    expect(result).toMatchObject({ accepted: 2, rejected: 2, traceIds: [traceId] });
    expect(result.rejectedMessage).toContain('limit of 2 spans per trace');
    expect(store.add([modelSpan({ traceId, spanId: spanIdOf(1), name: 'again' })])).toMatchObject({ accepted: 1, rejected: 0 });
    expect(store.get(traceId)?.spans).toHaveLength(2);
  });

  it('refuses limits that are not positive integers', () => {
    expect(() => new TraceStore({ maxTraces: 0 })).toThrow(InvalidOptionError);
    expect(() => new TraceStore({ maxSpansPerTrace: 1.5 })).toThrow(/maxSpansPerTrace must be an integer/);
  });
});

describe('TraceStore list, search and events', () => {
  it('lists summaries most recent first, with tooltrace strategy and outcome', async () => {
    const store = new TraceStore();
    for (const service of ['first', 'second']) {
      const { spans } = await recordIncidentRun(service);
      store.add(decodeOtlpJson(JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)))).spans);
    }
    const list = store.list();
    expect(list.map((summary) => summary.serviceName)).toEqual(['second', 'first']);
    expect(list[0]).toMatchObject({
      rootName: 'pipeline incident',
      spanCount: 12,
      errorCount: 1,
      strategy: 'dag',
      outcome: 'error',
    });
  });

  it('searches attributes by text value, matching array elements and numbers, newest trace first', async () => {
    const store = new TraceStore();
    const { spans } = await recordIncidentRun();
    store.add(decodeOtlpJson(JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)))).spans);
    const failed = store.search({ attribute: 'tooltrace.step.status', value: 'error' });
    expect(failed.map((match) => match.spanName)).toEqual(['execute_tool event_search']);
    const dependents = store.search({ attribute: 'tooltrace.depends_on', value: 'primary' });
    expect(dependents.map((match) => match.value)).toEqual([['primary'], ['primary']]);
    expect(store.search({ attribute: 'tooltrace.group_index', value: '2' }).map((match) => match.spanName)).toEqual([
      'group 2',
      'execute_tool summarize',
    ]);
    expect(store.search({ attribute: 'tooltrace.step.id' })).toHaveLength(4);
    expect(store.search({ attribute: 'tooltrace.step.id', limit: 1 })).toHaveLength(1);
    expect(store.search({ attribute: 'tooltrace.step.id', traceId: traceIdOf(9) })).toEqual([]);
  });

  it('notifies subscribers once per changed trace per batch, until they unsubscribe', () => {
    const store = new TraceStore();
    const events: TraceStoreEvent[] = [];
    const unsubscribe = store.subscribe((event) => events.push(event));
    store.add([1, 2, 3].map((n) => modelSpan({ traceId: traceIdOf(1), spanId: spanIdOf(n) })));
    expect(events).toEqual([
      { type: 'trace-updated', traceId: traceIdOf(1), summary: expect.objectContaining({ traceId: traceIdOf(1), spanCount: 3 }) },
    ]);
    unsubscribe();
    store.add([modelSpan({ traceId: traceIdOf(2), spanId: spanIdOf(1) })]);
    expect(events).toHaveLength(1);
  });

  it('clears every trace', () => {
    const store = new TraceStore();
    store.add([modelSpan({ traceId: traceIdOf(1), spanId: spanIdOf(1) })]);
    store.clear();
    expect(store.list()).toEqual([]);
  });
});
