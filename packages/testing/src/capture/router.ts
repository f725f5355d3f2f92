import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { captureOf } from './capture-key.js';
import type { CaptureSink } from './capture-sink.js';

/** A span no capture could claim, remembered for diagnosis. */
export interface UnroutedSpan {
  readonly name: string;
  readonly traceId: string;
  /** Ids of the captures open when it started. */
  readonly openCaptures: readonly number[];
}

const MAX_UNROUTED = 200;
const MAX_TRACES = 50_000;

/**
 * The one span processor of the worker: sends every started span to the capture that owns it.
 * Owner, in order: the capture named in the parent context (`capture.run`, `capture.tracerProvider`);
 * the capture that owns the span's trace; the only open capture. Otherwise the span is unrouted.
 * It holds no span after it ends, and never exports.
 */
export class CaptureRouter implements SpanProcessor {
  private readonly open = new Set<CaptureSink>();
  private readonly byTrace = new Map<string, CaptureSink>();
  private readonly owners = new WeakMap<object, CaptureSink>();
  private readonly unroutedSpans: UnroutedSpan[] = [];
  private order = 0;

  /** Starts routing to a new capture. */
  add(sink: CaptureSink): void {
    this.open.add(sink);
  }

  /**
   * A capture closed: no more spans reach it by being the only open one. Its traces stay claimed,
   * so spans that a finished test's leftovers start later go to it (as late spans), not to the
   * next test.
   */
  remove(sink: CaptureSink): void {
    this.open.delete(sink);
  }

  /** Number of open captures. */
  get openCount(): number {
    return this.open.size;
  }

  /** Spans that started while `sink` was open and that no capture claimed. */
  unroutedFor(sink: CaptureSink): UnroutedSpan[] {
    return this.unroutedSpans.filter((span) => span.openCaptures.includes(sink.id));
  }

  onStart(span: Span, parentContext: Context): void {
    const { traceId } = span.spanContext();
    const owner = captureOf(parentContext) ?? this.byTrace.get(traceId) ?? this.onlyOpen();
    if (!owner) {
      this.unroutedSpans.push({ name: span.name, traceId, openCaptures: [...this.open].map((sink) => sink.id) });
      if (this.unroutedSpans.length > MAX_UNROUTED) this.unroutedSpans.shift();
      return;
    }
    if (!this.byTrace.has(traceId)) {
      this.byTrace.set(traceId, owner);
      if (this.byTrace.size > MAX_TRACES) this.byTrace.delete(this.byTrace.keys().next().value as string);
    }
    this.owners.set(span, owner);
    owner.spanStarted(span, this.order++);
  }

  onEnd(span: ReadableSpan): void {
    const owner = this.owners.get(span);
    if (!owner) return;
    this.owners.delete(span);
    owner.spanEnded(span);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  private onlyOpen(): CaptureSink | undefined {
    if (this.open.size !== 1) return undefined;
    return this.open.values().next().value;
  }
}
