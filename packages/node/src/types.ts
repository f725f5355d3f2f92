import type { Attributes } from '@opentelemetry/api';
import type { MeterProvider } from '@opentelemetry/sdk-metrics';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * Aggregation temporality asked of the metrics backend, as `OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE`:
 * `cumulative` (default), `delta` (counters and histograms as deltas) or `lowmemory`.
 */
export type MetricsTemporality = 'cumulative' | 'delta' | 'lowmemory';

/** How metrics are exported; each falls back to its `OTEL_*` variable, then the default. */
export interface MetricsOptions {
  /** Time between two exports. Wins over `OTEL_METRIC_EXPORT_INTERVAL`; default 60000 ms. */
  exportIntervalMillis?: number;
  /** Wins over `OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE`; default `cumulative`. */
  temporality?: MetricsTemporality;
}

/** How the BatchSpanProcessor buffers spans; each falls back to its `OTEL_BSP_*` variable, then the SDK default. */
export interface BatchOptions {
  /** Spans held while waiting for export; further spans are dropped. Default 2048. */
  maxQueueSize?: number;
  /** Spans per export request. Default 512. */
  maxExportBatchSize?: number;
  /** Delay between two scheduled exports. Default 5000 ms. */
  scheduledDelayMillis?: number;
  /** How long the processor waits for one export before moving on. Default 30000 ms. */
  exportTimeoutMillis?: number;
}

/** Options of {@link startTracing}; every one is optional and the `OTEL_*` variables fill the gaps. */
export interface StartTracingOptions {
  /** `service.name`. Wins over `OTEL_SERVICE_NAME` and `OTEL_RESOURCE_ATTRIBUTES`. */
  serviceName?: string;
  /**
   * Base OTLP/HTTP endpoint such as `http://localhost:4318` (`/v1/traces` is appended unless present).
   * Wins over `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` and `OTEL_EXPORTER_OTLP_ENDPOINT`;
   * without any of them the exporter sends to `http://localhost:4318/v1/traces`.
   */
  endpoint?: string;
  /** Request headers. Merged with `OTEL_EXPORTER_OTLP_(TRACES_)HEADERS`; a key given here wins. */
  headers?: Record<string, string>;
  /** Timeout of one export request. Wins over `OTEL_EXPORTER_OTLP_(TRACES_)TIMEOUT`; default 10000 ms. */
  timeoutMillis?: number;
  /** Extra resource attributes. Win over `OTEL_RESOURCE_ATTRIBUTES`; `serviceName` wins over them. */
  resourceAttributes?: Attributes;
  /** Processors that run before the exporting batch processor, e.g. an in-memory capture. */
  spanProcessors?: SpanProcessor[];
  /**
   * Register the provider globally with an AsyncLocalStorage context manager and the W3C trace
   * context + baggage propagator. Default `true`: this is the application's setup helper.
   */
  register?: boolean;
  /** Exporter to use instead of the OTLP/HTTP one (the endpoint options are then ignored). */
  exporter?: SpanExporter;
  /** BatchSpanProcessor buffering. */
  batch?: BatchOptions;
  /** Upper bound of `forceFlush()` and `shutdown()` (traces and metrics together). Default 5000 ms. */
  flushTimeoutMillis?: number;
  /**
   * Metrics over OTLP/HTTP JSON to `<endpoint>/v1/metrics` (or `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT`),
   * beside the traces, with the same endpoint, headers and timeout options. `false` turns them off,
   * `true` or an object turns them on. Default: on, unless `OTEL_METRICS_EXPORTER` is set without
   * `otlp` (e.g. `none`) or a custom `exporter` replaces the OTLP span exporter.
   */
  metrics?: boolean | MetricsOptions;
}

/** What {@link startTracing} returns. */
export interface Tracing {
  /** The provider spans go to; pass it as `tracerProvider` when you registered nothing globally. */
  readonly provider: NodeTracerProvider;
  /**
   * The MeterProvider metrics go to, `undefined` when metrics are off. With `register: true` it is
   * also the global one; otherwise pass it as `meterProvider` to the Orchestrator.
   */
  readonly meterProvider: MeterProvider | undefined;
  /**
   * Exports every finished span and the metrics recorded so far now. Rejects with `TracingFlushError` when the export fails or
   * takes longer than `flushTimeoutMillis`.
   */
  forceFlush(): Promise<void>;
  /**
   * Flushes, then shuts the tracer and meter providers down. Resolves within `flushTimeoutMillis` even when the
   * backend hangs or refuses, and never rejects (problems go to the OTel diag logger), so it is
   * safe in a signal handler. Calling it again returns the same promise.
   */
  shutdown(): Promise<void>;
}
