import type { Attributes, HrTime, SpanContext } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';

/** A span kind by name: what `SpanKind` numbers mean, readable in shapes and snapshots. */
export type SpanKindName = 'internal' | 'server' | 'client' | 'producer' | 'consumer';

/** A span status by name. */
export type SpanStatusName = 'unset' | 'ok' | 'error';

/** A span's status, with the code as a name. */
export interface CapturedStatus {
  readonly code: SpanStatusName;
  readonly message: string | undefined;
}

/** An event recorded on a span. */
export interface CapturedEvent {
  readonly name: string;
  readonly attributes: Readonly<Attributes>;
  /** Epoch milliseconds. */
  readonly timeMs: number;
}

/** A link from a span to another span, by ids. */
export interface CapturedLink {
  readonly traceId: string;
  readonly spanId: string;
  readonly attributes: Readonly<Attributes>;
}

/**
 * A copy of one span as it was when read: plain data, safe to keep after the test. Unended spans
 * have `ended: false` and no end time.
 */
export interface CapturedSpan {
  readonly name: string;
  readonly kind: SpanKindName;
  readonly traceId: string;
  readonly spanId: string;
  /** The parent's span id; undefined for a root span. */
  readonly parentSpanId: string | undefined;
  readonly attributes: Readonly<Attributes>;
  readonly events: readonly CapturedEvent[];
  readonly links: readonly CapturedLink[];
  readonly status: CapturedStatus;
  /** Epoch milliseconds, sub-millisecond precision. */
  readonly startMs: number;
  readonly endMs: number | undefined;
  readonly durationMs: number | undefined;
  readonly ended: boolean;
  /** Name of the instrumentation scope (the tracer's name). */
  readonly scope: string;
  /** Position in start order among the spans read together; breaks ties between equal start times. */
  readonly startOrder: number;
}

/**
 * The fields of a finished or running span this kit reads. Matches the SDK's `ReadableSpan` (1.x
 * and 2.x), read defensively: SDK 2 moved `parentSpanId` to `parentSpanContext.spanId` and
 * `instrumentationLibrary` to `instrumentationScope`.
 */
export interface SpanLike {
  readonly name: string;
  readonly kind: number;
  spanContext(): SpanContext;
  readonly parentSpanContext?: SpanContext | undefined;
  readonly startTime: HrTime;
  readonly endTime: HrTime;
  readonly duration: HrTime;
  readonly ended: boolean;
  readonly status: { code: number; message?: string | undefined };
  readonly attributes: Attributes;
  readonly events: readonly { name: string; attributes?: Attributes | undefined; time: HrTime }[];
  readonly links: readonly { context: SpanContext; attributes?: Attributes | undefined }[];
}

const KIND_NAMES: readonly SpanKindName[] = ['internal', 'server', 'client', 'producer', 'consumer'];
const STATUS_NAMES: readonly SpanStatusName[] = ['unset', 'ok', 'error'];

/** `SpanKind` number to name (unknown numbers read as `internal`). */
export function kindName(kind: number): SpanKindName {
  return KIND_NAMES[kind] ?? 'internal';
}

/** `SpanStatusCode` number to name (unknown numbers read as `unset`). */
export function statusName(code: number): SpanStatusName {
  return STATUS_NAMES[code] ?? 'unset';
}

function hrTimeToMs(time: HrTime | undefined): number {
  return time ? hrTimeToMilliseconds(time) : 0;
}

/** Copies a span's current state. `ended` overrides the span's own flag when the caller tracks it. */
export function toCapturedSpan(span: SpanLike, startOrder: number, ended: boolean = span.ended): CapturedSpan {
  const { traceId, spanId } = span.spanContext();
  const legacy = span as { parentSpanId?: string; instrumentationScope?: { name: string }; instrumentationLibrary?: { name: string } };
  const startMs = hrTimeToMs(span.startTime);
  const endMs = ended ? hrTimeToMs(span.endTime) : undefined;
  return {
    name: span.name,
    kind: kindName(span.kind),
    traceId,
    spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? legacy.parentSpanId,
    attributes: { ...span.attributes },
    events: span.events.map((event) => ({ name: event.name, attributes: { ...event.attributes }, timeMs: hrTimeToMs(event.time) })),
    links: span.links.map((link) => ({ traceId: link.context.traceId, spanId: link.context.spanId, attributes: { ...link.attributes } })),
    status: { code: statusName(span.status.code), message: span.status.message || undefined },
    startMs,
    endMs,
    durationMs: ended ? hrTimeToMs(span.duration) : undefined,
    ended,
    scope: legacy.instrumentationScope?.name ?? legacy.instrumentationLibrary?.name ?? '',
    startOrder,
  };
}

/** Whether a value looks like an SDK span (`ReadableSpan`) rather than a {@link CapturedSpan}. */
export function isSpanLike(value: unknown): value is SpanLike {
  return typeof value === 'object' && value !== null && typeof (value as SpanLike).spanContext === 'function';
}

/** Whether a value looks like a {@link CapturedSpan}. */
export function isCapturedSpan(value: unknown): value is CapturedSpan {
  const candidate = value as CapturedSpan;
  return typeof value === 'object' && value !== null && typeof candidate.spanId === 'string' && typeof candidate.startMs === 'number';
}

/** Reads a list of SDK spans (e.g. `InMemorySpanExporter.getFinishedSpans()`) or captured spans. */
export function toCapturedSpans(spans: readonly (SpanLike | CapturedSpan)[]): CapturedSpan[] {
  return spans.map((span, index) => (isSpanLike(span) ? toCapturedSpan(span, index) : span));
}
