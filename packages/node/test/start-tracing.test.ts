import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type StartTracingOptions, startTracing, type Tracing, TracingAlreadyRegisteredError, TracingFlushError } from '../src/index.js';
import { decodeOtlpTraceRequest } from './helpers/decode-otlp.js';
import { type OtlpReceiver, type ReceiverBehaviour, refusingEndpoint, startOtlpReceiver } from './helpers/otlp-receiver.js';

const receivers: OtlpReceiver[] = [];
const tracings: Tracing[] = [];

async function receiver(behaviour: ReceiverBehaviour = 'accept'): Promise<OtlpReceiver> {
  const started = await startOtlpReceiver(behaviour);
  receivers.push(started);
  return started;
}

function start(options: StartTracingOptions): Tracing {
  const tracing = startTracing({ register: false, ...options });
  tracings.push(tracing);
  return tracing;
}

function emitSpan(tracing: Tracing, name: string): void {
  tracing.provider.getTracer('test').startSpan(name).end();
}

function spanNames(requests: OtlpReceiver['requests']): string[] {
  return requests.flatMap((request) => decodeOtlpTraceRequest(request.body).map((span) => span.name));
}

afterEach(async () => {
  vi.unstubAllEnvs();
  trace.disable();
  context.disable();
  propagation.disable();
  await Promise.all(tracings.splice(0).map((tracing) => tracing.shutdown()));
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

describe('startTracing: export', () => {
  it('sends finished spans as OTLP/JSON to <endpoint>/v1/traces with the service name on the resource', async () => {
    const backend = await receiver();
    const tracing = start({
      serviceName: 'incident-bot',
      endpoint: backend.url,
      resourceAttributes: { 'deployment.environment.name': 'test' },
    });
    emitSpan(tracing, 'hello');
    await tracing.forceFlush();

    expect(backend.requests).toHaveLength(1);
    const [request] = backend.requests;
    expect(request?.path).toBe('/v1/traces');
    expect(request?.headers['content-type']).toBe('application/json');
    const [span] = decodeOtlpTraceRequest(request?.body);
    expect(span?.name).toBe('hello');
    expect(span?.resource).toMatchObject({ 'service.name': 'incident-bot', 'deployment.environment.name': 'test' });
  });

  it('takes OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES when no option is given', async () => {
    const backend = await receiver();
    vi.stubEnv('OTEL_SERVICE_NAME', 'from-env');
    vi.stubEnv('OTEL_RESOURCE_ATTRIBUTES', 'team=sre');
    const tracing = start({ endpoint: backend.url });
    emitSpan(tracing, 'hello');
    await tracing.forceFlush();
    expect(decodeOtlpTraceRequest(backend.requests[0]?.body)[0]?.resource).toMatchObject({
      'service.name': 'from-env',
      team: 'sre',
    });
  });

  it('runs the extra span processors next to the exporting one', async () => {
    const backend = await receiver();
    const memory = new InMemorySpanExporter();
    const tracing = start({ endpoint: backend.url, spanProcessors: [new SimpleSpanProcessor(memory)] });
    emitSpan(tracing, 'both');
    await tracing.forceFlush();
    expect(memory.getFinishedSpans().map((span) => span.name)).toEqual(['both']);
    expect(spanNames(backend.requests)).toEqual(['both']);
  });

  it('uses the exporter option instead of OTLP', async () => {
    const backend = await receiver();
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', backend.url);
    const memory = new InMemorySpanExporter();
    const tracing = start({ exporter: memory });
    emitSpan(tracing, 'local');
    await tracing.forceFlush();
    expect(memory.getFinishedSpans().map((span) => span.name)).toEqual(['local']);
    expect(backend.requests).toHaveLength(0);
  });

  it('applies the batch options: maxExportBatchSize splits the export into requests', async () => {
    const backend = await receiver();
    const tracing = start({ endpoint: backend.url, batch: { maxExportBatchSize: 2, scheduledDelayMillis: 60_000 } });
    for (const name of ['a', 'b', 'c', 'd', 'e']) emitSpan(tracing, name);
    await tracing.forceFlush();
    const sizes = backend.requests.map((request) => decodeOtlpTraceRequest(request.body).length);
    expect(sizes.sort()).toEqual([1, 2, 2]);
    expect(spanNames(backend.requests).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('rejects an endpoint option that is not a URL', () => {
    expect(() => startTracing({ endpoint: 'localhost 4318', register: false })).toThrow(/is not a URL/);
  });
});

describe('startTracing: options win over OTEL_* variables', () => {
  it('endpoint option > OTEL_EXPORTER_OTLP_TRACES_ENDPOINT > OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const [explicit, tracesEnv, baseEnv] = await Promise.all([receiver(), receiver(), receiver()]);
    vi.stubEnv('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', `${tracesEnv.url}/custom/traces`);
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', baseEnv.url);

    const withOption = start({ endpoint: explicit.url });
    emitSpan(withOption, 'explicit');
    await withOption.forceFlush();

    const withTracesEnv = start({});
    emitSpan(withTracesEnv, 'traces-env');
    await withTracesEnv.forceFlush();

    vi.stubEnv('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', '');
    const withBaseEnv = start({});
    emitSpan(withBaseEnv, 'base-env');
    await withBaseEnv.forceFlush();

    expect(spanNames(explicit.requests)).toEqual(['explicit']);
    expect(spanNames(tracesEnv.requests)).toEqual(['traces-env']);
    expect(tracesEnv.requests[0]?.path).toBe('/custom/traces');
    expect(spanNames(baseEnv.requests)).toEqual(['base-env']);
    expect(baseEnv.requests[0]?.path).toBe('/v1/traces');
  });

  it('headers merge key by key: option > OTEL_EXPORTER_OTLP_TRACES_HEADERS > OTEL_EXPORTER_OTLP_HEADERS', async () => {
    const backend = await receiver();
    vi.stubEnv('OTEL_EXPORTER_OTLP_HEADERS', 'x-shared=generic,x-generic=generic,x-both=generic');
    vi.stubEnv('OTEL_EXPORTER_OTLP_TRACES_HEADERS', 'x-shared=traces,x-traces=traces,x-both=traces');
    const tracing = start({ endpoint: backend.url, headers: { 'x-shared': 'explicit' } });
    emitSpan(tracing, 'with-headers');
    await tracing.forceFlush();
    expect(backend.requests[0]?.headers).toMatchObject({
      'x-shared': 'explicit',
      'x-generic': 'generic',
      'x-traces': 'traces',
      'x-both': 'traces',
    });
  });

  it('honours OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: a hanging backend fails the export, not the flush bound', async () => {
    const backend = await receiver('hang');
    vi.stubEnv('OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', '50');
    const tracing = start({ endpoint: backend.url, flushTimeoutMillis: 15_000 });
    emitSpan(tracing, 'slow');
    const error = await tracing.forceFlush().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TracingFlushError);
    expect(error).toMatchObject({ code: 'TRACING_FLUSH_FAILED', reason: 'export_failed' });
    expect((error as Error).message).toContain('Request timed out');
  });

  it('the timeoutMillis option wins over OTEL_EXPORTER_OTLP_TIMEOUT', async () => {
    const backend = await receiver('hang');
    // Were the variable used, the export would hang for ten minutes and the flush bound would hit.
    vi.stubEnv('OTEL_EXPORTER_OTLP_TIMEOUT', '600000');
    const tracing = start({ endpoint: backend.url, timeoutMillis: 50, flushTimeoutMillis: 15_000 });
    emitSpan(tracing, 'slow');
    await expect(tracing.forceFlush()).rejects.toMatchObject({ reason: 'export_failed' });
  });
});

describe('startTracing: flush and shutdown', () => {
  it('forceFlush rejects with reason export_failed when the backend refuses connections', async () => {
    const tracing = start({ endpoint: await refusingEndpoint(), timeoutMillis: 200 });
    emitSpan(tracing, 'lost');
    const error = await tracing.forceFlush().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TracingFlushError);
    expect(error).toMatchObject({ reason: 'export_failed' });
  });

  it('forceFlush rejects with reason timeout when the backend hangs longer than flushTimeoutMillis', async () => {
    const backend = await receiver('hang');
    const tracing = start({ endpoint: backend.url, timeoutMillis: 60_000, flushTimeoutMillis: 50 });
    emitSpan(tracing, 'stuck');
    await expect(tracing.forceFlush()).rejects.toMatchObject({ code: 'TRACING_FLUSH_FAILED', reason: 'timeout' });
    await backend.waitForRequests(1);
  });

  it('shutdown flushes pending spans, and calling it twice returns the same promise', async () => {
    const backend = await receiver();
    const tracing = start({ endpoint: backend.url });
    emitSpan(tracing, 'last words');
    const first = tracing.shutdown();
    expect(tracing.shutdown()).toBe(first);
    await first;
    expect(spanNames(backend.requests)).toEqual(['last words']);
    emitSpan(tracing, 'after shutdown');
    await tracing.forceFlush();
    expect(spanNames(backend.requests)).toEqual(['last words']);
  });

  it('shutdown resolves, never rejects, when the backend hangs past flushTimeoutMillis', async () => {
    const backend = await receiver('hang');
    const tracing = start({ endpoint: backend.url, timeoutMillis: 60_000, flushTimeoutMillis: 50 });
    emitSpan(tracing, 'stuck');
    await expect(tracing.shutdown()).resolves.toBeUndefined();
    await backend.waitForRequests(1);
  });

  it('shutdown resolves when the backend refuses connections', async () => {
    const tracing = start({ endpoint: await refusingEndpoint(), timeoutMillis: 200 });
    emitSpan(tracing, 'lost');
    await expect(tracing.shutdown()).resolves.toBeUndefined();
  });
});

describe('startTracing: global registration', () => {
  it('registers by default: global tracer, AsyncLocalStorage context and the W3C propagator', async () => {
    const memory = new InMemorySpanExporter();
    const tracing = startTracing({ exporter: memory });
    tracings.push(tracing);

    const carrier: Record<string, string> = {};
    await trace.getTracer('app').startActiveSpan('parent', async (parent) => {
      await Promise.resolve();
      trace.getTracer('app').startSpan('child').end();
      propagation.inject(context.active(), carrier);
      parent.end();
    });
    await tracing.forceFlush();

    const spans = memory.getFinishedSpans();
    const parent = spans.find((span) => span.name === 'parent');
    const child = spans.find((span) => span.name === 'child');
    expect(child?.parentSpanContext?.spanId).toBe(parent?.spanContext().spanId);
    expect(carrier.traceparent).toBe(`00-${parent?.spanContext().traceId}-${parent?.spanContext().spanId}-01`);
  });

  it('register: false leaves the globals alone', async () => {
    const memory = new InMemorySpanExporter();
    start({ exporter: memory, register: false });
    const span = trace.getTracer('app').startSpan('nowhere');
    expect(span.isRecording()).toBe(false);
    span.end();
  });

  it('throws TracingAlreadyRegisteredError when a provider is already registered, keeping the first', async () => {
    const first = new InMemorySpanExporter();
    const tracing = startTracing({ exporter: first });
    tracings.push(tracing);

    let thrown: unknown;
    try {
      startTracing({ exporter: new InMemorySpanExporter() });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TracingAlreadyRegisteredError);
    expect(thrown).toMatchObject({ code: 'TRACING_ALREADY_REGISTERED' });

    trace.getTracer('app').startSpan('still first').end();
    await tracing.forceFlush();
    expect(first.getFinishedSpans().map((span) => span.name)).toEqual(['still first']);
  });
});
