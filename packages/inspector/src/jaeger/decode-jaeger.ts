import { ATTR_EXECUTION_PLAN, ATTR_GEN_AI_TOOL_CALL_ARGUMENTS, ATTR_GEN_AI_TOOL_CALL_RESULT, ATTR_INPUT_FROM } from '@tooltrace/core';
import { type DecodedSpans, type RejectedSpan, TraceDecodeError } from '../load/errors.js';
import { assertNestingDepth } from '../load/nesting-depth.js';
import { padHexId, SPAN_ID_BYTES, TRACE_ID_BYTES } from '../model/ids.js';
import { parseMicros } from '../model/time.js';
import type {
  Attributes,
  AttributeValue,
  InspectorEvent,
  InspectorLink,
  InspectorSpan,
  SpanKindName,
  StatusCodeName,
} from '../model/types.js';
import { attributeMap, decodeInt, isRecord } from '../otlp/any-value.js';

/**
 * Tags the OpenTelemetry → Jaeger mapping adds for OTLP span fields. They are turned back into
 * those fields and removed from the attributes.
 */
const TAG_SPAN_KIND = 'span.kind';
const TAG_STATUS_CODE = 'otel.status_code';
const TAG_STATUS_DESCRIPTION = 'otel.status_description';
const TAG_ERROR = 'error';
const SCOPE_NAME_TAGS = ['otel.scope.name', 'otel.library.name'];
const SCOPE_VERSION_TAGS = ['otel.scope.version', 'otel.library.version'];
const DROPPED_TAGS = ['internal.span.format', 'w3c.tracestate'];
/** The log field that carries an OTel event's name. */
const LOG_EVENT_FIELD = 'event';

/** Contract attributes whose string value is JSON by design: never read back as arrays. */
const JSON_STRING_KEYS = new Set([ATTR_EXECUTION_PLAN, ATTR_INPUT_FROM, ATTR_GEN_AI_TOOL_CALL_ARGUMENTS, ATTR_GEN_AI_TOOL_CALL_RESULT]);

/**
 * Decodes Jaeger's query-API JSON (`GET /api/traces/{id}` or the UI's "Download JSON":
 * `{ data: [{ traceID, spans, processes }] }`; a bare trace object or an array of them also works).
 *
 * Mapping back to OTel: the `CHILD_OF` reference is the parent, `FOLLOWS_FROM` references (and
 * further `CHILD_OF`s) are links, without attributes since Jaeger does not keep link attributes;
 * `span.kind`, `otel.status_code`, `otel.status_description`, `error` and `otel.scope.*` tags become
 * kind, status and scope; logs become events named by their `event` field; the process becomes the
 * resource (`service.name` from `serviceName`). The OTel → Jaeger mapping writes array attributes
 * as JSON strings, so a string tag holding a JSON array of strings, numbers or booleans is read back
 * as an array — except the contract's JSON-valued keys (`tooltrace.input_from`,
 * `tooltrace.execution_plan`, `gen_ai.tool.call.arguments`, `gen_ai.tool.call.result`).
 *
 * @throws {TraceDecodeError} when the document is not Jaeger trace JSON.
 */
export function decodeJaegerJson(document: unknown): DecodedSpans {
  assertNestingDepth(document, 'jaeger-json');
  const traces = jaegerTracesOf(document);
  const spans: InspectorSpan[] = [];
  const rejected: RejectedSpan[] = [];
  traces.forEach((trace, traceIndex) => {
    const tracePath = `data[${traceIndex}]`;
    if (!isRecord(trace) || !Array.isArray(trace.spans)) {
      throw new TraceDecodeError('expected a trace object with a "spans" array', { format: 'jaeger-json', path: tracePath });
    }
    const processes = isRecord(trace.processes) ? trace.processes : {};
    trace.spans.forEach((span, spanIndex) => {
      const path = `${tracePath}.spans[${spanIndex}]`;
      const result = isRecord(span) ? decodeSpan(span, processes) : 'expected an object';
      if (typeof result === 'string') rejected.push({ path, reason: result });
      else spans.push(result);
    });
  });
  return { spans, rejected };
}

/** Whether a parsed JSON document looks like Jaeger trace JSON. */
export function isJaegerDocument(document: unknown): boolean {
  const first = Array.isArray(document) ? document[0] : isRecord(document) && Array.isArray(document.data) ? document.data[0] : document;
  return isRecord(first) && typeof first.traceID === 'string' && Array.isArray(first.spans);
}

function jaegerTracesOf(document: unknown): unknown[] {
  if (Array.isArray(document)) return document;
  if (isRecord(document) && Array.isArray(document.data)) return document.data;
  if (isRecord(document) && Array.isArray(document.spans)) return [document];
  throw new TraceDecodeError('expected { "data": [ { "traceID", "spans", "processes" } ] }', { format: 'jaeger-json' });
}

function decodeSpan(span: Record<string, unknown>, processes: Record<string, unknown>): InspectorSpan | string {
  const traceId = padHexId(span.traceID, TRACE_ID_BYTES);
  if (traceId === null) return `traceID ${JSON.stringify(span.traceID)} is not a hex trace id`;
  const spanId = padHexId(span.spanID, SPAN_ID_BYTES);
  if (spanId === null) return `spanID ${JSON.stringify(span.spanID)} is not a hex span id`;
  const startMicros = parseMicros(span.startTime);
  if (startMicros === null) return `startTime ${JSON.stringify(span.startTime)} is not a time in microseconds`;
  const durationMicros = Math.max(0, parseMicros(span.duration) ?? 0);
  const tags = decodeTags(span.tags);
  const { parentSpanId, links } = decodeReferences(span.references, traceId);
  const process = isRecord(span.process) ? span.process : processes[String(span.processID)];
  return {
    traceId,
    spanId,
    parentSpanId,
    name: typeof span.operationName === 'string' ? span.operationName : '',
    kind: takeKind(tags),
    startMs: startMicros / 1000,
    endMs: (startMicros + durationMicros) / 1000,
    durationMs: durationMicros / 1000,
    status: takeStatus(tags),
    scope: takeScope(tags),
    attributes: dropTags(tags),
    events: decodeLogs(span.logs),
    links,
    resource: decodeProcess(process),
  };
}

function decodeReferences(references: unknown, traceId: string): { parentSpanId: string | null; links: InspectorLink[] } {
  let parentSpanId: string | null = null;
  const links: InspectorLink[] = [];
  if (!Array.isArray(references)) return { parentSpanId, links };
  for (const reference of references) {
    if (!isRecord(reference)) continue;
    const spanId = padHexId(reference.spanID, SPAN_ID_BYTES);
    const refTraceId = padHexId(reference.traceID, TRACE_ID_BYTES) ?? traceId;
    if (spanId === null) continue;
    if (parentSpanId === null && reference.refType === 'CHILD_OF' && refTraceId === traceId) parentSpanId = spanId;
    else links.push({ traceId: refTraceId, spanId, attributes: attributeMap() });
  }
  return { parentSpanId, links };
}

function decodeTags(tags: unknown): Attributes {
  const attributes = attributeMap();
  if (!Array.isArray(tags)) return attributes;
  for (const tag of tags) {
    if (isRecord(tag) && typeof tag.key === 'string') attributes[tag.key] = decodeTagValue(tag.key, tag.type, tag.value);
  }
  return attributes;
}

function decodeTagValue(key: string, type: unknown, value: unknown): AttributeValue {
  switch (type) {
    case 'bool':
      return value === true || value === 'true';
    case 'int64': {
      const integer = decodeInt(value);
      return integer ?? (value === undefined ? null : String(value));
    }
    case 'float64': {
      const number = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(number) ? number : String(value);
    }
    default:
      if (typeof value !== 'string') return value === undefined ? null : (value as AttributeValue);
      return JSON_STRING_KEYS.has(key) ? value : (parsePrimitiveArray(value) ?? value);
  }
}

/** Reads `["a","b"]` back as an array, when it is a JSON array of one primitive type. */
function parsePrimitiveArray(value: string): AttributeValue[] | null {
  if (!value.startsWith('[') || !value.endsWith(']')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const types = new Set(parsed.map((item) => typeof item));
  if (types.size > 1 || ![...types].every((type) => type === 'string' || type === 'number' || type === 'boolean')) {
    return null;
  }
  return parsed as AttributeValue[];
}

function takeKind(tags: Attributes): SpanKindName {
  const kind = tags[TAG_SPAN_KIND];
  delete tags[TAG_SPAN_KIND];
  const name = typeof kind === 'string' ? kind.toUpperCase() : 'INTERNAL';
  return (['INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const).find((k) => k === name) ?? 'INTERNAL';
}

function takeStatus(tags: Attributes): InspectorSpan['status'] {
  const code = tags[TAG_STATUS_CODE];
  const description = tags[TAG_STATUS_DESCRIPTION];
  const error = tags[TAG_ERROR];
  delete tags[TAG_STATUS_CODE];
  delete tags[TAG_STATUS_DESCRIPTION];
  let statusCode: StatusCodeName = 'UNSET';
  if (code === 'ERROR' || (code === undefined && error === true)) statusCode = 'ERROR';
  else if (code === 'OK') statusCode = 'OK';
  if (statusCode === 'ERROR' && error === true) delete tags[TAG_ERROR];
  return typeof description === 'string' && description !== '' ? { code: statusCode, message: description } : { code: statusCode };
}

function takeScope(tags: Attributes): InspectorSpan['scope'] {
  const name = SCOPE_NAME_TAGS.map((key) => tags[key]).find((value) => typeof value === 'string');
  const version = SCOPE_VERSION_TAGS.map((key) => tags[key]).find((value) => typeof value === 'string');
  for (const key of [...SCOPE_NAME_TAGS, ...SCOPE_VERSION_TAGS]) delete tags[key];
  const scopeName = typeof name === 'string' ? name : '';
  return typeof version === 'string' && version !== '' ? { name: scopeName, version } : { name: scopeName };
}

function dropTags(tags: Attributes): Attributes {
  for (const key of DROPPED_TAGS) delete tags[key];
  return tags;
}

function decodeLogs(logs: unknown): InspectorEvent[] {
  if (!Array.isArray(logs)) return [];
  return logs.filter(isRecord).map((log) => {
    const attributes = decodeTags(log.fields);
    const name = attributes[LOG_EVENT_FIELD];
    delete attributes[LOG_EVENT_FIELD];
    return { name: typeof name === 'string' ? name : 'log', timeMs: (parseMicros(log.timestamp) ?? 0) / 1000, attributes };
  });
}

function decodeProcess(process: unknown): Attributes {
  if (!isRecord(process)) return {};
  const resource = decodeTags(process.tags);
  if (typeof process.serviceName === 'string') resource['service.name'] = process.serviceName;
  return resource;
}
