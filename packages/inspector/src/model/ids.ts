/**
 * Trace and span ids arrive as lower- or upper-case hex (OTLP/JSON, Jaeger) or base64 (the
 * protobuf JSON mapping, protobufjs). The model always holds lower-case hex.
 */

const HEX = /^[0-9a-f]+$/i;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Number of bytes of a trace id and of a span id. */
export const TRACE_ID_BYTES = 16;
export const SPAN_ID_BYTES = 8;

/**
 * Decodes an id given as hex (`2 * byteLength` chars) or base64 (of `byteLength` bytes) to lower-case
 * hex. Returns null when the value is neither, or when every byte is zero (an invalid id in OTLP).
 */
export function normalizeId(value: unknown, byteLength: number): string | null {
  if (typeof value !== 'string') return null;
  let hex: string | null = null;
  if (value.length === byteLength * 2 && HEX.test(value)) {
    hex = value.toLowerCase();
  } else if (value.length === Math.ceil(byteLength / 3) * 4 && BASE64.test(value)) {
    const bytes = Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
    if (bytes.length === byteLength) hex = bytes.toString('hex');
  }
  if (hex === null || /^0+$/.test(hex)) return null;
  return hex;
}

/**
 * Left-pads a hex id to `byteLength` bytes: Jaeger prints 64-bit trace ids (and trace ids whose
 * high half is zero) with 16 chars, and drops leading zeros.
 */
export function padHexId(value: unknown, byteLength: number): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > byteLength * 2 || !HEX.test(value)) {
    return null;
  }
  const hex = value.toLowerCase().padStart(byteLength * 2, '0');
  return /^0+$/.test(hex) ? null : hex;
}
