import { createRequire } from 'node:module';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** Options of {@link startTelemetry}. */
export interface TelemetryOptions {
  serviceName: string;
  /** Where spans go. Default: NodeSDK's own choice from `OTEL_TRACES_EXPORTER` / `OTEL_EXPORTER_OTLP_*`. */
  spanProcessors?: SpanProcessor[];
}

/**
 * The application's ordinary OpenTelemetry setup, with nothing tooltrace-specific in it: NodeSDK
 * with HTTP auto-instrumentation. tooltrace's spans join it because the core emits into whatever
 * tracer provider is registered globally.
 *
 * Call it before the modules that use `http` are loaded.
 */
export function startTelemetry(options: TelemetryOptions): NodeSDK {
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    instrumentations: [new HttpInstrumentation()],
    ...(options.spanProcessors === undefined ? {} : { spanProcessors: options.spanProcessors }),
    // This example is about traces: no metric readers or log processors, so nothing else is exported.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  // instrumentation-http patches `http` when it is require()d after start (require-in-the-middle).
  // ESM `import http from 'node:http'` yields that same module object but never goes through
  // require, so require it once here; later `http.get`/`http.createServer` calls use the patched
  // functions. (Alternative: node --import @opentelemetry/instrumentation/hook.mjs.)
  createRequire(import.meta.url)('node:http');
  return sdk;
}
