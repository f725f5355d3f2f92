import { context, type TracerProvider, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, type ReadableSpan, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';

/** The bench's two tracing set-ups (main, the first run and the instruction workloads use the same). */
export interface BenchTracing {
  /** Tracing on: the SDK with a processor and an exporter that drops spans, so only span work is measured. */
  sdkProvider: BasicTracerProvider;
  /** Tracing off: no SDK registered, the API's no-op provider. */
  noProvider: TracerProvider;
}

/** Registers the global AsyncLocalStorage context manager, as an app's SDK set-up does, and builds both providers. */
export function setUpTracing(): BenchTracing {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const dropSpans: SpanExporter = { export: (_spans: ReadableSpan[], done) => done({ code: 0 }), shutdown: () => Promise.resolve() };
  return {
    sdkProvider: new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(dropSpans)] }),
    noProvider: trace.getTracerProvider(),
  };
}
