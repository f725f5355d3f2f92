import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind } from '@opentelemetry/api';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelemetry } from '../../examples/existing-pipeline/telemetry.js';

// The user's own OpenTelemetry setup (NodeSDK + HTTP auto-instrumentation), capturing in memory.
// tooltrace is handed no provider: its spans must land here because NodeSDK registered one.
const exporter = new InMemorySpanExporter();
// The incoming request's server span is the trace's root and ends last, after the response is sent.
const serverSpanEnded = endedSpanWaiter((span) => span.kind === SpanKind.SERVER && span.parentSpanContext === undefined);
let sdk: NodeSDK;
let inventory: Server;
let incidents: Server;

beforeAll(async () => {
  sdk = startTelemetry({ serviceName: 'incident-service', spanProcessors: [new SimpleSpanProcessor(exporter), serverSpanEnded.processor] });
  // Loaded after the SDK started, as an application would (see telemetry.ts for why it matters).
  const { createInventoryService } = await import('../../examples/existing-pipeline/inventory-service.js');
  const { createIncidentService } = await import('../../examples/existing-pipeline/incident-service.js');
  inventory = await listen(createInventoryService());
  incidents = await listen(createIncidentService({ inventoryUrl: urlOf(inventory) }));
});

afterAll(async () => {
  await Promise.all([close(incidents), close(inventory)]);
  await sdk.shutdown();
});

describe('tooltrace inside an existing NodeSDK pipeline', () => {
  it('one request gives one trace: server → pipeline → stage → orchestrate → group → execute_tool → HTTP client → downstream server', async () => {
    // fetch (undici) is not instrumented, so the incoming server span is the trace's root.
    const response = await fetch(`${urlOf(incidents)}/incidents?host=web-01`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      host: 'web-01',
      outcome: 'ok',
      summary: 'Follow https://runbooks.example/team-web/high-cpu',
      steps: [
        { id: 'inventory', status: 'ok' },
        { id: 'runbook', status: 'ok' },
      ],
    });
    await guard(
      serverSpanEnded.promise,
      'no root HTTP server span ended: is `http` patched? (see examples/existing-pipeline/telemetry.ts)',
    );

    const spans = exporter.getFinishedSpans();
    expect(new Set(spans.map((span) => span.spanContext().traceId)).size).toBe(1);

    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const parentOf = (span: ReadableSpan): ReadableSpan | undefined => byId.get(span.parentSpanContext?.spanId ?? '');
    const serverSpans = spans.filter((span) => span.kind === SpanKind.SERVER);
    const incomingRequest = serverSpans.find((span) => span.parentSpanContext === undefined);
    const downstream = serverSpans.find((span) => span.parentSpanContext !== undefined);
    expect(incomingRequest, 'the incident request span is the root').toBeDefined();
    expect(downstream, 'the inventory service has a server span').toBeDefined();
    if (downstream === undefined) return;

    // Walk up from the downstream server span: every hop is a real parent in the same trace.
    const chain: ReadableSpan[] = [];
    for (let span: ReadableSpan | undefined = downstream; span !== undefined; span = parentOf(span)) chain.unshift(span);
    expect(chain.map((span) => [span.name, SpanKind[span.kind]])).toEqual([
      ['GET', 'SERVER'],
      ['pipeline incident', 'INTERNAL'],
      ['stage execute', 'INTERNAL'],
      ['orchestrate dag', 'INTERNAL'],
      ['group 0', 'INTERNAL'],
      ['execute_tool inventory_lookup', 'INTERNAL'],
      ['GET', 'CLIENT'],
      ['GET', 'SERVER'],
    ]);
    expect(chain[0]).toBe(incomingRequest);
    expect(chain[0]?.parentSpanContext).toBeUndefined();

    // The last hop crossed the wire: the inventory server took its parent from the traceparent header.
    const [client, server] = chain.slice(-2);
    expect(server?.parentSpanContext?.isRemote).toBe(true);
    expect(server?.parentSpanContext?.spanId).toBe(client?.spanContext().spanId);
    expect(client?.attributes['server.port'] ?? client?.attributes['net.peer.port']).toBe(portOf(inventory));
    expect(server?.attributes['url.path'] ?? server?.attributes['http.target']).toBe('/hosts/web-01');

    // The rest of the run is there too, under the same pipeline.
    const names = spans.map((span) => span.name);
    expect(names).toEqual(expect.arrayContaining(['stage plan', 'stage compose', 'group 1', 'execute_tool runbook_search']));
    const runbookStep = spans.find((span) => span.name === 'execute_tool runbook_search');
    expect(runbookStep?.links.map((link) => link.context.spanId)).toEqual([chain[5]?.spanContext().spanId]);
  });
});

/** A span processor that resolves once a span matching `predicate` has ended. */
function endedSpanWaiter(predicate: (span: ReadableSpan) => boolean): { processor: SpanProcessor; promise: Promise<ReadableSpan> } {
  let resolve: (span: ReadableSpan) => void = () => {};
  const promise = new Promise<ReadableSpan>((r) => {
    resolve = r;
  });
  const processor: SpanProcessor = {
    onStart: () => {},
    onEnd: (span) => {
      if (predicate(span)) resolve(span);
    },
    forceFlush: async () => {},
    shutdown: async () => {},
  };
  return { processor, promise };
}

async function guard<T>(promise: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), 10_000);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function listen(server: Server): Promise<Server> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

function urlOf(server: Server): string {
  return `http://127.0.0.1:${portOf(server)}`;
}

async function close(server: Server | undefined): Promise<void> {
  if (!server?.listening) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
