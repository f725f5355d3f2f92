import type protobuf from 'protobufjs';
import { type DecodedSpans, TraceDecodeError } from '../load/errors.js';
import { decodeOtlpJson } from './decode-json.js';
import { ExportTraceServiceRequestType } from './proto-schema.js';

/**
 * Decodes a protobuf-encoded OTLP `ExportTraceServiceRequest` (the body of `POST /v1/traces` with
 * `Content-Type: application/x-protobuf`).
 *
 * @throws {TraceDecodeError} when the bytes are not a valid message.
 */
export function decodeOtlpProtobuf(bytes: Uint8Array): DecodedSpans {
  let message: protobuf.Message;
  try {
    message = ExportTraceServiceRequestType.decode(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TraceDecodeError(`invalid protobuf ExportTraceServiceRequest: ${reason}`, {
      format: 'otlp-protobuf',
      cause: error,
    });
  }
  // The JSON mapping (base64 bytes, decimal-string 64-bit ints) is what the JSON decoder reads.
  const object = ExportTraceServiceRequestType.toObject(message, { longs: String, bytes: String, arrays: true });
  return decodeOtlpJson(object, 'otlp-protobuf');
}
