/**
 * Conversions between OTLP's integer nanoseconds, Jaeger's microseconds and the model's epoch
 * milliseconds. The model keeps microsecond precision (like Jaeger): ms = µs / 1000, and
 * durations are computed from integer µs, so they carry no float noise, an epoch time in µs
 * (< 2^53) converts back to the same integer, and decode(export(trace)) is exact.
 */

const DIGITS = /^\d+$/;

/** Parses OTLP nanoseconds (decimal string or number) to integer epoch µs; null when not a time. */
export function nanosToMicros(value: unknown): number | null {
  let nanos: bigint;
  if (typeof value === 'string' && DIGITS.test(value)) {
    nanos = BigInt(value);
  } else if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
    nanos = BigInt(Math.round(value));
  } else {
    return null;
  }
  return Number(nanos / 1000n);
}

/** Parses OTLP nanoseconds to epoch ms at µs precision; null when not a time. */
export function nanosToMs(value: unknown): number | null {
  const micros = nanosToMicros(value);
  return micros === null ? null : micros / 1000;
}

/** Formats epoch ms as OTLP nanoseconds (decimal string), at microsecond precision. */
export function msToNanos(ms: number): string {
  return (BigInt(Math.round(ms * 1000)) * 1000n).toString();
}

/** Reads Jaeger microseconds (number or digit string) as an integer; null when not a number. */
export function parseMicros(value: unknown): number | null {
  const micros = typeof value === 'string' && DIGITS.test(value) ? Number(value) : value;
  if (typeof micros !== 'number' || !Number.isFinite(micros)) return null;
  return Math.round(micros);
}
