import { diag, type Tracer, type TracerProvider, trace } from '@opentelemetry/api';
import { VERSION } from '../version.js';
import { INSTRUMENTATION_SCOPE } from './attributes.js';

/** The tracer for one run; telemetry failing to provide one must not fail the run. */
export function tracerFrom(provider: TracerProvider | undefined): Tracer {
  try {
    return (provider ?? trace.getTracerProvider()).getTracer(INSTRUMENTATION_SCOPE, VERSION);
  } catch (error) {
    diag.warn('tooltrace: getTracer() threw; this run is not traced', error);
    return trace.getTracerProvider().getTracer(INSTRUMENTATION_SCOPE, VERSION);
  }
}

/**
 * The tracer of an explicit provider, got once per orchestrator as instrumentations get theirs;
 * null when getTracer throws (then each run asks again, and {@link tracerFrom} contains it).
 */
export function tracerOf(provider: TracerProvider): Tracer | null {
  try {
    return provider.getTracer(INSTRUMENTATION_SCOPE, VERSION);
  } catch {
    return null;
  }
}
