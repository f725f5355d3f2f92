import { diag } from '@opentelemetry/api';
import { createOtlpNetworkExportDelegate, OTLPExporterBase } from '@opentelemetry/otlp-exporter-base';
import { convertLegacyHttpOptions, createOtlpHttpExporterMetrics } from '@opentelemetry/otlp-exporter-base/node-http';
import { JsonTraceSerializer, TraceExporterMetricsHelper } from '@opentelemetry/otlp-transformer';
import { BatchSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ClosableHttpTransport } from './closable-http-transport.js';
import { tracesUrlFromBase } from './endpoint.js';
import { TracingFlushError } from './errors.js';
import { registerGlobally } from './register.js';
import { buildResource } from './resource.js';
import type { StartTracingOptions, Tracing } from './types.js';
import { withinTimeout } from './within-timeout.js';

const DEFAULT_FLUSH_TIMEOUT_MILLIS = 5000;

/**
 * Sets up OpenTelemetry tracing for a Node.js application: a NodeTracerProvider whose spans go
 * through a BatchSpanProcessor to the OTLP/HTTP (JSON) exporter, configured by `options` first and
 * the standard `OTEL_*` variables second, registered globally unless `register: false`.
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
  const provider = new NodeTracerProvider({
    resource: buildResource(options),
    spanProcessors: [...(options.spanProcessors ?? []), new BatchSpanProcessor(exporter, { ...options.batch })],
  });
  if (options.register ?? true) registerGlobally(provider);

  let shutdownOnce: Promise<void> | undefined;
  return {
    provider,
    forceFlush: () => flush(provider, flushTimeoutMillis),
    shutdown: () => {
      // Whatever the outcome, the exporter's open request and retry waits end with it.
      shutdownOnce ??= shutDown(provider, flushTimeoutMillis).finally(() => otlp?.transport.close());
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
  // Only explicit options are passed: the rest comes from OTEL_EXPORTER_OTLP_*, with explicit
  // values winning and headers merged key by key.
  const url = options.endpoint === undefined ? undefined : tracesUrlFromBase(options.endpoint);
  if (options.endpoint !== undefined && url === undefined) {
    throw new TypeError(`startTracing: endpoint "${options.endpoint}" is not a URL, e.g. http://localhost:4318`);
  }
  const config = convertLegacyHttpOptions(
    {
      ...(url === undefined ? {} : { url }),
      ...(options.headers === undefined ? {} : { headers: options.headers }),
      ...(options.timeoutMillis === undefined ? {} : { timeoutMillis: options.timeoutMillis }),
    },
    'TRACES',
    'v1/traces',
    { 'Content-Type': 'application/json' },
  );
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

async function flush(provider: NodeTracerProvider, timeoutMillis: number): Promise<void> {
  const outcome = await withinTimeout(provider.forceFlush(), timeoutMillis);
  if (outcome.kind === 'timeout') throw new TracingFlushError('timeout', timeoutMillis);
  if (outcome.kind === 'rejected') throw new TracingFlushError('export_failed', timeoutMillis, outcome.error);
}

async function shutDown(provider: NodeTracerProvider, timeoutMillis: number): Promise<void> {
  // provider.shutdown() flushes first; a hanging backend must not hold the process past the bound.
  const outcome = await withinTimeout(provider.shutdown(), timeoutMillis);
  if (outcome.kind === 'timeout') {
    diag.warn(`tooltrace: tracing shutdown did not finish within ${timeoutMillis} ms; unsent spans are dropped`);
  } else if (outcome.kind === 'rejected') {
    diag.warn('tooltrace: tracing shutdown failed; unsent spans are dropped', outcome.error);
  }
}
