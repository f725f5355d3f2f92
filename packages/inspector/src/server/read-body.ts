import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

/** Past this many bytes beyond the limit, an oversized body is no longer drained: the socket is closed. */
const DRAIN_ALLOWANCE_BYTES = 64 * 1024 * 1024;

/** Thrown when a request body (compressed or decompressed) exceeds the body limit. */
export class PayloadTooLargeError extends Error {
  readonly code = 'PAYLOAD_TOO_LARGE';
  override readonly name = 'PayloadTooLargeError';
  readonly limitBytes: number;

  constructor(limitBytes: number, what: string) {
    super(`${what} exceeds the limit of ${limitBytes} bytes`);
    this.limitBytes = limitBytes;
  }
}

/** Thrown when a gzip body cannot be decompressed. */
export class InvalidEncodingError extends Error {
  readonly code = 'INVALID_CONTENT_ENCODING';
  override readonly name = 'InvalidEncodingError';
}

/**
 * Reads a request body of at most `limitBytes`. An oversized body is still read (and discarded) so
 * the client, which is usually still sending, can read the 413 response instead of a reset socket.
 */
export async function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total <= limitBytes) {
      chunks.push(chunk);
    } else if (total > limitBytes + DRAIN_ALLOWANCE_BYTES) {
      request.socket.destroy();
      break;
    }
  }
  if (total > limitBytes) throw new PayloadTooLargeError(limitBytes, 'request body');
  return Buffer.concat(chunks, total);
}

/** Decompresses a gzip body, refusing output larger than `limitBytes` (a zip bomb). */
export async function gunzipBody(body: Buffer, limitBytes: number): Promise<Buffer> {
  try {
    return await gunzipAsync(body, { maxOutputLength: limitBytes });
  } catch (error) {
    if (isNodeError(error) && error.code === 'ERR_BUFFER_TOO_LARGE') {
      throw new PayloadTooLargeError(limitBytes, 'decompressed request body');
    }
    throw new InvalidEncodingError(`invalid gzip body: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}
