import type { AttributeValue, InspectorSpan, InspectorTrace } from './types.js';

/** A search for spans by attribute: what the search box, `GET /api/search` and the store share. */
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

/** Parses the search box: `key=value` (spaces around `=` ignored) or a bare `key`; null when the key is empty. */
export function parseAttributeQuery(text: string): AttributeQuery | null {
  const separator = text.indexOf('=');
  const attribute = (separator === -1 ? text : text.slice(0, separator)).trim();
  if (attribute === '') return null;
  return separator === -1 ? { attribute } : { attribute, value: text.slice(separator + 1).trim() };
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

/** The spans of `traces` that match, in the given trace order and span order, at most `query.limit`. */
export function searchTraces(traces: Iterable<InspectorTrace>, query: AttributeQuery): SpanMatch[] {
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  const matches: SpanMatch[] = [];
  for (const trace of traces) {
    if (query.traceId !== undefined && trace.traceId !== query.traceId.toLowerCase()) continue;
    for (const span of trace.spans) {
      if (matches.length >= limit) return matches;
      if (spanMatches(span, query)) {
        matches.push({ traceId: span.traceId, spanId: span.spanId, spanName: span.name, value: span.attributes[query.attribute] ?? null });
      }
    }
  }
  return matches;
}
