import { stepStatus, tooltraceRole } from './span-roles.js';
import type { InspectorSpan, InspectorTrace } from './types.js';

/**
 * The spans a trace counts as its errors: the one definition behind every "errors" figure (trace
 * list, trace page, static page, terminal).
 * - A step counts once when it failed (status `error` or `timed_out`), whatever its tool's own
 *   spans recorded; spans inside a step never count on their own.
 * - Any other span counts when its status is ERROR and nothing below it counts: orchestrate, group,
 *   stage and pipeline spans that only pass a step's failure up are not counted again, while a
 *   failing HTTP call outside any step, or a stage whose own code threw, is.
 * Returns span ids in trace order.
 */
export function errorSpanIds(trace: InspectorTrace): string[] {
  const ids = new Set(trace.spans.map((span) => span.spanId));
  const children = new Map<string, InspectorSpan[]>();
  for (const span of trace.spans) {
    if (span.parentSpanId === null || !ids.has(span.parentSpanId)) continue;
    const siblings = children.get(span.parentSpanId);
    if (siblings === undefined) children.set(span.parentSpanId, [span]);
    else siblings.push(span);
  }
  const reached = new Set<string>();
  const postOrder: InspectorSpan[] = [];
  const walk = (root: InspectorSpan): void => {
    const stack: { span: InspectorSpan; expanded: boolean }[] = [{ span: root, expanded: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { span: InspectorSpan; expanded: boolean };
      if (top.expanded) {
        stack.pop();
        postOrder.push(top.span);
        continue;
      }
      top.expanded = true;
      reached.add(top.span.spanId);
      const kids = (children.get(top.span.spanId) ?? []).filter((kid) => !reached.has(kid.spanId));
      if (tooltraceRole(top.span) === 'step') {
        markReached(kids, children, reached);
        continue;
      }
      for (const kid of kids) stack.push({ span: kid, expanded: false });
    }
  };
  for (const span of trace.spans) if (span.parentSpanId === null || !ids.has(span.parentSpanId)) walk(span);
  // Spans caught in a parent cycle (malformed input) are reached from nowhere: walk them too.
  for (const span of trace.spans) if (!reached.has(span.spanId)) walk(span);

  const counted = new Set<string>();
  const containsError = new Map<string, boolean>();
  for (const span of postOrder) {
    let contains: boolean;
    if (tooltraceRole(span) === 'step') {
      const status = stepStatus(span);
      contains = status === 'error' || status === 'timed_out';
      if (contains) counted.add(span.spanId);
    } else {
      const below = (children.get(span.spanId) ?? []).some((kid) => containsError.get(kid.spanId) === true);
      if (!below && span.status.code === 'ERROR') counted.add(span.spanId);
      contains = below || span.status.code === 'ERROR';
    }
    containsError.set(span.spanId, contains);
  }
  return trace.spans.filter((span) => counted.has(span.spanId)).map((span) => span.spanId);
}

/** Marks a step's descendants as reached without counting them. */
function markReached(spans: InspectorSpan[], children: Map<string, InspectorSpan[]>, reached: Set<string>): void {
  const stack = [...spans];
  while (stack.length > 0) {
    const span = stack.pop() as InspectorSpan;
    if (reached.has(span.spanId)) continue;
    reached.add(span.spanId);
    stack.push(...(children.get(span.spanId) ?? []));
  }
}

/** How many errors a trace has (see {@link errorSpanIds}). */
export function countErrors(trace: InspectorTrace): number {
  return errorSpanIds(trace).length;
}
