import { ATTR_OUTCOME, ATTR_STRATEGY, SPAN_NAME_GROUP, SPAN_NAME_ORCHESTRATE, SPAN_NAME_PIPELINE } from '@tooltrace/core';
import type { InspectorSpan, InspectorTrace, TraceSummary } from './types.js';

const SERVICE_NAME = 'service.name';

/** The list row of a trace: its root, service, time range, counts, and tooltrace strategy/outcome. */
export function summarizeTrace(trace: InspectorTrace): TraceSummary {
  const root = trace.spans.find((span) => span.parentSpanId === null) ?? trace.spans[0];
  let startMs = Number.POSITIVE_INFINITY;
  let endMs = Number.NEGATIVE_INFINITY;
  let errorCount = 0;
  let orchestrate: InspectorSpan | undefined;
  for (const span of trace.spans) {
    startMs = Math.min(startMs, span.startMs);
    endMs = Math.max(endMs, span.endMs);
    if (span.status.code === 'ERROR' && !isAggregateSpan(span)) errorCount += 1;
    if (orchestrate === undefined && isOrchestrateSpan(span)) orchestrate = span;
  }
  const serviceName = root?.resource[SERVICE_NAME];
  return {
    traceId: trace.traceId,
    rootName: root?.name ?? '',
    serviceName: typeof serviceName === 'string' ? serviceName : 'unknown',
    startMs: trace.spans.length > 0 ? startMs : 0,
    durationMs: trace.spans.length > 0 ? endMs - startMs : 0,
    spanCount: trace.spans.length,
    errorCount,
    strategy: stringAttribute(orchestrate, ATTR_STRATEGY),
    outcome: stringAttribute(orchestrate, ATTR_OUTCOME),
  };
}

/** Whether a span is a tooltrace `orchestrate {strategy}` span. */
export function isOrchestrateSpan(span: InspectorSpan): boolean {
  return span.name.startsWith(`${SPAN_NAME_ORCHESTRATE} `) && typeof span.attributes[ATTR_STRATEGY] === 'string';
}

function stringAttribute(span: InspectorSpan | undefined, key: string): string | null {
  const value = span?.attributes[key];
  return typeof value === 'string' ? value : null;
}

/**
 * tooltrace spans whose ERROR status only sums up their children's (orchestrate, group, pipeline):
 * counting them would count one failed step three or four times.
 */
function isAggregateSpan(span: InspectorSpan): boolean {
  const prefix = span.name.split(' ', 1)[0];
  return (
    span.scope.name === '@tooltrace/core' &&
    (prefix === SPAN_NAME_ORCHESTRATE || prefix === SPAN_NAME_GROUP || prefix === SPAN_NAME_PIPELINE)
  );
}
