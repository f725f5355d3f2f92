import { type DecodedSpans, type RejectedSpan, TraceDecodeError, type TraceFormat } from '../load/errors.js';
import { assertNestingDepth, describeValue } from '../load/nesting-depth.js';
import { normalizeId, SPAN_ID_BYTES, TRACE_ID_BYTES } from '../model/ids.js';
import { nanosToMicros, nanosToMs } from '../model/time.js';
import type { Attributes, InspectorEvent, InspectorLink, InspectorSpan, SpanKindName, StatusCodeName } from '../model/types.js';
import { decodeKeyValues, isRecord } from './any-value.js';

const SPAN_KINDS: readonly SpanKindName[] = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const STATUS_CODES: readonly StatusCodeName[] = ['UNSET', 'OK', 'ERROR'];

/**
 * Decodes an OTLP `ExportTraceServiceRequest` (or `TracesData`, same shape) in the OTLP/JSON
 * mapping: ids in hex or base64, times and 64-bit ints as strings or numbers, enums as ints or
 * names. Unknown fields are ignored, as the OTLP spec requires.
 *
 * @throws {TraceDecodeError} when the document's structure is not a trace request.
 * Invalid single spans (bad ids or times) are returned in `rejected` instead.
 */
export function decodeOtlpJson(request: unknown, format: TraceFormat = 'otlp-json'): DecodedSpans {
  if (!isRecord(request)) throw new TraceDecodeError('expected a JSON object with "resourceSpans"', { format });
  assertNestingDepth(request, format);
  const spans: InspectorSpan[] = [];
  const rejected: RejectedSpan[] = [];
  const resourceSpans = listAt(request, 'resourceSpans', '', format);
  resourceSpans.forEach((entry, resourceIndex) => {
    const resourcePath = `resourceSpans[${resourceIndex}]`;
    const resourceSpan = recordAt(entry, resourcePath, format);
    const resource = decodeKeyValues(isRecord(resourceSpan.resource) ? resourceSpan.resource.attributes : undefined);
    listAt(resourceSpan, 'scopeSpans', resourcePath, format).forEach((scopeEntry, scopeIndex) => {
      const scopePath = `${resourcePath}.scopeSpans[${scopeIndex}]`;
      const scopeSpans = recordAt(scopeEntry, scopePath, format);
      const scope = decodeScope(scopeSpans.scope);
      listAt(scopeSpans, 'spans', scopePath, format).forEach((spanEntry, spanIndex) => {
        const path = `${scopePath}.spans[${spanIndex}]`;
        const result = decodeSpan(recordAt(spanEntry, path, format), resource, scope);
        if (typeof result === 'string') rejected.push({ path, reason: result });
        else spans.push(result);
      });
    });
  });
  return { spans, rejected };
}

/** Decodes one span, or returns why it is invalid. */
function decodeSpan(span: Record<string, unknown>, resource: Attributes, scope: InspectorSpan['scope']): InspectorSpan | string {
  const traceId = normalizeId(span.traceId, TRACE_ID_BYTES);
  if (traceId === null) return `traceId ${describe(span.traceId)} is not a non-zero 16-byte id (hex or base64)`;
  const spanId = normalizeId(span.spanId, SPAN_ID_BYTES);
  if (spanId === null) return `spanId ${describe(span.spanId)} is not a non-zero 8-byte id (hex or base64)`;
  let parentSpanId: string | null = null;
  if (span.parentSpanId !== undefined && span.parentSpanId !== null && span.parentSpanId !== '') {
    parentSpanId = normalizeId(span.parentSpanId, SPAN_ID_BYTES);
    if (parentSpanId === null) return `parentSpanId ${describe(span.parentSpanId)} is not an 8-byte id`;
  }
  const startMicros = nanosToMicros(span.startTimeUnixNano);
  if (startMicros === null) return `startTimeUnixNano ${describe(span.startTimeUnixNano)} is not a time in nanoseconds`;
  const endMicros = nanosToMicros(span.endTimeUnixNano);
  if (endMicros === null) return `endTimeUnixNano ${describe(span.endTimeUnixNano)} is not a time in nanoseconds`;
  const durationMicros = Math.max(0, endMicros - startMicros);
  return {
    traceId,
    spanId,
    parentSpanId,
    name: typeof span.name === 'string' ? span.name : '',
    kind: enumName(span.kind, SPAN_KINDS, 'SPAN_KIND_') ?? 'UNSPECIFIED',
    startMs: startMicros / 1000,
    endMs: (startMicros + durationMicros) / 1000,
    durationMs: durationMicros / 1000,
    status: decodeStatus(span.status),
    attributes: decodeKeyValues(span.attributes),
    events: decodeEvents(span.events),
    links: decodeLinks(span.links),
    resource,
    scope,
  };
}

function decodeStatus(status: unknown): InspectorSpan['status'] {
  if (!isRecord(status)) return { code: 'UNSET' };
  const code = enumName(status.code, STATUS_CODES, 'STATUS_CODE_') ?? 'UNSET';
  return typeof status.message === 'string' && status.message !== '' ? { code, message: status.message } : { code };
}

function decodeScope(scope: unknown): InspectorSpan['scope'] {
  if (!isRecord(scope)) return { name: '' };
  const name = typeof scope.name === 'string' ? scope.name : '';
  const attributes = decodeKeyValues(scope.attributes);
  return {
    name,
    ...(typeof scope.version === 'string' && scope.version !== '' ? { version: scope.version } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
  };
}

function decodeEvents(events: unknown): InspectorEvent[] {
  if (!Array.isArray(events)) return [];
  return events.filter(isRecord).map((event) => ({
    name: typeof event.name === 'string' ? event.name : '',
    timeMs: nanosToMs(event.timeUnixNano) ?? 0,
    attributes: decodeKeyValues(event.attributes),
  }));
}

/** Links with an invalid id are dropped: they point nowhere the view could show. */
function decodeLinks(links: unknown): InspectorLink[] {
  if (!Array.isArray(links)) return [];
  const decoded: InspectorLink[] = [];
  for (const link of links) {
    if (!isRecord(link)) continue;
    const traceId = normalizeId(link.traceId, TRACE_ID_BYTES);
    const spanId = normalizeId(link.spanId, SPAN_ID_BYTES);
    if (traceId !== null && spanId !== null) decoded.push({ traceId, spanId, attributes: decodeKeyValues(link.attributes) });
  }
  return decoded;
}

/** Maps an enum given as its number or its proto name (`SPAN_KIND_SERVER`) to the model's name. */
function enumName<T extends string>(value: unknown, names: readonly T[], prefix: string): T | null {
  if (typeof value === 'number') return names[value] ?? null;
  if (typeof value === 'string') {
    const name = value.startsWith(prefix) ? value.slice(prefix.length) : value;
    return names.find((candidate) => candidate === name) ?? null;
  }
  return null;
}

function listAt(owner: Record<string, unknown>, key: string, path: string, format: TraceFormat): unknown[] {
  const value = owner[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new TraceDecodeError(`expected an array, got ${describe(value)}`, { format, path: path === '' ? key : `${path}.${key}` });
  }
  return value;
}

function recordAt(value: unknown, path: string, format: TraceFormat): Record<string, unknown> {
  if (!isRecord(value)) throw new TraceDecodeError(`expected an object, got ${describe(value)}`, { format, path });
  return value;
}

function describe(value: unknown): string {
  return describeValue(value);
}
