import { ATTR_OUTCOME, ATTR_STRATEGY } from '@tooltrace/core';
import { countErrors } from './errors.js';
import { ATTR_SERVICE_NAME } from './otel-attributes.js';
import { stringAttribute } from './span-attributes.js';
import { spanTitle } from './span-description.js';
import { tooltraceRole } from './span-roles.js';
import type { InspectorTrace, TraceSummary } from './types.js';

/**
 * The list row of a trace: its root (an HTTP root by its route), service, time range, span and
 * error counts (see {@link countErrors}), and the first run's strategy and outcome. The server,
 * the static page and the terminal all use this one function.
 */
export function summarizeTrace(trace: InspectorTrace): TraceSummary {
  const ids = new Set(trace.spans.map((span) => span.spanId));
  const root = trace.spans.find((span) => span.parentSpanId === null || !ids.has(span.parentSpanId)) ?? trace.spans[0];
  let startMs = Number.POSITIVE_INFINITY;
  let endMs = Number.NEGATIVE_INFINITY;
  for (const span of trace.spans) {
    startMs = Math.min(startMs, span.startMs);
    endMs = Math.max(endMs, span.endMs);
  }
  const orchestrate = trace.spans.find((span) => tooltraceRole(span) === 'orchestrate');
  const serviceName = root?.resource[ATTR_SERVICE_NAME];
  return {
    traceId: trace.traceId,
    rootName: root === undefined ? '(empty trace)' : spanTitle(root),
    serviceName: typeof serviceName === 'string' ? serviceName : 'unknown',
    startMs: trace.spans.length > 0 ? startMs : 0,
    durationMs: trace.spans.length > 0 ? endMs - startMs : 0,
    spanCount: trace.spans.length,
    errorCount: countErrors(trace),
    strategy: orchestrate === undefined ? null : stringAttribute(orchestrate, ATTR_STRATEGY),
    outcome: orchestrate === undefined ? null : stringAttribute(orchestrate, ATTR_OUTCOME),
  };
}
