import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TraceStore, TraceStoreEvent } from '../store/trace-store.js';

const HEARTBEAT_MS = 25_000;
const RECONNECT_MS = 2_000;
/**
 * Least time between two sends on one stream. A trace that gets one span per request (a
 * SimpleSpanProcessor) is then summarized a few times a second, not once per span.
 */
export const EVENT_STREAM_MIN_INTERVAL_MS = 250;

/**
 * Serves `GET /api/events` as server-sent events: `trace-updated` (data: the trace's
 * `TraceSummary`) and `trace-evicted` (data: `{ "traceId" }`). Events are coalesced per trace and
 * sent at most every {@link EVENT_STREAM_MIN_INTERVAL_MS}, so a burst of exports sends each changed
 * trace once, with its latest summary.
 */
export function handleEventStream(request: IncomingMessage, response: ServerResponse, store: TraceStore): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Content-Type-Options': 'nosniff',
  });
  response.write(`retry: ${RECONNECT_MS}\n: connected\n\n`);
  const pending = new Map<string, TraceStoreEvent>();
  let scheduled = false;
  let lastFlush = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    scheduled = false;
    timer = undefined;
    lastFlush = Date.now();
    if (response.destroyed) return;
    for (const event of pending.values()) {
      const data = event.type === 'trace-updated' ? event.summary : { traceId: event.traceId };
      response.write(`event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`);
    }
    pending.clear();
  };
  const unsubscribe = store.subscribe((event) => {
    pending.set(event.traceId, event);
    if (!scheduled) {
      scheduled = true;
      const wait = lastFlush + EVENT_STREAM_MIN_INTERVAL_MS - Date.now();
      if (wait <= 0) setImmediate(flush);
      else timer = setTimeout(flush, wait);
    }
  });
  const heartbeat = setInterval(() => {
    if (!response.destroyed) response.write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();
  request.on('close', () => {
    clearInterval(heartbeat);
    if (timer !== undefined) clearTimeout(timer);
    unsubscribe();
  });
}
