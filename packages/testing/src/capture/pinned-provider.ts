import type { Context, Span, SpanOptions, Tracer, TracerOptions, TracerProvider } from '@opentelemetry/api';
import { context } from '@opentelemetry/api';

type Pin = (parent: Context) => Context;

/**
 * A tracer provider whose spans always go to one capture, whatever else runs concurrently: it
 * starts spans on the capture provider with the capture's key in their parent context.
 */
export class PinnedTracerProvider implements TracerProvider {
  constructor(
    private readonly inner: TracerProvider,
    private readonly pin: Pin,
  ) {}

  getTracer(name: string, version?: string, options?: TracerOptions): Tracer {
    return new PinnedTracer(this.inner.getTracer(name, version, options), this.pin);
  }
}

class PinnedTracer implements Tracer {
  constructor(
    private readonly inner: Tracer,
    private readonly pin: Pin,
  ) {}

  startSpan(name: string, options?: SpanOptions, parent?: Context): Span {
    return this.inner.startSpan(name, options, this.pin(parent ?? context.active()));
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, parent: Context, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    ...args: [F] | [SpanOptions, F] | [SpanOptions, Context, F]
  ): ReturnType<F> {
    const fn = args[args.length - 1] as F;
    const options = args.length >= 2 ? (args[0] as SpanOptions) : {};
    const parent = args.length === 3 ? args[1] : context.active();
    return this.inner.startActiveSpan(name, options, this.pin(parent), fn);
  }
}
