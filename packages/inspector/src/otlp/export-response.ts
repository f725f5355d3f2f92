import { ExportTraceServiceResponseType, GoogleRpcStatusType } from './proto-schema.js';
import type { OtlpExportTraceServiceResponse } from './types.js';

/** The two OTLP/HTTP encodings; a response uses the encoding of its request. */
export type OtlpEncoding = 'json' | 'protobuf';

/** A response body and its content type. */
export interface EncodedBody {
  contentType: string;
  body: Buffer;
}

/** `google.rpc.Code` values used in error responses. */
export const RPC_CODE_INVALID_ARGUMENT = 3;
export const RPC_CODE_RESOURCE_EXHAUSTED = 8;

const CONTENT_TYPES: Record<OtlpEncoding, string> = {
  json: 'application/json',
  protobuf: 'application/x-protobuf',
};

/**
 * The success body of `POST /v1/traces`: an `ExportTraceServiceResponse`, with `partial_success`
 * set when some spans were rejected, or — with 0 rejected, as a warning the spec allows — when there
 * is something to say (traces evicted to stay within the store's limits); unset otherwise.
 */
export function encodeExportResponse(encoding: OtlpEncoding, rejected: { count: number; message: string }): EncodedBody {
  const response: OtlpExportTraceServiceResponse =
    rejected.count > 0 || rejected.message !== ''
      ? { partialSuccess: { rejectedSpans: String(rejected.count), errorMessage: rejected.message } }
      : {};
  if (encoding === 'json') return { contentType: CONTENT_TYPES.json, body: Buffer.from(JSON.stringify(response)) };
  const message = ExportTraceServiceResponseType.fromObject(response);
  return { contentType: CONTENT_TYPES.protobuf, body: Buffer.from(ExportTraceServiceResponseType.encode(message).finish()) };
}

/** An error body shaped as `google.rpc.Status`, as OTLP/HTTP requires for 4xx/5xx responses. */
export function encodeErrorStatus(encoding: OtlpEncoding, code: number, message: string): EncodedBody {
  if (encoding === 'json') {
    return { contentType: CONTENT_TYPES.json, body: Buffer.from(JSON.stringify({ code, message })) };
  }
  const status = GoogleRpcStatusType.fromObject({ code, message });
  return { contentType: CONTENT_TYPES.protobuf, body: Buffer.from(GoogleRpcStatusType.encode(status).finish()) };
}

/** Decodes a protobuf `google.rpc.Status` body (for clients and tests). */
export function decodeProtobufStatus(body: Uint8Array): { code: number; message: string } {
  const object = GoogleRpcStatusType.toObject(GoogleRpcStatusType.decode(body), { defaults: true });
  return { code: Number(object.code), message: String(object.message) };
}

/** Decodes a protobuf `ExportTraceServiceResponse` body (for clients and tests). */
export function decodeProtobufExportResponse(body: Uint8Array): OtlpExportTraceServiceResponse {
  const object = ExportTraceServiceResponseType.toObject(ExportTraceServiceResponseType.decode(body), { longs: String });
  const partial = object.partialSuccess as { rejectedSpans?: string; errorMessage?: string } | undefined;
  return partial === undefined
    ? {}
    : { partialSuccess: { rejectedSpans: partial.rejectedSpans ?? '0', errorMessage: partial.errorMessage ?? '' } };
}
