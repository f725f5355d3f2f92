import { convertLegacyHttpOptions } from '@opentelemetry/otlp-exporter-base/node-http';
import { metricsUrlFromBase, OTLP_METRICS_PATH, OTLP_TRACES_PATH, tracesUrlFromBase } from './endpoint.js';
import type { StartTracingOptions } from './types.js';

/** The resolved OTLP/HTTP exporter configuration of one signal. */
export type OtlpHttpConfig = ReturnType<typeof convertLegacyHttpOptions>;

const SIGNALS = {
  TRACES: { path: OTLP_TRACES_PATH, urlFromBase: tracesUrlFromBase },
  METRICS: { path: OTLP_METRICS_PATH, urlFromBase: metricsUrlFromBase },
} as const;

/**
 * One signal's exporter configuration, resolved as the SDK's OTLP exporters resolve it: the explicit
 * `endpoint`, `headers` and `timeoutMillis` options, then the `OTEL_EXPORTER_OTLP_*` variables (explicit
 * values win, headers merge key by key). Throws a TypeError naming an `endpoint` that is not a URL.
 */
export function otlpHttpConfig(options: StartTracingOptions, signal: keyof typeof SIGNALS): OtlpHttpConfig {
  const { path, urlFromBase } = SIGNALS[signal];
  const url = options.endpoint === undefined ? undefined : urlFromBase(options.endpoint);
  if (options.endpoint !== undefined && url === undefined) {
    throw new TypeError(`startTracing: endpoint "${options.endpoint}" is not a URL, e.g. http://localhost:4318`);
  }
  return convertLegacyHttpOptions(
    {
      ...(url === undefined ? {} : { url }),
      ...(options.headers === undefined ? {} : { headers: options.headers }),
      ...(options.timeoutMillis === undefined ? {} : { timeoutMillis: options.timeoutMillis }),
    },
    signal,
    path,
    { 'Content-Type': 'application/json' },
  );
}
