import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type InspectorTrace, traceToOtlpJson } from '../../src/index.js';

/**
 * A stand-in for Tempo's query frontend: NOT a Tempo. It answers the two routes the inspector uses
 * with the shapes Tempo v3.0.3 writes, as read from its source (a running Tempo cannot be built
 * here):
 * - `GET /api/v2/traces/{id}` (`modules/frontend/combiner/trace_by_id_v2.go`, marshalled by gogo
 *   `jsonpb.Marshaler{}`): `{ "trace": { "resourceSpans": [...] }, "metrics": {...} }` with the
 *   proto3 JSON mapping: ids as base64 bytes, enums by name (`SPAN_KIND_INTERNAL`,
 *   `STATUS_CODE_ERROR`), 64-bit integers as strings, default values left out. An unknown trace is
 *   200 with `"trace": {}` (the querier's v2 handler does not 404; the combiner returns an empty trace).
 * - `GET /api/search?q=&start=&end=&limit=&spss=` (`pkg/api/http.go` ParseSearchRequest,
 *   `tempopb.SearchResponse`): `{ "traces": [{ traceID, rootServiceName, rootTraceName,
 *   startTimeUnixNano, durationMs, spanSets }], "metrics": {...} }`, trace ids in hex without
 *   leading zeros (as Tempo prints them). Only the TraceQL `{ instrumentation:name = "…" }` is
 *   understood; start/end are checked like Tempo does (Unix seconds, end after start).
 */
export interface TempoFixture {
  url: string;
  /** Paths and queries requested, in order. */
  requests: string[];
  /** Makes every later request wait forever (to test timeouts), or fail with a status. */
  behave(mode: 'normal' | 'hang' | { status: number; body: string }): void;
  close(): Promise<void>;
}

export async function startTempoFixture(traces: readonly InspectorTrace[]): Promise<TempoFixture> {
  const requests: string[] = [];
  let mode: 'normal' | 'hang' | { status: number; body: string } = 'normal';
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (mode === 'hang') return;
    if (mode !== 'normal') {
      response.writeHead(mode.status, { 'Content-Type': 'text/plain' }).end(mode.body);
      return;
    }
    answer(request, response, traces);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    behave(next) {
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(request: IncomingMessage, response: ServerResponse, traces: readonly InspectorTrace[]): void {
  const url = new URL(request.url ?? '/', 'http://tempo.invalid');
  const traceRoute = /^\/api\/v2\/traces\/([0-9a-fA-F]{1,32})$/.exec(url.pathname);
  if (traceRoute !== null) {
    const id = (traceRoute[1] ?? '').toLowerCase().padStart(32, '0');
    const trace = traces.find((candidate) => candidate.traceId === id);
    sendJson(response, 200, { trace: trace === undefined ? {} : tempoTrace(trace), metrics: { inspectedBytes: '4096' } });
    return;
  }
  if (url.pathname === '/api/search') {
    search(url.searchParams, response, traces);
    return;
  }
  response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
}

function search(params: URLSearchParams, response: ServerResponse, traces: readonly InspectorTrace[]): void {
  const start = Number(params.get('start'));
  const end = Number(params.get('end'));
  if (!Number.isInteger(start) || !Number.isInteger(end) || end <= start) {
    response.writeHead(400).end(`http parameter start must be before end. received start=${start} end=${end}`);
    return;
  }
  const scope = /^\{ instrumentation:name = "([^"]+)" \}$/.exec(params.get('q') ?? '')?.[1];
  if (scope === undefined) {
    response.writeHead(400).end(`the fixture only understands { instrumentation:name = "…" }, got ${params.get('q')}`);
    return;
  }
  const limit = Number(params.get('limit') ?? 20);
  const found = traces
    .filter((trace) => trace.spans.some((span) => span.scope.name === scope))
    .filter((trace) => {
      const startSeconds = (trace.spans[0]?.startMs ?? 0) / 1000;
      return startSeconds >= start && startSeconds <= end;
    })
    .slice(0, limit)
    .map((trace) => {
      const root = trace.spans.find((span) => span.parentSpanId === null) ?? trace.spans[0];
      const startMs = trace.spans[0]?.startMs ?? 0;
      const endMs = Math.max(...trace.spans.map((span) => span.endMs));
      return {
        traceID: trace.traceId.replace(/^0+/, ''),
        rootServiceName: String(root?.resource['service.name'] ?? ''),
        rootTraceName: root?.name ?? '',
        startTimeUnixNano: String(BigInt(Math.round(startMs * 1000)) * 1000n),
        durationMs: Math.round(endMs - startMs),
        spanSets: [{ spans: [{ spanID: root?.spanId ?? '', startTimeUnixNano: '0', durationNanos: '0' }], matched: 1 }],
      };
    });
  // jsonpb leaves out an empty list: a search that finds nothing has no "traces" at all.
  const metrics = { inspectedBytes: '8192', completedJobs: 1, totalJobs: 1 };
  sendJson(response, 200, found.length === 0 ? { metrics } : { traces: found, metrics });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

const KIND_NAMES = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
];
const STATUS_NAMES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'];

/** A trace in Tempo's jsonpb form (see {@link TempoFixture}). */
export function tempoTrace(trace: InspectorTrace): unknown {
  const { resourceSpans } = traceToOtlpJson(trace);
  return {
    resourceSpans: resourceSpans.map((resource) => ({
      resource: resource.resource,
      scopeSpans: resource.scopeSpans.map((scope) => ({
        scope: scope.scope,
        spans: scope.spans.map((span) =>
          withoutDefaults({
            traceId: base64(span.traceId),
            spanId: base64(span.spanId),
            parentSpanId: span.parentSpanId === undefined ? undefined : base64(span.parentSpanId),
            name: span.name,
            kind: span.kind === 0 ? undefined : KIND_NAMES[span.kind],
            startTimeUnixNano: span.startTimeUnixNano,
            endTimeUnixNano: span.endTimeUnixNano,
            attributes: span.attributes,
            events: span.events.map((event) => withoutDefaults({ ...event })),
            links: span.links.map((link) =>
              withoutDefaults({ traceId: base64(link.traceId), spanId: base64(link.spanId), attributes: link.attributes }),
            ),
            status: withoutDefaults({
              code: span.status.code === 0 ? undefined : STATUS_NAMES[span.status.code],
              message: span.status.message,
            }),
          }),
        ),
      })),
    })),
  };
}

function base64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

/** jsonpb leaves out fields at their default: undefined, '', empty lists. */
function withoutDefaults(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)),
  );
}
