import type { InspectorTrace, TraceSummary } from '../../model/types.js';
import type { TraceKeys } from '../trace-keys.js';

// Runs in the browser as well as in Node: self-contained (serialized with Function.prototype.toString).

/** The trace-list row of a trace, for static pages (the live server sends these ready-made). */
export function summarizeTrace(keys: TraceKeys, trace: InspectorTrace): TraceSummary {
  const ids = new Set(trace.spans.map((span) => span.spanId));
  const root = trace.spans.find((span) => span.parentSpanId === null || !ids.has(span.parentSpanId));
  const orchestrate = trace.spans.find(
    (span) => Object.hasOwn(span.attributes, keys.planTotalSteps) && !Object.hasOwn(span.attributes, keys.stepId),
  );
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  let startMs = Number.POSITIVE_INFINITY;
  let endMs = Number.NEGATIVE_INFINITY;
  for (const span of trace.spans) {
    startMs = Math.min(startMs, span.startMs);
    endMs = Math.max(endMs, span.endMs);
  }
  return {
    traceId: trace.traceId,
    rootName: root?.name ?? '(empty trace)',
    serviceName: text(root?.resource[keys.serviceName]) ?? '',
    startMs: trace.spans.length === 0 ? 0 : startMs,
    durationMs: trace.spans.length === 0 ? 0 : endMs - startMs,
    spanCount: trace.spans.length,
    errorCount: trace.spans.filter((span) => span.status.code === 'ERROR').length,
    strategy: text(orchestrate?.attributes[keys.strategy]),
    outcome: text(orchestrate?.attributes[keys.outcome]),
  };
}
