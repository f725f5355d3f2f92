import type { IncomingMessage, ServerResponse } from 'node:http';
import { traceToOtlpJson } from '../otlp/encode-json.js';
import { mapExceptionStacks } from '../source-maps/map-exception-stacks.js';
import type { SourceMapCache } from '../source-maps/source-map-cache.js';
import type { TraceStore } from '../store/trace-store.js';
import { handleEventStream } from './event-stream.js';
import { sendApiError, sendJson } from './respond.js';

const TRACE_ID = /^[0-9a-fA-F]{32}$/;
const MAX_SEARCH_LIMIT = 10_000;

/**
 * The JSON API the web view reads:
 * - `GET /api/traces` → `TraceSummary[]`, most recent first; `DELETE /api/traces` clears the store
 * - `GET /api/traces/{id}` → `InspectorTrace`, exception stacks source-mapped when `sourceMaps` is given
 * - `GET /api/traces/{id}/otlp` → the trace as an OTLP/JSON `ExportTraceServiceRequest` (download)
 * - `GET /api/search?attr=key&value=v[&trace=id][&limit=n]` → `SpanMatch[]`
 * - `GET /api/events` → server-sent events (see {@link handleEventStream})
 * Errors are `{ error: { code, message } }`. Returns false when the path is not an API path.
 */
export async function handleApi(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  store: TraceStore,
  sourceMaps: SourceMapCache | null,
): Promise<boolean> {
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  if (segments[0] !== 'api') return false;
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const route = segments.slice(1);
  if (route.length === 1 && route[0] === 'traces') {
    if (method === 'DELETE') {
      store.clear();
      response.writeHead(204).end();
    } else if (allow(response, method, 'GET, DELETE')) {
      sendJson(response, 200, store.list());
    }
    return true;
  }
  if (route[0] === 'traces' && (route.length === 2 || (route.length === 3 && route[2] === 'otlp'))) {
    if (!allow(response, method, 'GET')) return true;
    const traceId = route[1] ?? '';
    const trace = TRACE_ID.test(traceId) ? store.get(traceId) : undefined;
    if (trace === undefined) {
      sendApiError(response, 404, 'TRACE_NOT_FOUND', `no trace ${JSON.stringify(traceId)} in the inspector`);
    } else if (route.length === 2) {
      sendJson(response, 200, sourceMaps === null ? trace : await mapExceptionStacks(trace, sourceMaps));
    } else {
      sendJson(response, 200, traceToOtlpJson(trace), {
        'Content-Disposition': `attachment; filename="trace-${trace.traceId}.json"`,
      });
    }
    return true;
  }
  if (route.length === 1 && route[0] === 'search') {
    if (allow(response, method, 'GET')) search(response, url, store);
    return true;
  }
  if (route.length === 1 && route[0] === 'events') {
    if (allow(response, method, 'GET')) handleEventStream(request, response, store);
    return true;
  }
  sendApiError(response, 404, 'NOT_FOUND', `no API route ${url.pathname}`);
  return true;
}

function search(response: ServerResponse, url: URL, store: TraceStore): void {
  const attribute = url.searchParams.get('attr');
  if (attribute === null || attribute === '') {
    sendApiError(response, 400, 'INVALID_QUERY', 'the query parameter "attr" (attribute key) is required');
    return;
  }
  const value = url.searchParams.get('value');
  const traceId = url.searchParams.get('trace');
  const limitText = url.searchParams.get('limit');
  const limit = limitText === null ? undefined : Number(limitText);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_SEARCH_LIMIT)) {
    sendApiError(response, 400, 'INVALID_QUERY', `"limit" must be an integer from 1 to ${MAX_SEARCH_LIMIT}`);
    return;
  }
  sendJson(
    response,
    200,
    store.search({
      attribute,
      ...(value === null ? {} : { value }),
      ...(traceId === null || traceId === '' ? {} : { traceId }),
      ...(limit === undefined ? {} : { limit }),
    }),
  );
}

function allow(response: ServerResponse, method: string | undefined, allowed: string): boolean {
  if (allowed.split(', ').includes(method ?? '')) return true;
  sendApiError(response, 405, 'METHOD_NOT_ALLOWED', `use ${allowed}`, { Allow: allowed });
  return false;
}
