import type { AttributeValue, InspectorSpan } from './types.js';

// Typed reads of span attributes: a value of another type reads as absent (null).

/** Whether the span carries the attribute (whatever its value). */
export function hasAttribute(span: InspectorSpan, key: string): boolean {
  return Object.hasOwn(span.attributes, key);
}

/** A string attribute, else null. */
export function stringAttribute(span: InspectorSpan, key: string): string | null {
  const value = span.attributes[key];
  return typeof value === 'string' ? value : null;
}

/** A finite number (or a numeric string), else null. */
export function numberAttribute(span: InspectorSpan, key: string): number | null {
  const value = span.attributes[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/** The string elements of an array attribute, else null. */
export function stringArrayAttribute(span: InspectorSpan, key: string): string[] | null {
  const value: AttributeValue | undefined = span.attributes[key];
  if (!Array.isArray(value)) return null;
  return value.filter((item): item is string => typeof item === 'string');
}
