import { isAsymmetricMatcher } from './value-match.js';

interface PrintableMatcher {
  toAsymmetricMatcher?: () => string;
  toString(): string;
}

/** A short, stable rendering of an attribute value or expectation, for messages and snapshots. */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (value instanceof RegExp) return String(value);
  if (isAsymmetricMatcher(value)) {
    const matcher = value as unknown as PrintableMatcher;
    return matcher.toAsymmetricMatcher ? matcher.toAsymmetricMatcher() : matcher.toString();
  }
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([key, item]) => `${key}: ${formatValue(item)}`);
    return `{ ${entries.join(', ')} }`;
  }
  return String(value);
}

/** Names a value's type for hints such as `1 (number)` vs `"1" (string)`. */
export function typeOfValue(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}
