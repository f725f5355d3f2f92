import type { Attributes } from '@opentelemetry/api';
import { formatValue } from './format-value.js';

const MAX_VALUE_LENGTH = 120;

/**
 * A span's attributes for a failure message, one `key: value` line each (keys sorted), under an
 * `attributes:` heading (or the one given). Shown for the spans that came closest, where the
 * actual values matter; values longer than 120 characters (tool arguments, results) are cut.
 */
export function formatAttributeLines(attributes: Readonly<Attributes>, indent: string, heading = 'attributes'): string[] {
  const keys = Object.keys(attributes).sort();
  if (keys.length === 0) return [`${indent}${heading}: (none)`];
  return [`${indent}${heading}:`, ...keys.map((key) => `${indent}  ${key}: ${shorten(formatValue(attributes[key]))}`)];
}

function shorten(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}
