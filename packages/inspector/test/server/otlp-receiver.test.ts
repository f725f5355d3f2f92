import type { IncomingMessage } from 'node:http';
import { gzipSync } from 'node:zlib';
import { OTLPTraceExporter as OTLPTraceExporterJson } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OTLPTraceExporterProto } from '@opentelemetry/exporter-trace-otlp-proto';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeProtobufExportResponse,
  decodeProtobufStatus,
  type RunningInspector,
  type StartInspectorOptions,
  startInspector,
} from '../../src/index.js';
import { exportSpans } from '../support/export-spans.js';
import { recordIncidentRun } from '../support/incident-run.js';

let spans: ReadableSpan[];
let inspector: RunningInspector | undefined;

beforeAll(async () => {
  ({ spans } = await recordIncidentRun());
});

afterEach(async () => {
  await inspector?.close();
  inspector = undefined;
});

async function start(options: StartInspectorOptions = {}): Promise<RunningInspector> {
  inspector = await startInspector({ port: 0, ...options });
  return inspector;
}

function jsonBody(): Uint8Array {
  const bytes = JsonTraceSerializer.serializeRequest(spans);
  if (bytes === undefined) throw new Error('no JSON body');
  return bytes;
}

function protobufBody(): Uint8Array {
  const bytes = ProtobufTraceSerializer.serializeRequest(spans);
  if (bytes === undefined) throw new Error('no protobuf body');
  return bytes;
}

function post(url: string, body: Uint8Array | string, headers: Record<string, string>): Promise<Response> {
  return fetch(url, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers });
}

function traceIdOfRun(): string {
  return spans[0]?.spanContext().traceId ?? '';
}

describe('POST /v1/traces with the real OTLP exporters', () => {
  it('stores every span sent by the OTLP/HTTP JSON exporter', async () => {
    const { tracesUrl, store } = await start();
    const exporter = new OTLPTraceExporterJson({ url: tracesUrl });
    const result = await exportSpans(exporter, spans);
    await exporter.shutdown();
    expect(result.error).toBeUndefined();
    expect(result.code).toBe(0);
    expect(store.get(traceIdOfRun())?.spans).toHaveLength(spans.length);
  });

  it('stores every span sent gzip-compressed by the JSON exporter', async () => {
    const { tracesUrl, store, server } = await start();
    const encodings: (string | undefined)[] = [];
    server.on('request', (request: IncomingMessage) => encodings.push(request.headers['content-encoding']));
    const exporter = new OTLPTraceExporterJson({ url: tracesUrl, compression: 'gzip' as never });
    const result = await exportSpans(exporter, spans);
    await exporter.shutdown();
    expect(result.code).toBe(0);
    expect(encodings).toEqual(['gzip']);
    expect(store.get(traceIdOfRun())?.spans).toHaveLength(spans.length);
  });

  it('stores every span sent by the OTLP/HTTP protobuf exporter, the same as JSON', async () => {
    const protobufInspector = await start();
    const exporter = new OTLPTraceExporterProto({ url: protobufInspector.tracesUrl });
    const result = await exportSpans(exporter, spans);
    await exporter.shutdown();
    expect(result.code).toBe(0);
    const fromProtobuf = protobufInspector.store.get(traceIdOfRun());
    await protobufInspector.close();

    const jsonInspector = await start();
    const jsonExporter = new OTLPTraceExporterJson({ url: jsonInspector.tracesUrl });
    await exportSpans(jsonExporter, spans);
    await jsonExporter.shutdown();
    expect(fromProtobuf?.spans).toHaveLength(spans.length);
    expect(fromProtobuf).toEqual(jsonInspector.store.get(traceIdOfRun()));
  });

  it('merges a trace exported in several requests', async () => {
    const { tracesUrl, store } = await start();
    const exporter = new OTLPTraceExporterJson({ url: tracesUrl });
    for (const span of spans) expect((await exportSpans(exporter, [span])).code).toBe(0);
    await exporter.shutdown();
    expect(store.list()).toHaveLength(1);
    expect(store.get(traceIdOfRun())?.spans).toHaveLength(spans.length);
  });
});

describe('POST /v1/traces responses', () => {
  it('answers JSON with an empty ExportTraceServiceResponse', async () => {
    const { tracesUrl } = await start();
    const response = await post(tracesUrl, jsonBody(), { 'Content-Type': 'application/json' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({});
  });

  it('answers protobuf with an empty protobuf message', async () => {
    const { tracesUrl } = await start();
    const response = await post(tracesUrl, protobufBody(), { 'Content-Type': 'application/x-protobuf' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });

  it('accepts a gzip protobuf body', async () => {
    const { tracesUrl, store } = await start();
    const response = await post(tracesUrl, gzipSync(protobufBody()), {
      'Content-Type': 'application/x-protobuf',
      'Content-Encoding': 'gzip',
    });
    expect(response.status).toBe(200);
    expect(store.get(traceIdOfRun())?.spans).toHaveLength(spans.length);
  });

  it('reports invalid spans as a partial success, naming them', async () => {
    const { tracesUrl, store } = await start();
    const request = JSON.parse(new TextDecoder().decode(jsonBody()));
    request.resourceSpans[0].scopeSpans[0].spans[1].traceId = 'not-an-id';
    const response = await post(tracesUrl, JSON.stringify(request), { 'Content-Type': 'application/json' });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.partialSuccess.rejectedSpans).toBe('1');
    expect(body.partialSuccess.errorMessage).toContain('resourceSpans[0].scopeSpans[0].spans[1]: traceId "not-an-id"');
    expect(store.get(traceIdOfRun())?.spans).toHaveLength(spans.length - 1);
  });

  it('reports spans over the per-trace limit as a protobuf partial success', async () => {
    const { tracesUrl } = await start({ maxSpansPerTrace: 5 });
    const response = await post(tracesUrl, protobufBody(), { 'Content-Type': 'application/x-protobuf' });
    expect(response.status).toBe(200);
    const body = decodeProtobufExportResponse(new Uint8Array(await response.arrayBuffer()));
    expect(body.partialSuccess?.rejectedSpans).toBe(String(spans.length - 5));
    expect(body.partialSuccess?.errorMessage).toContain('limit of 5 spans per trace');
  });
});

describe('POST /v1/traces errors', () => {
  it('answers 413 with a google.rpc.Status for a body over the limit', async () => {
    const { tracesUrl, store } = await start({ bodyLimitBytes: 1024 });
    const body = jsonBody();
    expect(body.length).toBeGreaterThan(1024);
    const response = await post(tracesUrl, body, { 'Content-Type': 'application/json' });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ code: 8, message: 'request body exceeds the limit of 1024 bytes' });
    expect(store.size).toBe(0);
  });

  it('answers 413 for a default-limit body of 9 MiB', async () => {
    const { tracesUrl } = await start();
    const response = await post(tracesUrl, new Uint8Array(9 * 1024 * 1024), { 'Content-Type': 'application/x-protobuf' });
    expect(response.status).toBe(413);
    expect(decodeProtobufStatus(new Uint8Array(await response.arrayBuffer()))).toEqual({
      code: 8,
      message: 'request body exceeds the limit of 8388608 bytes',
    });
  });

  it('answers 413 when a small gzip body decompresses beyond the limit', async () => {
    const { tracesUrl } = await start({ bodyLimitBytes: 64 * 1024 });
    const bomb = gzipSync(Buffer.alloc(1024 * 1024, ' '));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const response = await post(tracesUrl, bomb, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    expect(response.status).toBe(413);
    expect((await response.json()).message).toBe('decompressed request body exceeds the limit of 65536 bytes');
  });

  it('answers 400 with a message for malformed JSON', async () => {
    const { tracesUrl } = await start();
    const response = await post(tracesUrl, '{"resourceSpans": [', { 'Content-Type': 'application/json; charset=utf-8' });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.code).toBe(3);
    expect(body.message).toMatch(/^invalid JSON: /);
  });

  it('answers 400 naming the path for JSON of the wrong shape', async () => {
    const { tracesUrl } = await start();
    const response = await post(tracesUrl, '{"resourceSpans": [{"scopeSpans": {}}]}', { 'Content-Type': 'application/json' });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toBe('resourceSpans[0].scopeSpans: expected an array, got {}');
  });

  it('answers 400 with a protobuf google.rpc.Status for malformed protobuf', async () => {
    const { tracesUrl } = await start();
    const response = await post(tracesUrl, Uint8Array.from([0x0a, 0xff, 0x01]), { 'Content-Type': 'application/x-protobuf' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    const status = decodeProtobufStatus(new Uint8Array(await response.arrayBuffer()));
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/^invalid protobuf ExportTraceServiceRequest/);
  });

  it('answers 400 for a body that claims gzip but is not', async () => {
    const { tracesUrl } = await start();
    const response = await post(tracesUrl, jsonBody(), { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toMatch(/^invalid gzip body/);
  });

  it('answers 415 for another content type or content encoding', async () => {
    const { tracesUrl } = await start();
    const text = await post(tracesUrl, 'hello', { 'Content-Type': 'text/plain' });
    expect(text.status).toBe(415);
    expect((await text.json()).message).toContain('unsupported Content-Type "text/plain"');
    const brotli = await post(tracesUrl, jsonBody(), { 'Content-Type': 'application/json', 'Content-Encoding': 'br' });
    expect(brotli.status).toBe(415);
  });

  it('answers 405 with Allow: POST for another method', async () => {
    const { tracesUrl } = await start();
    const response = await fetch(tracesUrl);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
