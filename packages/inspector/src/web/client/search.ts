import type { AttributeValue, InspectorSpan, InspectorTrace } from '../../model/types.js';

// Runs in the browser as well as in Node: self-contained (serialized with Function.prototype.toString).

/** A parsed search: `key=value` matches that value, a bare `key` matches any span that has it. */
export interface AttributeQuery {
  key: string;
  value: string | null;
}

/** A span found by a search, as `GET /api/search` returns it. */
export interface SearchHit {
  traceId: string;
  spanId: string;
  name: string;
}

/** Parses `key=value` (spaces around `=` ignored) or `key`; null for empty input or an empty key. */
export function parseAttributeQuery(text: string): AttributeQuery | null {
  const separator = text.indexOf('=');
  const key = (separator === -1 ? text : text.slice(0, separator)).trim();
  if (key === '') return null;
  return { key, value: separator === -1 ? null : text.slice(separator + 1).trim() };
}

/**
 * Whether a span's attribute matches: values compare as text (`3`, `true`), exactly; an array
 * matches when any element does, like TraceQL.
 */
export function spanMatchesQuery(span: InspectorSpan, query: AttributeQuery): boolean {
  if (!Object.hasOwn(span.attributes, query.key)) return false;
  if (query.value === null) return true;
  const wanted = query.value;
  const matches = (value: AttributeValue | undefined): boolean => {
    if (Array.isArray(value)) return value.some(matches);
    if (value === null || value === undefined) return false;
    if (typeof value === 'object') return JSON.stringify(value) === wanted;
    return String(value) === wanted;
  };
  return matches(span.attributes[query.key]);
}

/** The spans of the given traces that match, in trace order. */
export function searchTraces(traces: readonly InspectorTrace[], query: AttributeQuery): SearchHit[] {
  const hits: SearchHit[] = [];
  for (const trace of traces) {
    for (const span of trace.spans) {
      if (spanMatchesQuery(span, query)) hits.push({ traceId: span.traceId, spanId: span.spanId, name: span.name });
    }
  }
  return hits;
}
