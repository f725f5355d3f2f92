import type { Attributes, AttributeValue } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/**
 * A span in a shape both sides of a round trip can produce: decoded from an OTLP/JSON request, or
 * converted from an in-memory `ReadableSpan`. Ids are lowercase hex, times are nanoseconds since
 * the epoch as decimal strings, `kind` is the API's `SpanKind` value.
 */
export interface PortableSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Attributes;
  events: Array<{ name: string; timeUnixNano: string; attributes: Attributes }>;
  links: Array<{ traceId: string; spanId: string; attributes: Attributes }>;
  status: { code: number; message: string };
  scope: { name: string; version: string | undefined };
  resource: Attributes;
}

type Json = Record<string, unknown>;

/**
 * Decodes an OTLP/JSON `ExportTraceServiceRequest` (as `@opentelemetry/exporter-trace-otlp-http`
 * 0.223 sends it: hex ids, decimal-string timestamps, `intValue` as a JSON number) into spans.
 * Accepts base64 ids and string `intValue`s too, as the protobuf JSON mapping allows them.
 */
export function decodeOtlpTraceRequest(body: unknown): PortableSpan[] {
  const spans: PortableSpan[] = [];
  for (const resourceSpans of list(record(body).resourceSpans)) {
    const resource = decodeAttributes(record(record(resourceSpans).resource).attributes);
    for (const scopeSpans of list(record(resourceSpans).scopeSpans)) {
      const scope = record(record(scopeSpans).scope);
      for (const span of list(record(scopeSpans).spans)) {
        spans.push(decodeSpan(record(span), resource, { name: String(scope.name), version: optionalString(scope.version) }));
      }
    }
  }
  return spans;
}

function decodeSpan(span: Json, resource: Attributes, scope: PortableSpan['scope']): PortableSpan {
  const status = record(span.status);
  const parent = optionalString(span.parentSpanId);
  return {
    traceId: decodeId(span.traceId),
    spanId: decodeId(span.spanId),
    parentSpanId: parent === undefined || parent === '' ? undefined : decodeId(parent),
    name: String(span.name),
    // OTLP numbers kinds from 1 (0 is UNSPECIFIED); the API numbers them from 0.
    kind: Number(span.kind) - 1,
    startTimeUnixNano: String(span.startTimeUnixNano),
    endTimeUnixNano: String(span.endTimeUnixNano),
    attributes: decodeAttributes(span.attributes),
    events: list(span.events).map((event) => ({
      name: String(record(event).name),
      timeUnixNano: String(record(event).timeUnixNano),
      attributes: decodeAttributes(record(event).attributes),
    })),
    links: list(span.links).map((link) => ({
      traceId: decodeId(record(link).traceId),
      spanId: decodeId(record(link).spanId),
      attributes: decodeAttributes(record(link).attributes),
    })),
    status: { code: Number(status.code ?? 0), message: optionalString(status.message) ?? '' },
    scope,
    resource,
  };
}

function decodeAttributes(value: unknown): Attributes {
  const attributes: Attributes = {};
  for (const entry of list(value)) {
    attributes[String(record(entry).key)] = decodeAnyValue(record(entry).value) as AttributeValue;
  }
  return attributes;
}

function decodeAnyValue(value: unknown): unknown {
  const any = record(value);
  if ('stringValue' in any) return String(any.stringValue);
  if ('boolValue' in any) return Boolean(any.boolValue);
  if ('intValue' in any) return Number(any.intValue);
  if ('doubleValue' in any) return Number(any.doubleValue);
  if ('arrayValue' in any) return list(record(any.arrayValue).values).map(decodeAnyValue);
  if ('kvlistValue' in any) {
    return Object.fromEntries(list(record(any.kvlistValue).values).map((kv) => [String(record(kv).key), decodeAnyValue(record(kv).value)]));
  }
  if ('bytesValue' in any) return new Uint8Array(Buffer.from(String(any.bytesValue), 'base64'));
  return undefined;
}

function decodeId(value: unknown): string {
  const text = String(value);
  return /^[0-9a-f]+$/i.test(text) ? text.toLowerCase() : Buffer.from(text, 'base64').toString('hex');
}

/** The same `PortableSpan` view of a span captured in memory. */
export function portableSpan(span: ReadableSpan): PortableSpan {
  return {
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    name: span.name,
    kind: span.kind,
    startTimeUnixNano: hrTimeToNanos(span.startTime),
    endTimeUnixNano: hrTimeToNanos(span.endTime),
    attributes: { ...span.attributes },
    events: span.events.map((event) => ({
      name: event.name,
      timeUnixNano: hrTimeToNanos(event.time),
      attributes: { ...event.attributes },
    })),
    links: span.links.map((link) => ({
      traceId: link.context.traceId,
      spanId: link.context.spanId,
      attributes: { ...link.attributes },
    })),
    status: { code: span.status.code, message: span.status.message ?? '' },
    scope: { name: span.instrumentationScope.name, version: span.instrumentationScope.version },
    resource: { ...span.resource.attributes },
  };
}

function hrTimeToNanos([seconds, nanos]: [number, number]): string {
  return (BigInt(seconds) * 1_000_000_000n + BigInt(nanos)).toString();
}

function record(value: unknown): Json {
  return typeof value === 'object' && value !== null ? (value as Json) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
