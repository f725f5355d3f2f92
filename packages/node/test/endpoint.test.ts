import { afterEach, describe, expect, it, vi } from 'vitest';
import { tracesUrlFromBase } from '../src/endpoint.js';
import { otlpEndpointFromEnv } from '../src/index.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('otlpEndpointFromEnv', () => {
  it('is undefined when neither endpoint variable is set (or they are blank)', () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', '');
    vi.stubEnv('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', '  ');
    expect(otlpEndpointFromEnv()).toBeUndefined();
  });

  it('appends /v1/traces to OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', '');
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', 'http://localhost:4318');
    expect(otlpEndpointFromEnv()).toBe('http://localhost:4318/v1/traces');
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', 'http://collector:4318/prefix/');
    expect(otlpEndpointFromEnv()).toBe('http://collector:4318/prefix/v1/traces');
  });

  it('uses OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, over the base endpoint', () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', 'http://base:4318');
    vi.stubEnv('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'http://traces:9999/custom');
    expect(otlpEndpointFromEnv()).toBe('http://traces:9999/custom');
  });

  it('treats a value that is not a URL as unset', () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', '');
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', 'not a url');
    expect(otlpEndpointFromEnv()).toBeUndefined();
  });
});

describe('tracesUrlFromBase', () => {
  it('keeps an endpoint that already names the traces path', () => {
    expect(tracesUrlFromBase('http://localhost:4318/v1/traces')).toBe('http://localhost:4318/v1/traces');
    expect(tracesUrlFromBase('http://localhost:4318')).toBe('http://localhost:4318/v1/traces');
    expect(tracesUrlFromBase('nope')).toBeUndefined();
  });
});
