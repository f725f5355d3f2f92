import type { AttributeValue, InspectorSpan } from '../model/types.js';

/** A search for spans by attribute. */
export interface AttributeQuery {
  /** The attribute key, e.g. `tooltrace.step.status`. */
  attribute: string;
  /**
   * The value to match, compared as text: `2` matches the int 2, `true` the boolean; an array
   * attribute matches when one element does (like TraceQL). Omitted: the attribute is present.
   */
  value?: string;
  /** Only this trace. */
  traceId?: string;
  /** At most this many matches (default 1000). */
  limit?: number;
}

/** A span that matched an {@link AttributeQuery}. */
export interface SpanMatch {
  traceId: string;
  spanId: string;
  spanName: string;
  /** The matched attribute's value. */
  value: AttributeValue;
}

/** Whether a span has the queried attribute with the queried value. */
export function spanMatches(span: InspectorSpan, query: AttributeQuery): boolean {
  if (!Object.hasOwn(span.attributes, query.attribute)) return false;
  return query.value === undefined || valueMatches(span.attributes[query.attribute] ?? null, query.value);
}

function valueMatches(value: AttributeValue, expected: string): boolean {
  if (Array.isArray(value)) return value.some((item) => valueMatches(item, expected));
  if (value !== null && typeof value === 'object') return JSON.stringify(value) === expected;
  return String(value) === expected;
}
