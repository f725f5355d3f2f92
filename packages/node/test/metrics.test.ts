import { context, metrics, propagation, trace } from '@opentelemetry/api';
import {
  defineTool,
  METRIC_GEN_AI_EXECUTE_TOOL_DURATION,
  METRIC_GEN_AI_INVOKE_WORKFLOW_DURATION,
  METRIC_RUN_DURATION,
  METRIC_STEPS,
  Orchestrator,
} from '@tooltrace/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { type StartTracingOptions, startTracing, type Tracing } from '../src/index.js';
import { type OtlpReceiver, refusingEndpoint, startOtlpReceiver } from './helpers/otlp-receiver.js';

const receivers: OtlpReceiver[] = [];
const tracings: Tracing[] = [];

async function receiver(): Promise<OtlpReceiver> {
  const started = await startOtlpReceiver();
  receivers.push(started);
  return started;
}

function start(options: StartTracingOptions): Tracing {
  const tracing = startTracing({ register: false, ...options });
  tracings.push(tracing);
  return tracing;
}

const lookup = defineTool({ name: 'ci_lookup', input: z.object({}), output: z.object({}), run: () => ({}) });
const plan = { steps: [{ id: 'a', tool: 'ci_lookup' }] };

/** An Orchestrator recording into the tracing's MeterProvider (the test fails first when there is none). */
function orchestratorFor(tracing: Tracing): Orchestrator {
  const { meterProvider } = tracing;
  expect(meterProvider).toBeDefined();
  return new Orchestrator({ tools: [lookup], meterProvider }); // as the README shows: the option takes `undefined` too
}

interface OtlpMetric {
  name: string;
  histogram?: { aggregationTemporality?: number };
}

/** Metric names per request of an OTLP/JSON ExportMetricsServiceRequest. */
function metricsOf(request: OtlpReceiver['requests'][number] | undefined): OtlpMetric[] {
  const body = request?.body as { resourceMetrics?: { scopeMetrics?: { metrics?: OtlpMetric[] }[] }[] } | undefined;
  return (body?.resourceMetrics ?? []).flatMap((rm) => (rm.scopeMetrics ?? []).flatMap((sm) => sm.metrics ?? []));
}

function serviceNameOf(request: OtlpReceiver['requests'][number] | undefined): unknown {
  const body = request?.body as { resourceMetrics?: { resource?: { attributes?: { key: string; value: { stringValue?: string } }[] } }[] };
  return body.resourceMetrics?.[0]?.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue;
}

function paths(backend: OtlpReceiver): string[] {
  return backend.requests.map((request) => request.path);
}

afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(tracings.splice(0).map((tracing) => tracing.shutdown()));
  trace.disable();
  context.disable();
  propagation.disable();
  metrics.disable();
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

describe('startTracing: metrics', () => {
  it("registers the MeterProvider globally and sends a run's metrics to <endpoint>/v1/metrics on shutdown", async () => {
    const backend = await receiver();
    const tracing = start({ serviceName: 'incident-bot', endpoint: backend.url, register: true });
    expect(tracing.meterProvider).toBeDefined();
    expect(metrics.getMeterProvider()).toBe(tracing.meterProvider);

    // No meterProvider option: the run records through the global one.
    await new Orchestrator({ tools: [lookup] }).run(plan);
    await tracing.shutdown();

    const metricRequests = backend.requests.filter((request) => request.path === '/v1/metrics');
    expect(metricRequests).toHaveLength(1);
    expect(metricRequests[0]?.headers['content-type']).toBe('application/json');
    expect(serviceNameOf(metricRequests[0])).toBe('incident-bot');
    expect(metricsOf(metricRequests[0]).map((metric) => metric.name)).toEqual(
      expect.arrayContaining([
        METRIC_GEN_AI_EXECUTE_TOOL_DURATION,
        METRIC_GEN_AI_INVOKE_WORKFLOW_DURATION,
        METRIC_STEPS,
        METRIC_RUN_DURATION,
      ]),
    );
    expect(paths(backend)).toContain('/v1/traces');
  });

  it('with register: false nothing global is set; tracing.meterProvider is passed to the Orchestrator', async () => {
    const backend = await receiver();
    const tracing = start({ endpoint: backend.url });
    expect(metrics.getMeterProvider()).not.toBe(tracing.meterProvider);
    await orchestratorFor(tracing).run(plan);
    await tracing.forceFlush();
    expect(metricsOf(backend.requests.find((r) => r.path === '/v1/metrics')).map((m) => m.name)).toContain(
      METRIC_GEN_AI_EXECUTE_TOOL_DURATION,
    );
  });

  it('OTEL_METRICS_EXPORTER=none: no MeterProvider, nothing sent to /v1/metrics', async () => {
    vi.stubEnv('OTEL_METRICS_EXPORTER', 'none');
    const backend = await receiver();
    const tracing = start({ endpoint: backend.url, register: true });
    expect(tracing.meterProvider).toBeUndefined();
    await new Orchestrator({ tools: [lookup] }).run(plan);
    await tracing.shutdown();
    expect(paths(backend)).toEqual(['/v1/traces']);
  });

  it('metrics: false turns them off; metrics: true wins over OTEL_METRICS_EXPORTER=none', async () => {
    const backend = await receiver();
    expect(start({ endpoint: backend.url, metrics: false }).meterProvider).toBeUndefined();
    vi.stubEnv('OTEL_METRICS_EXPORTER', 'none');
    expect(start({ endpoint: backend.url, metrics: true }).meterProvider).toBeDefined();
  });

  it('honours OTEL_EXPORTER_OTLP_ENDPOINT (+ /v1/metrics) and OTEL_EXPORTER_OTLP_METRICS_ENDPOINT as is', async () => {
    const base = await receiver();
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', base.url);
    const fromBase = start({});
    await orchestratorFor(fromBase).run(plan);
    await fromBase.shutdown();
    expect(paths(base)).toEqual(['/v1/metrics']);

    const own = await receiver();
    vi.stubEnv('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT', `${own.url}/custom/metrics`);
    const fromSignal = start({});
    await orchestratorFor(fromSignal).run(plan);
    await fromSignal.shutdown();
    expect(paths(own)).toEqual(['/custom/metrics']);
    expect(paths(base)).toEqual(['/v1/metrics']);
  });

  it('the endpoint option wins over the environment', async () => {
    const backend = await receiver();
    vi.stubEnv('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT', await refusingEndpoint());
    const tracing = start({ endpoint: backend.url });
    await orchestratorFor(tracing).run(plan);
    await tracing.shutdown();
    expect(paths(backend)).toEqual(['/v1/metrics']);
  });

  it('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=delta sends histograms as deltas (cumulative by default)', async () => {
    const temporalityOf = async (): Promise<number | undefined> => {
      const backend = await receiver();
      const tracing = start({ endpoint: backend.url });
      await orchestratorFor(tracing).run(plan);
      await tracing.shutdown();
      const tool = metricsOf(backend.requests[0]).find((m) => m.name === METRIC_GEN_AI_EXECUTE_TOOL_DURATION);
      return tool?.histogram?.aggregationTemporality;
    };
    expect(await temporalityOf()).toBe(2); // AGGREGATION_TEMPORALITY_CUMULATIVE
    vi.stubEnv('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE', 'delta');
    expect(await temporalityOf()).toBe(1); // AGGREGATION_TEMPORALITY_DELTA
  });

  it('shutdown resolves when the metrics backend refuses connections', async () => {
    const tracing = start({ endpoint: await refusingEndpoint(), timeoutMillis: 200 });
    await orchestratorFor(tracing).run(plan);
    await expect(tracing.shutdown()).resolves.toBeUndefined();
  });

  it('rejects a metrics.exportIntervalMillis that is not a positive number, naming the field', () => {
    expect(() => startTracing({ register: false, metrics: { exportIntervalMillis: 0 } })).toThrow(/metrics\.exportIntervalMillis/);
  });
});
