import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeOtlpJson,
  groupIntoTraces,
  type InspectorTrace,
  mapExceptionStacks,
  type RunningInspector,
  SourceMapCache,
  startInspector,
  TraceStore,
  type TraceStoreEvent,
  type TraceSummary,
  tempoBackend,
} from '../../src/index.js';
import { createBackendApi } from '../../src/sources/backend-routes.js';
import { recordIncidentRun } from '../support/incident-run.js';
import { modelSpan, spanIdOf } from '../support/model-spans.js';
import { startTempoFixture, type TempoFixture } from '../support/tempo-fixture.js';

let incident: InspectorTrace;
let tempo: TempoFixture | undefined;
let inspector: RunningInspector | undefined;

beforeAll(async () => {
  const { spans } = await recordIncidentRun('routes-test');
  const request = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)));
  [incident] = groupIntoTraces(decodeOtlpJson(request).spans) as [InspectorTrace];
});

afterEach(async () => {
  await inspector?.close();
  await tempo?.close();
  inspector = undefined;
  tempo = undefined;
});

async function inspectorOver(url: string, timeoutMs = 5000): Promise<RunningInspector> {
  inspector = await startInspector({ port: 0, backend: tempoBackend(url, { timeoutMs }) });
  return inspector;
}

async function getJson(path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${inspector?.url}${path}`);
  return { status: response.status, body: await response.json() };
}

describe('the inspector over a backend', () => {
  it('lists the backend recent tooltrace traces at GET /api/traces', async () => {
    const other = { traceId: 'c'.repeat(32), spans: [modelSpan({ traceId: 'c'.repeat(32), spanId: spanIdOf(1), startMs: Date.now() })] };
    tempo = await startTempoFixture([incident, other]);
    await inspectorOver(tempo.url);
    const { status, body } = await getJson('/api/traces');
    expect(status).toBe(200);
    expect((body as TraceSummary[]).map((summary) => [summary.traceId, summary.rootName, summary.outcome])).toEqual([
      [incident.traceId, 'pipeline incident', 'error'],
    ]);
  });

  it('opens any trace by id from the backend, and its OTLP download', async () => {
    tempo = await startTempoFixture([incident]);
    await inspectorOver(tempo.url);
    const { status, body } = await getJson(`/api/traces/${incident.traceId}`);
    expect(status).toBe(200);
    // As the API serves every trace: exception stacks source-mapped (the fixture's frames in compiled dependencies are).
    expect(body).toEqual(await mapExceptionStacks(incident, new SourceMapCache()));
    const otlp = await getJson(`/api/traces/${incident.traceId}/otlp`);
    expect(groupIntoTraces(decodeOtlpJson(otlp.body).spans)).toEqual([incident]);
  });

  it('answers 404 naming the backend for a trace it does not hold', async () => {
    tempo = await startTempoFixture([]);
    await inspectorOver(tempo.url);
    expect(await getJson(`/api/traces/${incident.traceId}`)).toEqual({
      status: 404,
      body: { error: { code: 'TRACE_NOT_FOUND', message: `trace ${incident.traceId} not found in Tempo at ${tempo.url}` } },
    });
  });

  it('still serves a trace sent to its own receiver when the backend does not hold it', async () => {
    tempo = await startTempoFixture([]);
    const running = await inspectorOver(tempo.url);
    running.store.addTraces([incident]);
    expect((await getJson(`/api/traces/${incident.traceId}`)).status).toBe(200);
  });

  it('answers 502 with the reason when the backend cannot be reached, 504 when it does not answer in time', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await inspectorOver(`http://127.0.0.1:${port}`);
    const down = await getJson('/api/traces');
    expect(down.status).toBe(502);
    expect(down.body).toEqual({
      error: { code: 'BACKEND_UNREACHABLE', message: expect.stringContaining(`cannot reach Tempo at http://127.0.0.1:${port}`) },
    });
    await inspector?.close();
    tempo = await startTempoFixture([incident]);
    tempo.behave('hang');
    await inspectorOver(tempo.url, 100);
    const slow = await getJson(`/api/traces/${incident.traceId}`);
    expect(slow.status).toBe(504);
    expect(slow.body).toEqual({ error: { code: 'BACKEND_TIMEOUT', message: expect.stringContaining('did not answer within 100 ms') } });
  });

  it('re-adds a trace only when the backend has something new, so the page event stream stays quiet', async () => {
    tempo = await startTempoFixture([incident]);
    const running = await inspectorOver(tempo.url);
    const events: TraceStoreEvent[] = [];
    running.store.subscribe((event) => events.push(event));
    await getJson('/api/traces');
    await getJson('/api/traces');
    await getJson(`/api/traces/${incident.traceId}`);
    expect(events.map((event) => event.type)).toEqual(['trace-updated']);
    expect(tempo.requests.filter((path) => path.startsWith('/api/search'))).toHaveLength(2);
  });
});

describe('a trace the backend does not hold yet', () => {
  it('is asked for again until it arrives, then lands in the store (the waiting page opens it)', async () => {
    const traces: InspectorTrace[] = [];
    tempo = await startTempoFixture(traces);
    const store = new TraceStore();
    const api = createBackendApi(tempoBackend(tempo.url), store, { retryIntervalMs: 20, retries: 100 });
    const server = createHttpServer((request, response) => {
      void api.handle(request, response, new URL(request.url ?? '/', 'http://inspector.invalid')).then((handled) => {
        if (!handled) response.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const arrived = new Promise<TraceStoreEvent>((resolve) => store.subscribe(resolve));
      const first = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/traces/${incident.traceId}`);
      expect(first.status).toBe(404);
      traces.push(incident);
      expect(await arrived).toMatchObject({ type: 'trace-updated', summary: { traceId: incident.traceId } });
      expect(store.get(incident.traceId)).toEqual(incident);
      expect(tempo.requests.length).toBeGreaterThan(1);
    } finally {
      api.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
