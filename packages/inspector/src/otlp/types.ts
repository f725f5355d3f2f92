/**
 * OTLP/JSON shapes (opentelemetry-proto `ExportTraceServiceRequest`), as this package writes them:
 * lowerCamelCase keys, hex ids, nanosecond times and 64-bit ints as decimal strings, enums as ints.
 */

/** An OTLP `AnyValue`: exactly one field set, or none for an empty value. */
export interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string;
  doubleValue?: number;
  arrayValue?: { values: OtlpAnyValue[] };
  kvlistValue?: { values: OtlpKeyValue[] };
  bytesValue?: string;
}

export interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** `SpanKind`: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpKeyValue[];
  events: { timeUnixNano: string; name: string; attributes: OtlpKeyValue[] }[];
  links: { traceId: string; spanId: string; attributes: OtlpKeyValue[] }[];
  /** `StatusCode`: 0 unset, 1 ok, 2 error. */
  status: { code: number; message?: string };
}

export interface OtlpScopeSpans {
  scope: { name: string; version?: string; attributes?: OtlpKeyValue[] };
  spans: OtlpSpan[];
}

export interface OtlpResourceSpans {
  resource: { attributes: OtlpKeyValue[] };
  scopeSpans: OtlpScopeSpans[];
}

/** The body of `POST /v1/traces` in OTLP/JSON. */
export interface OtlpExportTraceServiceRequest {
  resourceSpans: OtlpResourceSpans[];
}

/** The body of a `POST /v1/traces` response (`ExportTraceServiceResponse`). */
export interface OtlpExportTraceServiceResponse {
  partialSuccess?: { rejectedSpans: string; errorMessage: string };
}
