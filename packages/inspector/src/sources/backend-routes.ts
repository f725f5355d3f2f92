import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildTrace, groupIntoTraces } from '../model/build-trace.js';
import type { InspectorSpan } from '../model/types.js';
import { sendApiError } from '../server/respond.js';
import type { TraceStore } from '../store/trace-store.js';
import { BackendError } from './backend-error.js';
import type { TraceBackend } from './trace-backend.js';

const TRACE_ROUTE = /^\/api\/traces\/([0-9a-fA-F]{32})(\/otlp)?\/?$/;

/** Answers an API request itself (true), or lets the store's API answer it (false). */
export type BackendApiHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;

/**
 * Puts a backend behind the inspector's API: before the store answers `GET /api/traces`, the
 * backend's recent tooltrace traces are fetched into it; before it answers `GET /api/traces/{id}`
 * (and `/otlp`), that trace is fetched again. A trace the store already holds unchanged is not
 * re-added, so the web view's event stream stays quiet. A trace the backend does not hold is a
 * 404 naming the backend, unless the store has it (it was sent to the receiver); a backend that
 * cannot be reached or answers wrongly is a 502, one that does not answer in time a 504.
 * Concurrent list requests share one search.
 */
export function createBackendApiHandler(backend: TraceBackend, store: TraceStore): BackendApiHandler {
  let listing: Promise<void> | undefined;
  const refreshList = async (): Promise<void> => {
    const { traces } = await backend.findRecentTraces();
    for (const trace of traces) addIfChanged(store, trace.spans);
  };
  return async (request, response, url) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    try {
      if (url.pathname === '/api/traces' || url.pathname === '/api/traces/') {
        listing ??= refreshList().finally(() => {
          listing = undefined;
        });
        await listing;
        return false;
      }
      const traceId = TRACE_ROUTE.exec(url.pathname)?.[1];
      if (traceId === undefined) return false;
      addIfChanged(store, (await backend.getTrace(traceId)).spans);
      return false;
    } catch (error) {
      if (!(error instanceof BackendError)) throw error;
      if (error.code === 'BACKEND_TRACE_NOT_FOUND') {
        const traceId = TRACE_ROUTE.exec(url.pathname)?.[1];
        if (traceId !== undefined && store.has(traceId)) return false;
        sendApiError(response, 404, 'TRACE_NOT_FOUND', error.message);
        return true;
      }
      sendApiError(response, error.code === 'BACKEND_TIMEOUT' ? 504 : 502, error.code, error.message);
      return true;
    }
  };
}

/** Adds spans to the store only when they change what it holds for their trace. */
function addIfChanged(store: TraceStore, spans: InspectorSpan[]): void {
  for (const fetched of groupIntoTraces(spans)) {
    const held = store.get(fetched.traceId);
    if (held !== undefined) {
      const merged = buildTrace(fetched.traceId, [...held.spans, ...fetched.spans]);
      if (JSON.stringify(merged.spans) === JSON.stringify(held.spans)) continue;
    }
    store.add(fetched.spans);
  }
}
