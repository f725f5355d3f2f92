import { describe, expect, it } from 'vitest';
import { InvalidOptionError, type RunningInspector, startInspector, TraceStore, type TraceStoreEvent } from '../../src/index.js';
import { modelSpan, spanIdOf, traceIdOf } from '../support/model-spans.js';

const MiB = 1024 * 1024;

/** A span carrying one string attribute of `bytes` characters. */
function bigSpan(trace: number, span: number, bytes: number) {
  return modelSpan({ traceId: traceIdOf(trace), spanId: spanIdOf(span), attributes: { payload: 'x'.repeat(bytes) } });
}

describe('TraceStore byte budget', () => {
  it('stays under its budget, evicting whole traces least recently updated first, and says so', () => {
    const store = new TraceStore({ maxBytes: 10 * MiB });
    const events: TraceStoreEvent[] = [];
    store.subscribe((event) => events.push(event));
    for (let trace = 1; trace <= 20; trace++) {
      const result = store.add([bigSpan(trace, 1, 1 * MiB)]);
      expect(store.bytes).toBeLessThanOrEqual(store.maxBytes);
      if (result.evicted.length > 0) expect(result.message).toMatch(/evicted .*least recently updated.* byte budget/);
    }
    // Every span is ~2 MiB in memory (UTF-16): at most five fit.
    expect(store.size).toBeLessThanOrEqual(5);
    expect(store.size).toBeGreaterThanOrEqual(3);
    const kept = store.list().map((summary) => summary.traceId);
    expect(kept).toContain(traceIdOf(20));
    expect(kept).not.toContain(traceIdOf(1));
    expect(events.filter((event) => event.type === 'trace-evicted').map((event) => event.traceId)[0]).toBe(traceIdOf(1));
  });

  it('a trace updated recently outlives an older one that was updated earlier', () => {
    const store = new TraceStore({ maxBytes: 5 * MiB });
    store.add([bigSpan(1, 1, MiB)]);
    store.add([bigSpan(2, 1, MiB)]);
    store.add([bigSpan(1, 2, 10)]);
    const result = store.add([bigSpan(3, 1, MiB)]);
    expect(result.evicted).toEqual([traceIdOf(2)]);
    expect(store.has(traceIdOf(1))).toBe(true);
  });

  it('rejects spans that would make one trace larger than the whole budget, naming the budget', () => {
    const store = new TraceStore({ maxBytes: 13 * MiB });
    const results = Array.from({ length: 10 }, (_, index) => store.add([bigSpan(1, index + 1, 3 * MiB)]));
    expect(results.map((result) => result.accepted)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(results[9]?.rejected).toBe(1);
    expect(results[9]?.rejectedMessage).toMatch(/byte budget of 13631488 bytes/);
    expect(store.bytes).toBeLessThanOrEqual(store.maxBytes);
    expect(store.get(traceIdOf(1))?.spans).toHaveLength(2);
  });

  it('counts a replaced span once', () => {
    const store = new TraceStore({ maxBytes: 10 * MiB });
    const resource = { 'service.name': 'svc' };
    store.add([{ ...bigSpan(1, 1, MiB), resource }]);
    const once = store.bytes;
    store.add([{ ...bigSpan(1, 1, MiB), resource }]);
    expect(store.bytes).toBe(once);
    store.clear();
    expect(store.bytes).toBe(0);
  });

  it('rejects a budget that is not a positive integer', () => {
    expect(() => new TraceStore({ maxBytes: 0 })).toThrow(InvalidOptionError);
  });
});

describe('ingest cost', () => {
  it('adding a span to a trace neither sorts nor summarizes the trace until someone reads it', () => {
    const store = new TraceStore();
    const events: TraceStoreEvent[] = [];
    store.subscribe((event) => events.push(event));
    const traceId = traceIdOf(1);
    const spanId = (index: number) => (index + 1).toString(16).padStart(16, '0');
    const spans = Array.from({ length: 200 }, (_, index) => modelSpan({ traceId, spanId: spanId(index), startMs: 2000 - index }));
    // Sorting a trace and summarizing it read every span's start time; a getter counts those reads.
    let reads = 0;
    for (const span of spans) {
      const startMs = span.startMs;
      Object.defineProperty(span, 'startMs', {
        enumerable: true,
        get: () => {
          reads += 1;
          return startMs;
        },
      });
    }
    for (const span of spans) store.add([span]);
    expect(reads).toBe(0);
    expect(events).toHaveLength(200);
    expect(store.get(traceId)?.spans[0]?.startMs).toBe(1801);
    const last = events.at(-1);
    expect(last?.type === 'trace-updated' ? [last.traceId, last.summary.spanCount] : null).toEqual([traceId, 200]);
  });
});

describe('receiver and the budget', () => {
  let inspector: RunningInspector | undefined;

  it('says in partialSuccess when a post evicted traces to stay under the budget', async () => {
    inspector = await startInspector({ port: 0, maxBytes: 3 * MiB });
    const post = (trace: number) =>
      fetch(inspector?.tracesUrl ?? '', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          resourceSpans: [
            {
              scopeSpans: [
                {
                  spans: [
                    {
                      traceId: traceIdOf(trace),
                      spanId: spanIdOf(1),
                      name: 'big',
                      startTimeUnixNano: '1700000000000000000',
                      endTimeUnixNano: '1700000001000000000',
                      attributes: [{ key: 'payload', value: { stringValue: 'x'.repeat(MiB) } }],
                    },
                  ],
                },
              ],
            },
          ],
        }),
      }).then((response) => response.json() as Promise<{ partialSuccess?: { rejectedSpans?: string; errorMessage?: string } }>);
    expect(await post(1)).toEqual({});
    const second = await post(2);
    expect(second.partialSuccess?.errorMessage).toMatch(/evicted trace a+1 .*byte budget/);
    expect(second.partialSuccess?.rejectedSpans ?? '0').toBe('0');
    expect(inspector.store.has(traceIdOf(1))).toBe(false);
    await inspector.close();
  });
});
