import { context, propagation, type TracerProvider, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { TracingAlreadyRegisteredError } from './errors.js';

/**
 * Registers `provider` as the global tracer provider, then an AsyncLocalStorage context manager and
 * the W3C trace context + baggage propagator (what `NodeTracerProvider.register()` does). The
 * provider goes first, so when one is already registered nothing changes and this throws.
 */
export function registerGlobally(provider: TracerProvider): void {
  if (!trace.setGlobalTracerProvider(provider)) throw new TracingAlreadyRegisteredError();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }));
}
