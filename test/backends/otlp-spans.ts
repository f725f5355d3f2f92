import type { Attributes, AttributeValue } from '@opentelemetry/api';
import type { CapturedSpan, SpanKindName, SpanStatusName } from '@tooltrace/testing';
import type { OtlpAnyValue, OtlpKeyValue, OtlpSpan, OtlpTracesData } from './jaeger-api.js';

/** An attribute's type as OTLP carries it; the names docs/semantic-conventions.md uses. */
export type WireType = 'string' | 'int' | 'double' | 'boolean' | 'string[]' | 'int[]' | 'double[]' | 'boolean[]' | 'other';

export function wireType(value: OtlpAnyValue): WireType {
  if (value.stringValue !== undefined) return 'string';
  if (value.intValue !== undefined) return 'int';
  if (value.doubleValue !== undefined) return 'double';
  if (value.boolValue !== undefined) return 'boolean';
  if (value.arrayValue !== undefined) {
    const types = new Set((value.arrayValue.values ?? []).map(wireType));
    // An empty array has no element type; the contract's arrays are string[].
    if (types.size === 0) return 'string[]';
    const [only] = types;
    return types.size === 1 && only !== undefined && !only.endsWith('[]') && only !== 'other' ? (`${only}[]` as WireType) : 'other';
  }
  return 'other';
}

/** The type OTLP/JS gives a JS attribute value (integers → int, other numbers → double). */
export function sdkWireType(value: AttributeValue): WireType {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  if (Array.isArray(value)) {
    const types = new Set(value.filter((item) => item !== null && item !== undefined).map((item) => sdkWireType(item as AttributeValue)));
    if (types.size === 0) return 'string[]';
    const [only] = types;
    return types.size === 1 ? (`${only}[]` as WireType) : 'other';
  }
  return 'other';
}

function decodeValue(value: OtlpAnyValue): AttributeValue {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(decodeValue) as AttributeValue;
  return JSON.stringify(value);
}

export function decodeAttributes(keyValues: readonly OtlpKeyValue[] | undefined): Attributes {
  return Object.fromEntries((keyValues ?? []).map(({ key, value }) => [key, decodeValue(value)]));
}

/** Attribute key → wire type. */
export function wireTypes(keyValues: readonly OtlpKeyValue[] | undefined): Record<string, WireType> {
  return Object.fromEntries((keyValues ?? []).map(({ key, value }) => [key, wireType(value)]));
}

const KINDS: Record<number, SpanKindName> = { 1: 'internal', 2: 'server', 3: 'client', 4: 'producer', 5: 'consumer' };
const STATUSES: Record<number, SpanStatusName> = { 0: 'unset', 1: 'ok', 2: 'error' };

/** OTLP JSON ids are hex in Jaeger's v3 output; base64 in some encoders. Normalise to lower-case hex. */
export function hexId(id: string | undefined): string | undefined {
  if (id === undefined || id === '') return undefined;
  return /^[0-9a-fA-F]+$/.test(id) ? id.toLowerCase() : Buffer.from(id, 'base64').toString('hex');
}

const nanosToMs = (nanos: string): number => Number(BigInt(nanos) / 1000n) / 1000;

/** Spans as Jaeger returned them, as @tooltrace/testing's CapturedSpan (for its matchers and plan checks). */
export function toCapturedSpans(data: OtlpTracesData): CapturedSpan[] {
  const spans = data.resourceSpans.flatMap((resource) =>
    resource.scopeSpans.flatMap((scope) => scope.spans.map((span) => ({ span, scope: scope.scope?.name ?? '' }))),
  );
  return spans
    .sort((a, b) => Number(BigInt(a.span.startTimeUnixNano) - BigInt(b.span.startTimeUnixNano)))
    .map(({ span, scope }, startOrder) => toCapturedSpan(span, scope, startOrder));
}

function toCapturedSpan(span: OtlpSpan, scope: string, startOrder: number): CapturedSpan {
  const startMs = nanosToMs(span.startTimeUnixNano);
  const endMs = nanosToMs(span.endTimeUnixNano);
  return {
    name: span.name,
    kind: KINDS[span.kind ?? 1] ?? 'internal',
    traceId: hexId(span.traceId) ?? '',
    spanId: hexId(span.spanId) ?? '',
    parentSpanId: hexId(span.parentSpanId),
    attributes: decodeAttributes(span.attributes),
    events: (span.events ?? []).map((event) => ({
      name: event.name,
      attributes: decodeAttributes(event.attributes),
      timeMs: nanosToMs(event.timeUnixNano),
    })),
    links: (span.links ?? []).map((link) => ({
      traceId: hexId(link.traceId) ?? '',
      spanId: hexId(link.spanId) ?? '',
      attributes: decodeAttributes(link.attributes),
    })),
    status: { code: STATUSES[span.status?.code ?? 0] ?? 'unset', message: span.status?.message || undefined },
    startMs,
    endMs,
    durationMs: endMs - startMs,
    ended: true,
    scope,
    startOrder,
  };
}
