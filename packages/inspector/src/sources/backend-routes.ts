import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildTrace, groupIntoTraces } from '../model/build-trace.js';
import type { InspectorSpan } from '../model/types.js';
import { sendApiError } from '../server/respond.js';
import type { TraceStore } from '../store/trace-store.js';
import { BackendError } from './backend-error.js';
import type { TraceBackend } from './trace-backend.js';

const TRACE_ROUTE = /^\/api\/traces\/([0-9a-fA-F]{32})(\/otlp)?\/?$/;

/** Answers an API request itself (true), or lets the store's API answer it (false). */
export interface BackendApi {
  handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean>;
  /** Stops asking the backend for traces not found yet. */
  close(): void;
}

/** Options of {@link createBackendApi}. */
export interface BackendApiOptions {
  /** How often a trace not found yet is asked for again (default 2000 ms). */
  retryIntervalMs?: number;
  /** How many times it is asked again (default 30: a minute at the default interval). */
  retries?: number;
  /** Traces asked for again at once; more are not watched (default 20). */
  maxWatched?: number;
}

/**
 * Puts a backend behind the inspector's API: before the store answers `GET /api/traces`, the
 * backend's recent tooltrace traces are fetched into it; before it answers `GET /api/traces/{id}`
 * (and `/otlp`), that trace is fetched again. A trace the store already holds unchanged is not
 * re-added, so the web view's event stream stays quiet. A trace the backend does not hold is a
 * 404 naming the backend, unless the store has it (it was sent to the receiver); it is then asked
 * for again for a while, since a run's spans reach a backend some seconds after it ends (batching),
 * and the web view's waiting page opens it when it comes. A backend that cannot be reached or
 * answers wrongly is a 502, one that does not answer in time a 504. Concurrent list requests share
 * one search.
 */
export function createBackendApi(backend: TraceBackend, store: TraceStore, options: BackendApiOptions = {}): BackendApi {
  const retryIntervalMs = options.retryIntervalMs ?? 2000;
  const retries = options.retries ?? 30;
  const maxWatched = options.maxWatched ?? 20;
  const watched = new Map<string, ReturnType<typeof setTimeout>>();
  let closed = false;
  let listing: Promise<void> | undefined;

  const refreshList = async (): Promise<void> => {
    const { traces } = await backend.findRecentTraces();
    for (const trace of traces) addIfChanged(store, trace.spans);
  };

  const watch = (traceId: string): void => {
    if (closed || watched.has(traceId) || watched.size >= maxWatched) return;
    let left = retries;
    const schedule = (): void => {
      if (closed || left <= 0) {
        watched.delete(traceId);
        return;
      }
      left -= 1;
      const timer = setTimeout(() => {
        backend.getTrace(traceId).then((decoded) => {
          watched.delete(traceId);
          if (!closed) addIfChanged(store, decoded.spans);
        }, schedule);
      }, retryIntervalMs);
      timer.unref();
      watched.set(traceId, timer);
    };
    schedule();
  };

  const handle = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const traceId = TRACE_ROUTE.exec(url.pathname)?.[1]?.toLowerCase();
    try {
      if (url.pathname === '/api/traces' || url.pathname === '/api/traces/') {
        listing ??= refreshList().finally(() => {
          listing = undefined;
        });
        await listing;
        return false;
      }
      if (traceId === undefined) return false;
      addIfChanged(store, (await backend.getTrace(traceId)).spans);
      return false;
    } catch (error) {
      if (!(error instanceof BackendError)) throw error;
      if (error.code === 'BACKEND_TRACE_NOT_FOUND' && traceId !== undefined) {
        if (store.has(traceId)) return false;
        watch(traceId);
        sendApiError(response, 404, 'TRACE_NOT_FOUND', error.message);
        return true;
      }
      sendApiError(response, error.code === 'BACKEND_TIMEOUT' ? 504 : 502, error.code, error.message);
      return true;
    }
  };

  return {
    handle,
    close() {
      closed = true;
      for (const timer of watched.values()) clearTimeout(timer);
      watched.clear();
    },
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
