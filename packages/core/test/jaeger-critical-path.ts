import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/**
 * Jaeger UI's critical-path algorithm, ported from its source (jaeger-ui,
 * packages/jaeger-ui/src/components/TracePage/CriticalPath: index.ts, utils/cpspan.ts,
 * utils/findLastFinishingChildSpan.ts, utils/sanitizeOverFlowingChildren.ts) so tests can check
 * what Jaeger will paint as critical on a tooltrace trace. Times are integer microseconds, as in
 * Jaeger's data model; children are ordered by start time (a stable sort over the input order),
 * as Jaeger's trace transform orders them.
 */

/** A span as the algorithm sees it. */
export interface CriticalPathInputSpan {
  spanId: string;
  parentSpanId: string | undefined;
  kind: SpanKind;
  startTime: number;
  endTime: number;
}

/** One critical section: `[sectionStart, sectionEnd]` of `spanId`'s own time is on the critical path. */
export interface CriticalPathSection {
  spanId: string;
  sectionStart: number;
  sectionEnd: number;
}

interface CPSpan {
  spanId: string;
  parentSpanId: string | undefined;
  startTime: number;
  endTime: number;
  childSpanIds: string[];
}

/** Jaeger's sections for a trace, last first (the order Jaeger computes them in). */
export function jaegerCriticalPath(spans: readonly CriticalPathInputSpan[]): CriticalPathSection[] {
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const children = new Map<string, CriticalPathInputSpan[]>();
  const roots: CriticalPathInputSpan[] = [];
  for (const span of spans) {
    const parent = span.parentSpanId === undefined ? undefined : byId.get(span.parentSpanId);
    if (!parent) roots.push(span);
    else children.set(parent.spanId, [...(children.get(parent.spanId) ?? []), span]);
  }
  for (const list of children.values()) list.sort((a, b) => a.startTime - b.startTime);
  roots.sort((a, b) => a.startTime - b.startTime);
  let sections: CriticalPathSection[] = [];
  for (const root of roots) {
    const spanMap = sanitizeOverflowingChildren(createCPSpanMap(root, children));
    sections = computeCriticalPath(spanMap, root.spanId, sections);
  }
  return sections;
}

/** Jaeger's input from SDK spans: microseconds truncated from the nanosecond times, as Jaeger stores them. */
export function fromReadableSpans(spans: readonly ReadableSpan[]): CriticalPathInputSpan[] {
  const micros = (time: readonly [number, number]): number => time[0] * 1_000_000 + Math.floor(time[1] / 1000);
  return spans.map((span) => ({
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    kind: span.kind,
    startTime: micros(span.startTime),
    endTime: micros(span.endTime),
  }));
}

// cpspan.ts: a child is non-blocking only in a producer → consumer relationship.
function isBlocking(childKind: SpanKind, parentKind: SpanKind | undefined): boolean {
  return !(parentKind === SpanKind.PRODUCER && childKind === SpanKind.CONSUMER);
}

function createCPSpanMap(root: CriticalPathInputSpan, children: ReadonlyMap<string, CriticalPathInputSpan[]>): Map<string, CPSpan> {
  const spanMap = new Map<string, CPSpan>();
  const traverse = (span: CriticalPathInputSpan): void => {
    const cpSpan: CPSpan = {
      spanId: span.spanId,
      parentSpanId: span.parentSpanId,
      startTime: span.startTime,
      endTime: span.endTime,
      childSpanIds: [],
    };
    spanMap.set(span.spanId, cpSpan);
    for (const child of children.get(span.spanId) ?? []) {
      if (!isBlocking(child.kind, span.kind)) continue;
      cpSpan.childSpanIds.push(child.spanId);
      traverse(child);
    }
  };
  traverse(root);
  return spanMap;
}

// sanitizeOverFlowingChildren.ts: children are clipped to their parent's range, or dropped outside it.
function sanitizeOverflowingChildren(spanMap: Map<string, CPSpan>): Map<string, CPSpan> {
  for (const spanId of [...spanMap.keys()]) {
    const span = spanMap.get(spanId) as CPSpan;
    if (!span.parentSpanId) continue;
    const parent = spanMap.get(span.parentSpanId);
    if (!parent) {
      spanMap.delete(span.spanId);
      continue;
    }
    const drop = (): void => {
      spanMap.delete(span.spanId);
      parent.childSpanIds = parent.childSpanIds.filter((id) => id !== span.spanId);
    };
    if (span.startTime >= parent.startTime) {
      if (span.startTime >= parent.endTime) drop();
      else if (span.endTime > parent.endTime) spanMap.set(span.spanId, { ...span, endTime: parent.endTime });
      continue;
    }
    if (span.endTime <= parent.startTime) drop();
    else if (span.endTime <= parent.endTime) spanMap.set(span.spanId, { ...span, startTime: parent.startTime });
    else spanMap.set(span.spanId, { ...span, startTime: parent.startTime, endTime: parent.endTime });
  }
  return spanMap;
}

// findLastFinishingChildSpan.ts: the child that finished last (strictly before `returningChildStartTime` when given).
function findLastFinishingChild(spanMap: Map<string, CPSpan>, span: CPSpan, returningChildStartTime?: number): CPSpan | undefined {
  let last: CPSpan | undefined;
  let maxEndTime = -1;
  for (const childId of span.childSpanIds) {
    const child = spanMap.get(childId);
    if (!child) continue;
    if (returningChildStartTime && child.endTime >= returningChildStartTime) continue;
    if (child.endTime > maxEndTime) {
      maxEndTime = child.endTime;
      last = child;
    }
  }
  return last;
}

// index.ts: from the last-finishing child, recurse; on return, take the child that finished last before.
function computeCriticalPath(
  spanMap: Map<string, CPSpan>,
  spanId: string,
  criticalPath: CriticalPathSection[],
  returningChildStartTime?: number,
): CriticalPathSection[] {
  // Jaeger recurses; a loop with the same transitions keeps long chains off the stack.
  let current = spanMap.get(spanId);
  let returning = returningChildStartTime;
  while (current) {
    const lastChild = findLastFinishingChild(spanMap, current, returning);
    const sectionEnd = returning || current.endTime;
    const sectionStart = lastChild ? lastChild.endTime : current.startTime;
    if (sectionStart !== sectionEnd) criticalPath.push({ spanId: current.spanId, sectionStart, sectionEnd });
    if (lastChild) {
      current = lastChild;
      returning = undefined;
    } else {
      returning = current.startTime;
      current = current.parentSpanId ? spanMap.get(current.parentSpanId) : undefined;
    }
  }
  return criticalPath;
}
