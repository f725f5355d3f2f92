import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TraceStore, TraceStoreEvent } from '../store/trace-store.js';

const HEARTBEAT_MS = 25_000;
const RECONNECT_MS = 2_000;

/**
 * Serves `GET /api/events` as server-sent events: `trace-updated` (data: the trace's
 * `TraceSummary`) and `trace-evicted` (data: `{ "traceId" }`). Events of one tick are coalesced, so
 * a burst of exports sends each changed trace once.
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
  const flush = (): void => {
    scheduled = false;
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
      setImmediate(flush);
    }
  });
  const heartbeat = setInterval(() => {
    if (!response.destroyed) response.write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();
  request.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
