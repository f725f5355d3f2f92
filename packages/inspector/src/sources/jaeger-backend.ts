import { SPAN_NAME_ORCHESTRATE, SPAN_NAME_PIPELINE } from '@tooltrace/core';
import { isRecord } from '../otlp/any-value.js';
import { backendGet, decodeFoundTrace, decodeTraceAnswer, traceNotFound } from './backend-client.js';
import { BackendError } from './backend-error.js';
import {
  type BackendSettings,
  backendSettings,
  backendTraceId,
  type FetchedTrace,
  type FoundTraces,
  mapConcurrently,
  recentTooltraceTraces,
  type TraceBackend,
  type TraceBackendOptions,
} from './trace-backend.js';

/** Requests in flight at once while searching. */
const SEARCH_CONCURRENCY = 4;
/** Operation (span) name prefixes that only tooltrace runs have: what the search looks for. */
const TOOLTRACE_OPERATION_PREFIXES = [`${SPAN_NAME_ORCHESTRATE} `, `${SPAN_NAME_PIPELINE} `];

/**
 * Jaeger (v2, or v1 with API v3) through its query service's HTTP API v3, the one that speaks OTLP:
 * - a trace: `GET /api/v3/traces/{id}` → `{ result: <OTLP/JSON> }`, or 404 with a JSON error when
 *   unknown; when the answer is not JSON (a Jaeger without API v3: its UI page, or a plain-text
 *   404), `GET /api/traces/{id}` (API v1, Jaeger JSON) instead;
 * - recent tooltrace traces: `GET /api/v3/services`; per service `GET /api/v3/operations?service=`
 *   for its `orchestrate …` and `pipeline …` operations; per operation `GET /api/v3/traces?
 *   query.service_name=&query.operation_name=&query.start_time_min=&query.start_time_max=
 *   &query.num_traces=` (RFC 3339 times). API v3's HTTP search takes no attribute filter and no
 *   search matches the instrumentation scope, so tooltrace's span names are what find its runs;
 *   the traces found are then kept only if they have a span of scope `@tooltrace/core`.
 */
export function jaegerBackend(baseUrl: string, options: TraceBackendOptions = {}): TraceBackend {
  const settings = backendSettings('jaeger', baseUrl, options);
  return {
    kind: 'jaeger',
    baseUrl: settings.baseUrl,
    label: settings.label,
    getTrace: async (traceId, signal) => getJaegerTrace(settings, backendTraceId(traceId), signal),
    findRecentTraces: (signal) => findRecentJaegerTraces(settings, signal),
  };
}

async function getJaegerTrace(settings: BackendSettings, traceId: string, signal: AbortSignal | undefined): Promise<FetchedTrace> {
  const v3 = await backendGet(settings, `/api/v3/traces/${traceId}`, { notFoundIsAnswer: true, signal });
  if (v3.json !== undefined) {
    // API v3 answers an unknown trace with 404 and a JSON error ("No traces found").
    if (v3.status === 404) throw traceNotFound(settings, traceId, v3);
    return { ...decodeFoundTrace(settings, traceId, v3), warnings: [] };
  }
  // Not JSON: a Jaeger without API v3, whose UI answers unknown paths (or a plain-text 404).
  const v1 = await backendGet(settings, `/api/traces/${traceId}`, { notFoundIsAnswer: true, signal });
  if (v1.status === 404 && v1.json === undefined) {
    throw new BackendError(
      'BACKEND_INVALID_RESPONSE',
      `${settings.label} answers neither /api/v3/traces nor /api/traces as Jaeger does: is it Jaeger's query port (16686 by default)?`,
      { url: v1.url, status: v1.status },
    );
  }
  if (v1.status === 404) throw traceNotFound(settings, traceId, v1);
  return { ...decodeFoundTrace(settings, traceId, v1), warnings: [] };
}

async function findRecentJaegerTraces(settings: BackendSettings, signal: AbortSignal | undefined): Promise<FoundTraces> {
  const services = stringsAt((await backendGet(settings, '/api/v3/services', { signal })).json, 'services');
  const searches = await mapConcurrently(services, SEARCH_CONCURRENCY, async (service) => {
    const answer = await backendGet(settings, `/api/v3/operations?${new URLSearchParams({ service })}`, { signal });
    return recordsAt(answer.json, 'operations')
      .map((operation) => operation.name)
      .filter((name): name is string => typeof name === 'string')
      .filter((name) => TOOLTRACE_OPERATION_PREFIXES.some((prefix) => name.startsWith(prefix)))
      .map((operation) => ({ service, operation }));
  });
  const now = Date.now();
  const found = await mapConcurrently(searches.flat(), SEARCH_CONCURRENCY, async ({ service, operation }) => {
    const query = new URLSearchParams({
      'query.service_name': service,
      'query.operation_name': operation,
      'query.start_time_min': new Date(now - settings.lookbackMs).toISOString(),
      'query.start_time_max': new Date(now).toISOString(),
      'query.num_traces': String(settings.limit),
    });
    const answer = await backendGet(settings, `/api/v3/traces?${query}`, { notFoundIsAnswer: true, signal });
    // API v3 answers a search that finds nothing with 404 "No traces found".
    return answer.status === 404 ? { spans: [], rejected: [] } : decodeTraceAnswer(settings, answer);
  });
  return {
    traces: recentTooltraceTraces(
      found.flatMap((part) => part.spans),
      settings.limit,
    ),
    rejected: found.flatMap((part) => part.rejected),
  };
}

function stringsAt(json: unknown, key: string): string[] {
  const list = isRecord(json) ? json[key] : undefined;
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}

function recordsAt(json: unknown, key: string): Record<string, unknown>[] {
  const list = isRecord(json) ? json[key] : undefined;
  return Array.isArray(list) ? list.filter(isRecord) : [];
}
