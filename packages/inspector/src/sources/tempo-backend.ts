import { INSTRUMENTATION_SCOPE } from '@tooltrace/core';
import { padHexId, TRACE_ID_BYTES } from '../model/ids.js';
import { isRecord } from '../otlp/any-value.js';
import { backendGet, decodeFoundTrace, traceNotFound } from './backend-client.js';
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

/** Traces fetched at once after a search. */
const FETCH_CONCURRENCY = 4;
/** TraceQL that finds traces with a span of tooltrace's instrumentation scope. */
export const TOOLTRACE_TRACEQL = `{ instrumentation:name = "${INSTRUMENTATION_SCOPE}" }`;

/**
 * Grafana Tempo through its HTTP API (written from Tempo v3.0.3's `pkg/api` and query-frontend
 * sources; checked against recorded answers of those shapes, not a running Tempo):
 * - a trace: `GET /api/v2/traces/{id}` → `{ trace: <OTLP/JSON, ids in base64>, metrics }`; an
 *   unknown trace is a 404, or a 200 whose `trace` has no `resourceSpans` or is left out; a trace
 *   over Tempo's size limit comes with `status: "PARTIAL"` and a message (passed on as a warning);
 * - recent tooltrace traces: `GET /api/search?q={ instrumentation:name = "@tooltrace/core" }&start=
 *   &end=&limit=&spss=1` (times in Unix seconds) → `{ traces: [{ traceID, rootServiceName,
 *   rootTraceName, startTimeUnixNano, durationMs }] }` (trace ids may lack leading zeros); then
 *   each trace is fetched, since the list shows what only whole traces tell (errors, outcome).
 */
export function tempoBackend(baseUrl: string, options: TraceBackendOptions = {}): TraceBackend {
  const settings = backendSettings('tempo', baseUrl, options);
  return {
    kind: 'tempo',
    baseUrl: settings.baseUrl,
    label: settings.label,
    getTrace: async (traceId, signal) => getTempoTrace(settings, backendTraceId(traceId), signal),
    findRecentTraces: (signal) => findRecentTempoTraces(settings, signal),
  };
}

async function getTempoTrace(settings: BackendSettings, traceId: string, signal: AbortSignal | undefined): Promise<FetchedTrace> {
  const answer = await backendGet(settings, `/api/v2/traces/${traceId}`, { notFoundIsAnswer: true, signal });
  if (answer.status === 404) throw traceNotFound(settings, traceId, answer);
  // jsonpb leaves out a nil trace: an answer with only the query metrics found nothing.
  if (isRecord(answer.json) && answer.json.trace === undefined && isRecord(answer.json.metrics)) {
    throw traceNotFound(settings, traceId, answer);
  }
  return { ...decodeFoundTrace(settings, traceId, answer), warnings: partialWarnings(settings, answer.json) };
}

/** Tempo answers a trace over its size limit with part of it, `status: "PARTIAL"` and a message. */
function partialWarnings(settings: BackendSettings, json: unknown): string[] {
  if (!isRecord(json) || json.status !== 'PARTIAL') return [];
  const message = typeof json.message === 'string' && json.message !== '' ? json.message : 'a partial trace is returned';
  return [`${settings.label}: ${message}`];
}

async function findRecentTempoTraces(settings: BackendSettings, signal: AbortSignal | undefined): Promise<FoundTraces> {
  const endSeconds = Math.ceil(Date.now() / 1000);
  const query = new URLSearchParams({
    q: TOOLTRACE_TRACEQL,
    start: String(endSeconds - Math.max(1, Math.ceil(settings.lookbackMs / 1000))),
    end: String(endSeconds),
    limit: String(settings.limit),
    spss: '1',
  });
  const answer = await backendGet(settings, `/api/search?${query}`, { signal });
  const traceIds = foundTraceIds(settings, answer.json, answer.url);
  const fetched = await mapConcurrently(traceIds, FETCH_CONCURRENCY, async (traceId) => {
    try {
      return await getTempoTrace(settings, traceId, signal);
    } catch (error) {
      // Found by the search but gone (retention) by the time it is fetched: leave it out.
      if (error instanceof BackendError && error.code === 'BACKEND_TRACE_NOT_FOUND') return { spans: [], rejected: [] };
      throw error;
    }
  });
  return {
    traces: recentTooltraceTraces(
      fetched.flatMap((part) => part.spans),
      settings.limit,
    ),
    rejected: fetched.flatMap((part) => part.rejected),
  };
}

/** The trace ids of a search answer, padded to 32 hex digits (Tempo drops leading zeros). */
function foundTraceIds(settings: BackendSettings, json: unknown, url: string): string[] {
  if (!isRecord(json)) {
    throw new BackendError('BACKEND_INVALID_RESPONSE', `${settings.label} answered the search with something that is not JSON`, { url });
  }
  const traces = json.traces ?? [];
  if (!Array.isArray(traces)) {
    throw new BackendError('BACKEND_INVALID_RESPONSE', `${settings.label} answered the search without a "traces" list`, { url });
  }
  const ids = traces.map((trace) => (isRecord(trace) ? padHexId(trace.traceID, TRACE_ID_BYTES) : null));
  return [...new Set(ids.filter((id): id is string => id !== null))];
}
