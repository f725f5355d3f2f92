import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DecodedSpans, TraceDecodeError } from '../load/errors.js';
import { parseJsonExact } from '../load/exact-json.js';
import { decodeOtlpJson } from '../otlp/decode-json.js';
import { decodeOtlpProtobuf } from '../otlp/decode-protobuf.js';
import {
  type EncodedBody,
  encodeErrorStatus,
  encodeExportResponse,
  type OtlpEncoding,
  RPC_CODE_INVALID_ARGUMENT,
  RPC_CODE_RESOURCE_EXHAUSTED,
} from '../otlp/export-response.js';
import type { TraceStore } from '../store/trace-store.js';
import { gunzipBody, InvalidEncodingError, PayloadTooLargeError, readBody } from './read-body.js';
import { sendBody } from './respond.js';

/** The OTLP/HTTP traces path. */
export const OTLP_TRACES_PATH = '/v1/traces';

/**
 * Handles `POST /v1/traces` per the OTLP/HTTP spec: JSON or protobuf bodies, optionally gzip;
 * 200 with an `ExportTraceServiceResponse` in the request's encoding (`partial_success` when spans
 * were rejected), 400 with a `google.rpc.Status` for undecodable data, 413 over the body limit,
 * 415 for another content type or encoding, 405 for another method.
 */
export async function handleOtlpTraces(
  request: IncomingMessage,
  response: ServerResponse,
  store: TraceStore,
  bodyLimitBytes: number,
): Promise<void> {
  if (request.method !== 'POST') {
    send(response, 405, encodeErrorStatus('json', RPC_CODE_INVALID_ARGUMENT, `${OTLP_TRACES_PATH} accepts POST only`), {
      Allow: 'POST',
    });
    return;
  }
  const encoding = encodingOf(request.headers['content-type']);
  if (encoding === null) {
    const message = `unsupported Content-Type ${JSON.stringify(request.headers['content-type'] ?? '')}: use application/json or application/x-protobuf`;
    send(response, 415, encodeErrorStatus('json', RPC_CODE_INVALID_ARGUMENT, message));
    return;
  }
  const contentEncoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (!['identity', 'gzip', 'x-gzip', ''].includes(contentEncoding)) {
    const message = `unsupported Content-Encoding ${JSON.stringify(contentEncoding)}: use gzip or none`;
    send(response, 415, encodeErrorStatus(encoding, RPC_CODE_INVALID_ARGUMENT, message));
    return;
  }
  let decoded: DecodedSpans;
  try {
    const raw = await readBody(request, bodyLimitBytes);
    const body = contentEncoding.endsWith('gzip') ? await gunzipBody(raw, bodyLimitBytes) : raw;
    decoded = decode(body, encoding);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) {
      send(response, 413, encodeErrorStatus(encoding, RPC_CODE_RESOURCE_EXHAUSTED, error.message));
      return;
    }
    if (error instanceof TraceDecodeError || error instanceof InvalidEncodingError) {
      send(response, 400, encodeErrorStatus(encoding, RPC_CODE_INVALID_ARGUMENT, error.message));
      return;
    }
    throw error;
  }
  const added = store.add(decoded.spans);
  const messages = decoded.rejected.slice(0, 3).map((entry) => `${entry.path}: ${entry.reason}`);
  if (decoded.rejected.length > 3)
    messages.push(`and ${decoded.rejected.length - 3} more invalid ${decoded.rejected.length - 3 === 1 ? 'span' : 'spans'}`);
  if (added.message !== '') messages.push(added.message);
  send(response, 200, encodeExportResponse(encoding, { count: decoded.rejected.length + added.rejected, message: messages.join('; ') }));
}

function decode(body: Buffer, encoding: OtlpEncoding): DecodedSpans {
  if (encoding === 'protobuf') return decodeOtlpProtobuf(body);
  let document: unknown;
  try {
    document = parseJsonExact(body.toString('utf8'));
  } catch (error) {
    throw new TraceDecodeError(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`, {
      format: 'otlp-json',
      cause: error,
    });
  }
  return decodeOtlpJson(document);
}

function encodingOf(contentType: string | undefined): OtlpEncoding | null {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/json') return 'json';
  if (mediaType === 'application/x-protobuf' || mediaType === 'application/protobuf') return 'protobuf';
  return null;
}

function send(response: ServerResponse, status: number, encoded: EncodedBody, headers: Record<string, string> = {}): void {
  sendBody(response, status, encoded.contentType, encoded.body, headers);
}
