import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EVENT_STREAM_MIN_INTERVAL_MS, handleEventStream } from '../../src/server/event-stream.js';
import { TraceStore } from '../../src/store/trace-store.js';
import { modelSpan, traceIdOf } from '../support/model-spans.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A response that records what is written, and a request that can be closed. */
function connection(): { request: IncomingMessage; response: ServerResponse; updates: () => number[] } {
  const written: string[] = [];
  const request = new EventEmitter() as IncomingMessage;
  const response = {
    destroyed: false,
    writeHead: () => response,
    write: (text: string) => written.push(text),
  } as unknown as ServerResponse;
  const updates = () =>
    written
      .filter((text) => text.startsWith('event: trace-updated'))
      .map((text) => (JSON.parse(text.split('data: ')[1] ?? '{}') as { spanCount: number }).spanCount);
  return { request, response, updates };
}

const spanId = (n: number) => n.toString(16).padStart(16, '0');

describe('GET /api/events under a stream of single-span posts', () => {
  it('sends a trace at most once per interval, with its latest summary, so a busy trace is not summarized per span', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'Date', 'setInterval', 'clearInterval'] });
    const store = new TraceStore();
    const { request, response, updates } = connection();
    handleEventStream(request, response, store);
    const add = (n: number) => store.add([modelSpan({ traceId: traceIdOf(1), spanId: spanId(n) })]);
    add(1);
    vi.advanceTimersToNextTimer();
    expect(updates()).toEqual([1]);
    for (let n = 2; n <= 50; n++) {
      add(n);
      vi.advanceTimersByTime(1);
    }
    expect(updates()).toEqual([1]);
    vi.advanceTimersByTime(EVENT_STREAM_MIN_INTERVAL_MS);
    expect(updates()).toEqual([1, 50]);
    request.emit('close');
  });
});
