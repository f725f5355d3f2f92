import { type Context, INVALID_SPAN_CONTEXT, type Span, type SpanContext, type SpanOptions, type Tracer, trace } from '@opentelemetry/api';

/**
 * Telemetry must never fail an orchestration: a span processor or exporter that throws is
 * contained here, and the run goes on with a non-recording span.
 */
export function startSpanSafely(tracer: Tracer, name: string, options: SpanOptions, parent: Context): Span {
  try {
    return tracer.startSpan(name, options, parent);
  } catch {
    return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
  }
}

/** Ends a span, containing any error thrown by span processors. */
export function endSpanSafely(span: Span, endTime?: number): void {
  try {
    span.end(endTime);
  } catch {
    // A throwing processor must not turn a finished step into a failed one.
  }
}

/** Runs a telemetry side effect (attributes, events, status), containing any error. */
export function safely(effect: () => void): void {
  try {
    effect();
  } catch {
    // Same reason as endSpanSafely.
  }
}

/** `span.isRecording()`, false when the span throws. */
export function isRecordingSafely(span: Span): boolean {
  try {
    return span.isRecording();
  } catch {
    return false;
  }
}

/** `span.spanContext()`, the invalid context when the span throws. */
export function spanContextSafely(span: Span): SpanContext {
  try {
    return span.spanContext();
  } catch {
    return INVALID_SPAN_CONTEXT;
  }
}
