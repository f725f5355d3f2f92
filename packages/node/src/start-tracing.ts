import { diag, metrics } from '@opentelemetry/api';
import { createOtlpNetworkExportDelegate, OTLPExporterBase } from '@opentelemetry/otlp-exporter-base';
import { createOtlpHttpExporterMetrics } from '@opentelemetry/otlp-exporter-base/node-http';
import { JsonTraceSerializer, TraceExporterMetricsHelper } from '@opentelemetry/otlp-transformer';
import type { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ClosableHttpTransport } from './closable-http-transport.js';
import { TracingFlushError } from './errors.js';
import { createOtlpMetrics, metricsEnabled } from './metrics.js';
import { otlpHttpConfig } from './otlp-http-config.js';
import { registerGlobally } from './register.js';
import { buildResource } from './resource.js';
import type { StartTracingOptions, Tracing } from './types.js';
import { withinTimeout } from './within-timeout.js';

const DEFAULT_FLUSH_TIMEOUT_MILLIS = 5000;

/**
 * Sets up OpenTelemetry tracing for a Node.js application: a NodeTracerProvider whose spans go
 * through a BatchSpanProcessor to the OTLP/HTTP (JSON) exporter, and a MeterProvider whose metrics
 * go the same way on a PeriodicExportingMetricReader, configured by `options` first and the
 * standard `OTEL_*` variables second, registered globally unless `register: false`.
 *
 * Already running NodeSDK or your own provider? You need none of this: tooltrace emits into
 * whatever provider is registered.
 *
 * @example
 * const tracing = startTracing({ serviceName: 'incident-bot' });
 * process.on('SIGTERM', () => void tracing.shutdown().then(() => process.exit(0)));
 */
export function startTracing(options: StartTracingOptions = {}): Tracing {
  const flushTimeoutMillis = options.flushTimeoutMillis ?? DEFAULT_FLUSH_TIMEOUT_MILLIS;
  const otlp = options.exporter ? undefined : createOtlpExporter(options);
  const exporter = options.exporter ?? (otlp as OtlpExporter).exporter;
  const resource = buildResource(options);
  const otlpMetrics = metricsEnabled(options) ? createOtlpMetrics(options, resource) : undefined;
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [...(options.spanProcessors ?? []), new BatchSpanProcessor(exporter, { ...options.batch })],
  });
  const meterProvider = otlpMetrics?.meterProvider;
  if (options.register ?? true) {
    registerGlobally(provider);
    if (meterProvider && !metrics.setGlobalMeterProvider(meterProvider)) {
      diag.warn('tooltrace: a global MeterProvider is already registered; pass tracing.meterProvider to the Orchestrator');
    }
  }

  let shutdownOnce: Promise<void> | undefined;
  return {
    provider,
    meterProvider,
    forceFlush: () => flush(provider, meterProvider, flushTimeoutMillis),
    shutdown: () => {
      // Whatever the outcome, the exporters' open requests and retry waits end with it.
      shutdownOnce ??= shutDown(provider, meterProvider, flushTimeoutMillis).finally(() => {
        otlp?.transport.close();
        otlpMetrics?.transport.close();
      });
      return shutdownOnce;
    },
  };
}

interface OtlpExporter {
  exporter: SpanExporter;
  transport: ClosableHttpTransport;
}

/**
 * The OTLP/HTTP JSON exporter, configured as `OTLPTraceExporter` is (explicit options, then the
 * `OTEL_EXPORTER_OTLP_*` variables), but sending through a transport that shutdown can close.
 */
function createOtlpExporter(options: StartTracingOptions): OtlpExporter {
  const config = otlpHttpConfig(options, 'TRACES');
  const transport = new ClosableHttpTransport(config);
  const metrics = createOtlpHttpExporterMetrics<ReadableSpan[]>(
    'otlp_http_span_exporter',
    TraceExporterMetricsHelper,
    config.url,
    undefined,
  );
  const exporter = new OTLPExporterBase(createOtlpNetworkExportDelegate(config, JsonTraceSerializer, metrics, transport));
  return { exporter, transport };
}

async function flush(provider: NodeTracerProvider, meterProvider: MeterProvider | undefined, timeoutMillis: number): Promise<void> {
  const outcome = await withinTimeout(Promise.all([provider.forceFlush(), meterProvider?.forceFlush()]), timeoutMillis);
  if (outcome.kind === 'timeout') throw new TracingFlushError('timeout', timeoutMillis);
  if (outcome.kind === 'rejected') throw new TracingFlushError('export_failed', timeoutMillis, outcome.error);
}

async function shutDown(provider: NodeTracerProvider, meterProvider: MeterProvider | undefined, timeoutMillis: number): Promise<void> {
  // Each shutdown() flushes first; a hanging backend must not hold the process past the bound,
  // which covers both providers together.
  const outcome = await withinTimeout(Promise.allSettled([provider.shutdown(), meterProvider?.shutdown()]), timeoutMillis);
  if (outcome.kind === 'timeout') {
    diag.warn(`tooltrace: tracing shutdown did not finish within ${timeoutMillis} ms; unsent spans and metrics are dropped`);
    return;
  }
  if (outcome.kind !== 'fulfilled') return;
  const [spans, metricPoints] = outcome.value;
  if (spans.status === 'rejected') diag.warn('tooltrace: tracing shutdown failed; unsent spans are dropped', spans.reason);
  if (metricPoints.status === 'rejected') diag.warn('tooltrace: metrics shutdown failed; unsent metrics are dropped', metricPoints.reason);
}
