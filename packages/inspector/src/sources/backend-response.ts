import { decodeJaegerJson, isJaegerDocument } from '../jaeger/decode-jaeger.js';
import { type DecodedSpans, TraceDecodeError } from '../load/errors.js';
import { isRecord } from '../otlp/any-value.js';
import { decodeOtlpJson } from '../otlp/decode-json.js';

/**
 * Decodes the body of a backend's get-trace (or find-traces) answer with the inspector's own
 * decoders, by its documented shape:
 * - Jaeger v2 API v3 (`/api/v3/traces…`): `{ "result": { "resourceSpans": [...] } }` (OTLP/JSON)
 * - Tempo `/api/v2/traces/{id}`: `{ "trace": { "resourceSpans": [...] }, "metrics": {...} }`
 * - Tempo `/api/traces/{id}` (v1): `{ "batches": [...] }` (OTLP/JSON under another name)
 * - Jaeger API v1 (`/api/traces…`): `{ "data": [{ traceID, spans, processes }] }` (Jaeger JSON)
 * - plain OTLP/JSON `{ "resourceSpans": [...] }`
 *
 * @throws {TraceDecodeError} when the body is none of these.
 */
export function decodeBackendTrace(body: unknown): DecodedSpans {
  if (isRecord(body)) {
    if (isRecord(body.result)) return decodeOtlpJson(body.result);
    if (isRecord(body.trace)) return decodeOtlpJson(body.trace);
    if (Array.isArray(body.batches)) return decodeOtlpJson({ resourceSpans: body.batches });
    if ('resourceSpans' in body) return decodeOtlpJson(body);
  }
  if (isJaegerDocument(body) || (isRecord(body) && Array.isArray(body.data) && body.data.length === 0)) return decodeJaegerJson(body);
  throw new TraceDecodeError(
    body === undefined
      ? 'the answer is not JSON'
      : 'the answer is not a trace: expected { "result": {...} } (Jaeger API v3), { "data": [...] } (Jaeger API v1), { "trace": {...} } (Tempo) or OTLP/JSON',
    { format: null },
  );
}
