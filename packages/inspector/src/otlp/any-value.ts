import type { Attributes, AttributeValue } from '../model/types.js';
import type { OtlpAnyValue, OtlpKeyValue } from './types.js';

/**
 * Decodes an OTLP `AnyValue` (JSON mapping, as sent by exporters or produced by protobufjs's
 * `toObject`). 64-bit ints arrive as strings or numbers: they become numbers when exactly
 * representable, else stay decimal strings. Non-finite doubles become the strings `NaN`,
 * `Infinity`, `-Infinity` (JSON has no literal for them). Bytes stay base64. An empty value is null.
 */
export function decodeAnyValue(value: unknown): AttributeValue {
  if (!isRecord(value)) return null;
  if (typeof value.stringValue === 'string') return value.stringValue;
  if (typeof value.boolValue === 'boolean') return value.boolValue;
  if (value.intValue !== undefined && value.intValue !== null) return decodeInt(value.intValue);
  if (value.doubleValue !== undefined && value.doubleValue !== null) return decodeDouble(value.doubleValue);
  if (isRecord(value.arrayValue)) {
    const values = value.arrayValue.values;
    return Array.isArray(values) ? values.map(decodeAnyValue) : [];
  }
  if (isRecord(value.kvlistValue)) {
    const values = value.kvlistValue.values;
    return Array.isArray(values) ? decodeKeyValues(values) : {};
  }
  if (typeof value.bytesValue === 'string') return value.bytesValue;
  return null;
}

/**
 * Decodes a list of OTLP `KeyValue`s; entries without a string key are skipped. The map has no
 * prototype, so a key such as `__proto__` is an ordinary key.
 */
export function decodeKeyValues(list: unknown): Attributes {
  const attributes = attributeMap();
  if (!Array.isArray(list)) return attributes;
  for (const entry of list) {
    if (isRecord(entry) && typeof entry.key === 'string') attributes[entry.key] = decodeAnyValue(entry.value);
  }
  return attributes;
}

/** Encodes a model attribute value as an OTLP `AnyValue` (inverse of {@link decodeAnyValue}). */
export function encodeAnyValue(value: AttributeValue): OtlpAnyValue {
  if (value === null) return {};
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? { intValue: value.toString() } : { doubleValue: value };
  }
  if (Array.isArray(value)) return { arrayValue: { values: value.map(encodeAnyValue) } };
  return { kvlistValue: { values: encodeKeyValues(value) } };
}

/** Encodes model attributes as OTLP `KeyValue`s. */
export function encodeKeyValues(attributes: Attributes): OtlpKeyValue[] {
  return Object.entries(attributes).map(([key, value]) => ({ key, value: encodeAnyValue(value) }));
}

/**
 * A 64-bit integer in its one model representation: a number when it is a safe integer, else its
 * exact decimal string — whether it came as a JSON string, a JSON number or protobuf.
 */
export function decodeInt(value: unknown): AttributeValue {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    const integer = Math.trunc(value);
    return Number.isSafeInteger(integer) ? integer : BigInt(integer).toString();
  }
  if (typeof value === 'string' && /^-?\d+$/.test(value)) {
    const number = Number(value);
    return Number.isSafeInteger(number) ? number : value.replace(/^(-?)0+(?=\d)/, '$1');
  }
  return null;
}

function decodeDouble(value: unknown): AttributeValue {
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || Number.isNaN(number)) return value === 'NaN' || Number.isNaN(value) ? 'NaN' : null;
  if (!Number.isFinite(number)) return number > 0 ? 'Infinity' : '-Infinity';
  return number;
}

/** An empty attribute map without a prototype: every key, `__proto__` included, is an own data key. */
export function attributeMap(): Attributes {
  return Object.create(null) as Attributes;
}

/** Narrows to a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
