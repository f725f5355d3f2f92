import { getStringFromEnv } from '@opentelemetry/core';

/** Path of the OTLP/HTTP traces endpoint, appended to a base endpoint such as `http://localhost:4318`. */
export const OTLP_TRACES_PATH = 'v1/traces';

/**
 * The OTLP/HTTP traces URL configured in the environment, or `undefined` when none is.
 *
 * Resolves like the OTLP exporter does: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is used as is;
 * otherwise `OTEL_EXPORTER_OTLP_ENDPOINT` gets `/v1/traces` appended. A value that is not a URL
 * counts as unset. Use it to decide between exporting and a local fallback:
 *
 * @example
 * if (otlpEndpointFromEnv()) startTracing({ serviceName: 'incident-demo' });
 * else startInspector();
 */
export function otlpEndpointFromEnv(): string | undefined {
  const tracesEndpoint = getStringFromEnv('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  if (tracesEndpoint !== undefined) return parseUrl(tracesEndpoint);
  const baseEndpoint = getStringFromEnv('OTEL_EXPORTER_OTLP_ENDPOINT');
  if (baseEndpoint !== undefined) return tracesUrlFromBase(baseEndpoint);
  return undefined;
}

/**
 * The traces URL for a base OTLP/HTTP endpoint: `http://collector:4318` becomes
 * `http://collector:4318/v1/traces`. An endpoint that already ends in `/v1/traces` is kept, so
 * both spellings work for the `endpoint` option. Returns `undefined` when `base` is not a URL.
 */
export function tracesUrlFromBase(base: string): string | undefined {
  return signalUrlFromBase(base, OTLP_TRACES_PATH);
}

/** Path of the OTLP/HTTP metrics endpoint. */
export const OTLP_METRICS_PATH = 'v1/metrics';

/**
 * The metrics URL for a base OTLP/HTTP endpoint: `http://collector:4318` becomes
 * `http://collector:4318/v1/metrics`; a trailing `/v1/traces` (the same option serves both signals)
 * is swapped for `/v1/metrics`. Returns `undefined` when `base` is not a URL.
 */
export function metricsUrlFromBase(base: string): string | undefined {
  const url = parseUrl(base);
  if (url === undefined) return undefined;
  const parsed = new URL(url);
  if (parsed.pathname.endsWith(`/${OTLP_TRACES_PATH}`)) {
    parsed.pathname = `${parsed.pathname.slice(0, -OTLP_TRACES_PATH.length)}${OTLP_METRICS_PATH}`;
    return parsed.toString();
  }
  return signalUrlFromBase(url, OTLP_METRICS_PATH);
}

function signalUrlFromBase(base: string, path: string): string | undefined {
  const url = parseUrl(base);
  if (url === undefined) return undefined;
  if (new URL(url).pathname.endsWith(`/${path}`)) return url;
  return parseUrl(`${url.endsWith('/') ? url : `${url}/`}${path}`);
}

function parseUrl(value: string): string | undefined {
  try {
    return new URL(value.trim()).toString();
  } catch {
    return undefined;
  }
}
