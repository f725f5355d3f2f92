/**
 * The inspector's normalized trace model: what the receiver and loaders produce from OTLP (JSON or
 * protobuf) and Jaeger JSON, what the HTTP API serves, and what the web view, the static renderer
 * and the terminal printer consume. Times are epoch milliseconds as floats (sub-ms precision kept).
 */

import type { StackLine } from './stack-trace.js';

/** An attribute value after decoding: OTLP AnyValue arrays stay arrays. */
export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

export type Attributes = Record<string, AttributeValue>;

export type SpanKindName = 'INTERNAL' | 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER' | 'UNSPECIFIED';

export type StatusCodeName = 'UNSET' | 'OK' | 'ERROR';

export interface InspectorEvent {
  name: string;
  timeMs: number;
  attributes: Attributes;
  /**
   * An exception event's `exception.stacktrace` with its frames placed in the original sources by
   * their source maps, when any frame has one. Added when the inspector serves, renders or prints
   * a trace (see `mapExceptionStacks`); never stored, exported or part of the trace as received.
   */
  mappedStack?: StackLine[];
}

export interface InspectorLink {
  traceId: string;
  spanId: string;
  attributes: Attributes;
}

export interface InspectorSpan {
  /** Lower-case hex, 32 chars. */
  traceId: string;
  /** Lower-case hex, 16 chars. */
  spanId: string;
  /** null for a root span (or when the parent is not in the trace). */
  parentSpanId: string | null;
  /**
   * The parent's id when the span names a parent that is not in the trace (`parentSpanId` is then
   * null and views show the span as a root); kept so an export gives back what was read.
   */
  missingParentSpanId?: string;
  name: string;
  kind: SpanKindName;
  startMs: number;
  endMs: number;
  durationMs: number;
  status: { code: StatusCodeName; message?: string };
  attributes: Attributes;
  events: InspectorEvent[];
  links: InspectorLink[];
  /** Resource attributes of the span's resource (service.name etc.). */
  resource: Attributes;
  /** The instrumentation scope; `attributes` only when the scope had any. */
  scope: { name: string; version?: string; attributes?: Attributes };
}

export interface InspectorTrace {
  traceId: string;
  /** Spans sorted by start time, parents before children on ties. */
  spans: InspectorSpan[];
}

/** One row of the trace list. */
export interface TraceSummary {
  traceId: string;
  rootName: string;
  serviceName: string;
  startMs: number;
  durationMs: number;
  spanCount: number;
  /** ERROR spans, not counting tooltrace's orchestrate, group and pipeline spans (they sum up their children). */
  errorCount: number;
  /** `tooltrace.strategy` of the first orchestrate span, when the trace has one. */
  strategy: string | null;
  /** `tooltrace.outcome` of the first orchestrate span, when the trace has one. */
  outcome: string | null;
}
