/**
 * Thrown by `startTracing({ register: true })` when another tracer provider is already registered
 * globally (for example by NodeSDK, or by an earlier `startTracing` call). Nothing was registered.
 * Either keep the existing setup (tooltrace emits into whatever provider is registered) or pass
 * `register: false` and hand `tracing.provider` to tooltrace explicitly.
 */
export class TracingAlreadyRegisteredError extends Error {
  readonly code = 'TRACING_ALREADY_REGISTERED';

  constructor() {
    super(
      'A global tracer provider is already registered (NodeSDK or an earlier startTracing call?). ' +
        'Keep that setup and drop startTracing, or call startTracing({ register: false }) and pass ' +
        'tracing.provider to the Orchestrator.',
    );
    this.name = 'TracingAlreadyRegisteredError';
  }
}

/** Why a flush did not complete: the backend was too slow, or the export failed. */
export type TracingFlushFailure = 'timeout' | 'export_failed';

/**
 * Thrown by `tracing.forceFlush()` when the spans could not be delivered within
 * `flushTimeoutMillis`. `reason` says whether it timed out or the export failed; `cause` carries the
 * exporter's error when there is one.
 */
export class TracingFlushError extends Error {
  readonly code = 'TRACING_FLUSH_FAILED';
  readonly reason: TracingFlushFailure;

  constructor(reason: TracingFlushFailure, timeoutMillis: number, cause?: unknown) {
    super(
      reason === 'timeout'
        ? `Flushing spans did not finish within ${timeoutMillis} ms; is the OTLP endpoint reachable? ` +
            'Raise flushTimeoutMillis for slow backends.'
        : `Exporting spans failed: ${describe(cause)}. Check the OTLP endpoint and headers.`,
      cause === undefined ? undefined : { cause },
    );
    this.name = 'TracingFlushError';
    this.reason = reason;
  }
}

function describe(cause: unknown): string {
  const first = Array.isArray(cause) ? cause[0] : cause;
  return first instanceof Error ? first.message : String(first);
}
