import type { Attributes, AttributeValue, Context } from '@opentelemetry/api';
import { BasicTracerProvider, type ReadableSpan, type Span, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import * as tt from '@tooltrace/core';

/**
 * Span shapes, to check that the engine and the hand-written runner emit the same trace before
 * their costs are compared: names, kinds, parents, attribute keys and types, events (and their
 * attributes), links (target and attributes) and statuses. Values that depend on timing (times,
 * execution order, ids) are not compared; everything the contract fixes is.
 */

/** Collects every started and ended span of one provider. */
export class CollectingProcessor implements SpanProcessor {
  readonly ended: ReadableSpan[] = [];
  started = 0;
  onStart(_span: Span, _parent: Context): void {
    this.started++;
  }
  onEnd(span: ReadableSpan): void {
    this.ended.push(span);
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** A provider whose spans are kept for shape checks (never used for timing). */
export function collectingProvider(): { provider: BasicTracerProvider; processor: CollectingProcessor } {
  const processor = new CollectingProcessor();
  return { provider: new BasicTracerProvider({ spanProcessors: [processor] }), processor };
}

function typeOf(value: AttributeValue | undefined): string {
  if (Array.isArray(value)) return `${typeOf(value.find((item) => item !== null && item !== undefined) ?? undefined) || 'empty'}[]`;
  // int and double are one JavaScript type: a double that happens to be whole must not fail the check.
  if (typeof value === 'number') return 'number';
  return typeof value;
}

function attributeShape(attributes: Attributes | undefined): string[] {
  return Object.entries(attributes ?? {})
    .map(([key, value]) => `${key}:${typeOf(value)}`)
    .sort();
}

/** What identifies a span across two runs of the same plan: its name and step id or group index. */
function identity(span: ReadableSpan | undefined): string {
  if (!span) return '(root)';
  const stepId = span.attributes[tt.ATTR_STEP_ID];
  if (stepId !== undefined) return `${span.name}[${String(stepId)}]`;
  return span.name;
}

/** One line per span, sorted: everything the contract fixes about it. */
export function spanShapes(spans: readonly ReadableSpan[]): string[] {
  const bySpanId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
  return spans
    .map((span) =>
      JSON.stringify({
        span: identity(span),
        kind: span.kind,
        parent: identity(bySpanId.get(span.parentSpanContext?.spanId ?? '')),
        attributes: attributeShape(span.attributes),
        events: span.events.map((event) => ({ name: event.name, attributes: attributeShape(event.attributes) })),
        links: span.links.map((link) => ({
          to: identity(bySpanId.get(link.context.spanId)),
          attributes: attributeShape(link.attributes),
        })),
        status: span.status.code,
        ended: span.ended,
      }),
    )
    .sort();
}

/** Differences between two shape lists (empty when identical), at most `limit` lines. */
export function shapeDifferences(engine: readonly string[], baseline: readonly string[], limit = 6): string[] {
  const differences: string[] = [];
  if (engine.length !== baseline.length) differences.push(`span count: engine ${engine.length}, hand-written ${baseline.length}`);
  const baselineSet = new Set(baseline);
  const engineSet = new Set(engine);
  for (const line of engine) if (!baselineSet.has(line)) differences.push(`only the engine:       ${line}`);
  for (const line of baseline) if (!engineSet.has(line)) differences.push(`only the hand-written: ${line}`);
  return differences.slice(0, limit);
}
