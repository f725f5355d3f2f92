import { createServer } from 'node:net';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BackendError, decodeOtlpJson, groupIntoTraces, type InspectorTrace, TOOLTRACE_TRACEQL, tempoBackend } from '../../src/index.js';
import { recordIncidentRun } from '../support/incident-run.js';
import { modelSpan, spanIdOf } from '../support/model-spans.js';
import { startTempoFixture, type TempoFixture, tempoTrace } from '../support/tempo-fixture.js';

let incident: InspectorTrace;
let tempo: TempoFixture | undefined;

/** A trace whose id has leading zeros (Tempo prints it without them), of some other instrumentation. */
const OTHER_TRACE_ID = `0000${'c'.repeat(28)}`;

beforeAll(async () => {
  const { spans } = await recordIncidentRun('tempo-test');
  const request = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)));
  [incident] = groupIntoTraces(decodeOtlpJson(request).spans) as [InspectorTrace];
});

afterEach(async () => {
  await tempo?.close();
  tempo = undefined;
});

function otherTrace(startMs: number): InspectorTrace {
  return { traceId: OTHER_TRACE_ID, spans: [modelSpan({ traceId: OTHER_TRACE_ID, spanId: spanIdOf(1), name: 'GET /health', startMs })] };
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function rejection(promise: Promise<unknown>): Promise<BackendError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(BackendError);
  return error as BackendError;
}

describe('a trace from Tempo', () => {
  it('decodes GET /api/v2/traces/{id} (ids in base64, enums by name) to the spans that were exported', async () => {
    tempo = await startTempoFixture([incident]);
    const decoded = await tempoBackend(tempo.url).getTrace(incident.traceId);
    expect(decoded.rejected).toEqual([]);
    expect(decoded.warnings).toEqual([]);
    expect(groupIntoTraces(decoded.spans)).toEqual([incident]);
    expect(tempo.requests).toEqual([`/api/v2/traces/${incident.traceId}`]);
  });

  it('pads a short trace id to 32 hex digits before asking', async () => {
    tempo = await startTempoFixture([otherTrace(1000)]);
    const decoded = await tempoBackend(tempo.url).getTrace(OTHER_TRACE_ID.replace(/^0+/, ''));
    expect(decoded.spans.map((span) => span.traceId)).toEqual([OTHER_TRACE_ID]);
    expect(tempo.requests).toEqual([`/api/v2/traces/${OTHER_TRACE_ID}`]);
  });

  it('reports a trace Tempo answers with an empty "trace" as not found, naming Tempo', async () => {
    tempo = await startTempoFixture([]);
    const error = await rejection(tempoBackend(tempo.url).getTrace(incident.traceId));
    expect(error.code).toBe('BACKEND_TRACE_NOT_FOUND');
    expect(error.message).toBe(`trace ${incident.traceId} not found in Tempo at ${tempo.url}`);
  });

  it('reports an answer with only query metrics (a nil trace, left out by jsonpb) as not found', async () => {
    tempo = await startTempoFixture([]);
    tempo.behave({ status: 200, body: '{"metrics":{"inspectedBytes":"512"}}' });
    expect((await rejection(tempoBackend(tempo.url).getTrace(incident.traceId))).code).toBe('BACKEND_TRACE_NOT_FOUND');
  });

  it('passes on that a trace over Tempo size limit is partial', async () => {
    tempo = await startTempoFixture([]);
    const message = 'Trace exceeds maximum size of 5000000 bytes, a partial trace is returned';
    tempo.behave({ status: 200, body: JSON.stringify({ trace: tempoTrace(incident), status: 'PARTIAL', message }) });
    const decoded = await tempoBackend(tempo.url).getTrace(incident.traceId);
    expect(groupIntoTraces(decoded.spans)).toEqual([incident]);
    expect(decoded.warnings).toEqual([`Tempo at ${tempo.url}: ${message}`]);
  });

  it('reports a 404 as not found', async () => {
    tempo = await startTempoFixture([]);
    tempo.behave({ status: 404, body: 'trace not found' });
    expect((await rejection(tempoBackend(tempo.url).getTrace(incident.traceId))).code).toBe('BACKEND_TRACE_NOT_FOUND');
  });

  it('refuses an id that is not hex before any request', async () => {
    tempo = await startTempoFixture([]);
    await expect(tempoBackend(tempo.url).getTrace('not-a-trace')).rejects.toThrow(
      'traceId must be 1 to 32 hex digits, not all zero, got "not-a-trace"',
    );
    expect(tempo.requests).toEqual([]);
  });
});

describe('recent tooltrace traces from Tempo', () => {
  it('searches with TraceQL for the tooltrace scope over the lookback window, then fetches each trace', async () => {
    tempo = await startTempoFixture([incident, otherTrace(Date.now() - 1000)]);
    const before = Math.floor(Date.now() / 1000);
    const found = await tempoBackend(tempo.url, { lookbackMs: 3_600_000, limit: 5 }).findRecentTraces();
    expect(found.traces).toEqual([incident]);
    const [search, ...fetches] = tempo.requests;
    const params = new URL(search ?? '', 'http://x').searchParams;
    expect(params.get('q')).toBe(TOOLTRACE_TRACEQL);
    expect(TOOLTRACE_TRACEQL).toBe('{ instrumentation:name = "@tooltrace/core" }');
    expect(Number(params.get('end')) - Number(params.get('start'))).toBe(3600);
    expect(Number(params.get('end'))).toBeGreaterThanOrEqual(before);
    expect(params.get('limit')).toBe('5');
    expect(fetches).toEqual([`/api/v2/traces/${incident.traceId}`]);
  });

  it('finds nothing when the search finds nothing', async () => {
    tempo = await startTempoFixture([otherTrace(Date.now() - 1000)]);
    expect(await tempoBackend(tempo.url).findRecentTraces()).toEqual({ traces: [], rejected: [] });
  });
});

describe('Tempo failures', () => {
  it('names Tempo and the cause when nothing listens', async () => {
    const port = await closedPort();
    const error = await rejection(tempoBackend(`http://127.0.0.1:${port}`).getTrace(incident.traceId));
    expect(error.code).toBe('BACKEND_UNREACHABLE');
    expect(error.message).toBe(
      `cannot reach Tempo at http://127.0.0.1:${port} (GET /api/v2/traces/${incident.traceId}): connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });

  it('gives up after the timeout', async () => {
    tempo = await startTempoFixture([incident]);
    tempo.behave('hang');
    const error = await rejection(tempoBackend(tempo.url, { timeoutMs: 100 }).findRecentTraces());
    expect(error.code).toBe('BACKEND_TIMEOUT');
    expect(error.message).toMatch(/^Tempo at http:\/\/127\.0\.0\.1:\d+ \(GET \/api\/search\?q=.*\) did not answer within 100 ms$/);
  });

  it('passes on the status and message of an error answer', async () => {
    tempo = await startTempoFixture([incident]);
    tempo.behave({ status: 500, body: 'error querying live store: context deadline exceeded\n' });
    const error = await rejection(tempoBackend(tempo.url).getTrace(incident.traceId));
    expect(error.code).toBe('BACKEND_HTTP_ERROR');
    expect(error.status).toBe(500);
    expect(error.message).toBe(
      `Tempo at ${tempo.url} (GET /api/v2/traces/${incident.traceId}) answered 500: error querying live store: context deadline exceeded`,
    );
  });

  it('says when the answer is not a trace (e.g. the URL is not Tempo)', async () => {
    tempo = await startTempoFixture([incident]);
    tempo.behave({ status: 200, body: '<!doctype html><title>Jaeger UI</title>' });
    const error = await rejection(tempoBackend(tempo.url).getTrace(incident.traceId));
    expect(error.code).toBe('BACKEND_INVALID_RESPONSE');
    expect(error.message).toContain('the answer is not JSON');
  });
});
