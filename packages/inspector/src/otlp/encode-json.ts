import { msToNanos } from '../model/time.js';
import type { InspectorSpan, InspectorTrace, SpanKindName, StatusCodeName } from '../model/types.js';
import { encodeKeyValues } from './any-value.js';
import type { OtlpExportTraceServiceRequest, OtlpResourceSpans, OtlpScopeSpans, OtlpSpan } from './types.js';

const KIND_NUMBERS: Record<SpanKindName, number> = {
  UNSPECIFIED: 0,
  INTERNAL: 1,
  SERVER: 2,
  CLIENT: 3,
  PRODUCER: 4,
  CONSUMER: 5,
};
const STATUS_NUMBERS: Record<StatusCodeName, number> = { UNSET: 0, OK: 1, ERROR: 2 };

/**
 * Exports traces as one OTLP/JSON `ExportTraceServiceRequest` (spans grouped by resource and
 * scope), readable by any OTLP/JSON receiver and by {@link decodeOtlpJson}: decoding the result
 * gives back the same spans.
 *
 * @example
 * writeFileSync('trace.json', JSON.stringify(traceToOtlpJson(store.get(traceId)!)));
 */
export function traceToOtlpJson(traces: InspectorTrace | readonly InspectorTrace[]): OtlpExportTraceServiceRequest {
  const list: readonly InspectorTrace[] = Array.isArray(traces) ? traces : [traces as InspectorTrace];
  const resources = new Map<string, { entry: OtlpResourceSpans; scopes: Map<string, OtlpScopeSpans> }>();
  for (const trace of list) {
    for (const span of trace.spans) {
      const resourceKey = JSON.stringify(span.resource);
      let resource = resources.get(resourceKey);
      if (resource === undefined) {
        resource = { entry: { resource: { attributes: encodeKeyValues(span.resource) }, scopeSpans: [] }, scopes: new Map() };
        resources.set(resourceKey, resource);
      }
      const scopeKey = JSON.stringify([span.scope.name, span.scope.version ?? '', span.scope.attributes ?? {}]);
      let scope = resource.scopes.get(scopeKey);
      if (scope === undefined) {
        const { attributes, ...nameAndVersion } = span.scope;
        scope = {
          scope: { ...nameAndVersion, ...(attributes === undefined ? {} : { attributes: encodeKeyValues(attributes) }) },
          spans: [],
        };
        resource.scopes.set(scopeKey, scope);
        resource.entry.scopeSpans.push(scope);
      }
      scope.spans.push(encodeSpan(span));
    }
  }
  return { resourceSpans: [...resources.values()].map((resource) => resource.entry) };
}

function encodeSpan(span: InspectorSpan): OtlpSpan {
  const encoded: OtlpSpan = {
    traceId: span.traceId,
    spanId: span.spanId,
    name: span.name,
    kind: KIND_NUMBERS[span.kind],
    startTimeUnixNano: msToNanos(span.startMs),
    endTimeUnixNano: msToNanos(span.endMs),
    attributes: encodeKeyValues(span.attributes),
    events: span.events.map((event) => ({
      timeUnixNano: msToNanos(event.timeMs),
      name: event.name,
      attributes: encodeKeyValues(event.attributes),
    })),
    links: span.links.map((link) => ({
      traceId: link.traceId,
      spanId: link.spanId,
      attributes: encodeKeyValues(link.attributes),
    })),
    status:
      span.status.message === undefined
        ? { code: STATUS_NUMBERS[span.status.code] }
        : { code: STATUS_NUMBERS[span.status.code], message: span.status.message },
  };
  const parentSpanId = span.parentSpanId ?? span.missingParentSpanId;
  if (parentSpanId !== undefined) encoded.parentSpanId = parentSpanId;
  return encoded;
}
