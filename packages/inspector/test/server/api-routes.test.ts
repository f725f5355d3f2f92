import { request as httpRequest } from 'node:http';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  decodeOtlpJson,
  groupIntoTraces,
  type InspectorTrace,
  mapExceptionStacks,
  type RunningInspector,
  SourceMapCache,
  startInspector,
  type TraceSummary,
} from '../../src/index.js';
import { recordIncidentRun } from '../support/incident-run.js';

let spans: ReadableSpan[];
let inspector: RunningInspector;
let traceId: string;

function postJson(runSpans: ReadableSpan[]): Promise<Response> {
  const body = new Uint8Array(JsonTraceSerializer.serializeRequest(runSpans) ?? []);
  return fetch(inspector.tracesUrl, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
}

beforeAll(async () => {
  ({ spans } = await recordIncidentRun());
  traceId = spans[0]?.spanContext().traceId ?? '';
});

beforeEach(async () => {
  inspector = await startInspector({ port: 0 });
  const response = await postJson(spans);
  expect(response.status).toBe(200);
});

afterEach(async () => {
  await inspector.close();
});

describe('the JSON API', () => {
  it('GET /api/traces lists trace summaries', async () => {
    const response = await fetch(`${inspector.url}/api/traces`);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const list = (await response.json()) as TraceSummary[];
    expect(list).toEqual([expect.objectContaining({ traceId, rootName: 'pipeline incident', strategy: 'dag', outcome: 'error' })]);
  });

  it('GET /api/traces/{id} returns the trace, in the model the web view reads, its stacks source-mapped', async () => {
    const trace = (await (await fetch(`${inspector.url}/api/traces/${traceId.toUpperCase()}`)).json()) as InspectorTrace;
    expect(trace).toEqual(await mapExceptionStacks(inspector.store.get(traceId) as InspectorTrace, new SourceMapCache()));
    expect(trace.spans).toHaveLength(spans.length);
  });

  it('GET /api/traces/{id}/otlp downloads OTLP/JSON that decodes to the same trace', async () => {
    const response = await fetch(`${inspector.url}/api/traces/${traceId}/otlp`);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="trace-${traceId}.json"`);
    expect(groupIntoTraces(decodeOtlpJson(await response.json()).spans)).toEqual([inspector.store.get(traceId)]);
  });

  it('answers 404 for an unknown or malformed trace id', async () => {
    for (const id of ['0af7651916cd43dd8448eb211c80319c', 'nope', '../etc']) {
      const response = await fetch(`${inspector.url}/api/traces/${id}`);
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toMatch(/NOT_FOUND/);
    }
  });

  it('GET /api/search finds spans by attribute', async () => {
    const response = await fetch(`${inspector.url}/api/search?attr=tooltrace.step.status&value=skipped`);
    expect(await response.json()).toEqual([{ traceId, spanId: expect.any(String), spanName: 'execute_tool summarize', value: 'skipped' }]);
    const withinTrace = await fetch(`${inspector.url}/api/search?attr=tooltrace.depends_on&value=primary&trace=${traceId}&limit=1`);
    expect(await withinTrace.json()).toHaveLength(1);
  });

  it('GET /api/search answers 400 without an attribute or with a bad limit', async () => {
    expect((await fetch(`${inspector.url}/api/search?value=x`)).status).toBe(400);
    expect((await fetch(`${inspector.url}/api/search?attr=a&limit=0`)).status).toBe(400);
  });

  it('DELETE /api/traces clears the store; other methods get 405', async () => {
    expect((await fetch(`${inspector.url}/api/traces`, { method: 'PUT' })).status).toBe(405);
    expect((await fetch(`${inspector.url}/api/traces`, { method: 'DELETE' })).status).toBe(204);
    expect(await (await fetch(`${inspector.url}/api/traces`)).json()).toEqual([]);
  });
});

describe('the live event stream', () => {
  it('GET /api/events sends trace-updated with the summary when spans arrive', async () => {
    const controller = new AbortController();
    const response = await fetch(`${inspector.url}/api/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
    if (reader === undefined) throw new Error('no body');
    let received = '';
    while (!received.includes(': connected')) received += (await reader.read()).value ?? '';

    const { spans: secondRun } = await recordIncidentRun('second');
    await postJson(secondRun);
    const eventComplete = (): boolean => {
      const start = received.indexOf('event: trace-updated');
      return start >= 0 && received.includes('\n\n', start);
    };
    while (!eventComplete()) received += (await reader.read()).value ?? '';
    controller.abort();

    const event = received.slice(received.indexOf('event: trace-updated')).split('\n');
    expect(event[0]).toBe('event: trace-updated');
    const summary = JSON.parse(event[1]?.replace(/^data: /, '') ?? '') as TraceSummary;
    expect(summary).toMatchObject({ traceId: secondRun[0]?.spanContext().traceId, serviceName: 'second', spanCount: 12 });
  });
});

describe('the web view routes', () => {
  it('serves the HTML page at /, /trace/{id}, /compare/{a}/{b} and /compare (two files)', async () => {
    for (const path of ['/', `/trace/${traceId}`, `/compare/${traceId}/${traceId}`, '/compare', '/compare/']) {
      const response = await fetch(`${inspector.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toMatch(/^<!doctype html>/i);
    }
    expect((await fetch(`${inspector.url}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${inspector.url}/compare/files`)).status).toBe(404);
  });

  it('refuses a Host that is not loopback (DNS rebinding)', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = httpRequest(`${inspector.url}/api/traces`, { headers: { Host: 'evil.example:80' } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(403);
  });
});
