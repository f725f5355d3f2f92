import type { InspectorSpan, InspectorTrace } from './types.js';

/**
 * Builds an {@link InspectorTrace} from spans of one trace, in any order: a parent id that is not
 * among the spans becomes null (kept in `missingParentSpanId`), and spans are sorted by start time, parents before children on
 * ties, then by name and span id so the order is stable.
 */
export function buildTrace(traceId: string, spans: Iterable<InspectorSpan>): InspectorTrace {
  const byId = new Map<string, InspectorSpan>();
  for (const span of spans) byId.set(span.spanId, span);
  const normalized = [...byId.values()].map((span) =>
    span.parentSpanId !== null && !byId.has(span.parentSpanId)
      ? { ...span, parentSpanId: null, missingParentSpanId: span.parentSpanId }
      : span,
  );
  const depth = depthsOf(normalized);
  normalized.sort(
    (a, b) =>
      a.startMs - b.startMs ||
      (depth.get(a.spanId) ?? 0) - (depth.get(b.spanId) ?? 0) ||
      compareStrings(a.name, b.name) ||
      compareStrings(a.spanId, b.spanId),
  );
  return { traceId, spans: normalized };
}

/** Groups spans by trace id into traces (see {@link buildTrace}), in order of first appearance. */
export function groupIntoTraces(spans: Iterable<InspectorSpan>): InspectorTrace[] {
  const byTrace = new Map<string, InspectorSpan[]>();
  for (const span of spans) {
    const list = byTrace.get(span.traceId);
    if (list) list.push(span);
    else byTrace.set(span.traceId, [span]);
  }
  return [...byTrace].map(([traceId, list]) => buildTrace(traceId, list));
}

/** Depth of each span below its root; a cycle (malformed data) is cut where it is found. */
function depthsOf(spans: InspectorSpan[]): Map<string, number> {
  const parentOf = new Map(spans.map((span) => [span.spanId, span.parentSpanId]));
  const depth = new Map<string, number>();
  for (const span of spans) {
    const chain: string[] = [];
    const seen = new Set<string>();
    let current: string | null = span.spanId;
    while (current !== null && !depth.has(current) && !seen.has(current)) {
      seen.add(current);
      chain.push(current);
      current = parentOf.get(current) ?? null;
    }
    let base = current !== null && depth.has(current) ? (depth.get(current) ?? 0) + 1 : 0;
    for (let index = chain.length - 1; index >= 0; index -= 1) {
      depth.set(chain[index] as string, base);
      base += 1;
    }
  }
  return depth;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
