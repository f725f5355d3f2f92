import { getNumberFromEnv, getStringFromEnv, getStringListFromEnv } from '@opentelemetry/core';
import { createOtlpNetworkExportDelegate, OTLPExporterBase } from '@opentelemetry/otlp-exporter-base';
import { createOtlpHttpExporterMetrics } from '@opentelemetry/otlp-exporter-base/node-http';
import { JsonMetricsSerializer, MetricsExporterMetricsHelper } from '@opentelemetry/otlp-transformer';
import type { Resource } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  InstrumentType,
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { ClosableHttpTransport } from './closable-http-transport.js';
import { otlpHttpConfig } from './otlp-http-config.js';
import type { MetricsTemporality, StartTracingOptions } from './types.js';

const DEFAULT_EXPORT_INTERVAL_MILLIS = 60_000;
const DEFAULT_EXPORT_TIMEOUT_MILLIS = 30_000;
const TEMPORALITIES: readonly MetricsTemporality[] = ['cumulative', 'delta', 'lowmemory'];

/** The metrics side of startTracing: a MeterProvider exporting over OTLP/HTTP, and the transport shutdown closes. */
export interface OtlpMetrics {
  meterProvider: MeterProvider;
  transport: ClosableHttpTransport;
}

/**
 * Whether startTracing sets up metrics: an explicit `metrics` option wins; otherwise on unless
 * `OTEL_METRICS_EXPORTER` names no `otlp` exporter (e.g. `none`) or a custom span `exporter` was given.
 */
export function metricsEnabled(options: StartTracingOptions): boolean {
  if (options.metrics !== undefined) return options.metrics !== false;
  if (options.exporter !== undefined) return false;
  const exporters = getStringListFromEnv('OTEL_METRICS_EXPORTER');
  return exporters === undefined || exporters.length === 0 || exporters.includes('otlp');
}

/** A MeterProvider whose PeriodicExportingMetricReader sends OTLP/HTTP JSON to `<endpoint>/v1/metrics`. */
export function createOtlpMetrics(options: StartTracingOptions, resource: Resource): OtlpMetrics {
  const settings = typeof options.metrics === 'object' ? options.metrics : {};
  const config = otlpHttpConfig(options, 'METRICS');
  const transport = new ClosableHttpTransport(config);
  const exporterMetrics = createOtlpHttpExporterMetrics<ResourceMetrics>(
    'otlp_http_metric_exporter',
    MetricsExporterMetricsHelper,
    config.url,
    undefined,
  );
  const exporter = new OtlpMetricExporter(
    createOtlpNetworkExportDelegate(config, JsonMetricsSerializer, exporterMetrics, transport),
    temporalityPreference(settings.temporality),
  );
  const exportIntervalMillis =
    positive(settings.exportIntervalMillis, 'metrics.exportIntervalMillis') ??
    positiveFromEnv('OTEL_METRIC_EXPORT_INTERVAL') ??
    DEFAULT_EXPORT_INTERVAL_MILLIS;
  const exportTimeoutMillis = Math.min(
    positiveFromEnv('OTEL_METRIC_EXPORT_TIMEOUT') ?? DEFAULT_EXPORT_TIMEOUT_MILLIS,
    exportIntervalMillis,
  );
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis, exportTimeoutMillis });
  return { meterProvider: new MeterProvider({ resource, readers: [reader] }), transport };
}

/** The OTLP/HTTP metric exporter, with the temporality the preference asks for. */
class OtlpMetricExporter extends OTLPExporterBase<ResourceMetrics> implements PushMetricExporter {
  constructor(
    delegate: ConstructorParameters<typeof OTLPExporterBase<ResourceMetrics>>[0],
    private readonly temporality: MetricsTemporality,
  ) {
    super(delegate);
  }

  selectAggregationTemporality(instrumentType: InstrumentType): AggregationTemporality {
    return temporalityFor(this.temporality, instrumentType);
  }
}

/** The OTLP exporter specification's table for `OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE`. */
export function temporalityFor(preference: MetricsTemporality, instrumentType: InstrumentType): AggregationTemporality {
  const { CUMULATIVE, DELTA } = AggregationTemporality;
  if (preference === 'cumulative') return CUMULATIVE;
  switch (instrumentType) {
    case InstrumentType.COUNTER:
    case InstrumentType.HISTOGRAM:
      return DELTA;
    case InstrumentType.OBSERVABLE_COUNTER:
      return preference === 'delta' ? DELTA : CUMULATIVE;
    default:
      return CUMULATIVE;
  }
}

function temporalityPreference(option: MetricsTemporality | undefined): MetricsTemporality {
  if (option !== undefined) {
    if (!TEMPORALITIES.includes(option)) {
      throw new TypeError(`startTracing: metrics.temporality "${String(option)}" is not one of ${TEMPORALITIES.join(', ')}`);
    }
    return option;
  }
  const fromEnv = getStringFromEnv('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE')?.toLowerCase();
  return TEMPORALITIES.find((value) => value === fromEnv) ?? 'cumulative';
}

function positive(value: number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value <= 0)
    throw new TypeError(`startTracing: ${field} must be a positive number of milliseconds, got ${value}`);
  return value;
}

function positiveFromEnv(name: string): number | undefined {
  const value = getNumberFromEnv(name);
  return value !== undefined && value > 0 ? value : undefined;
}
