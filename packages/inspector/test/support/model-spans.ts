import type { InspectorSpan } from '../../src/index.js';

/** A trace id made from a small number, for readable tests. */
export function traceIdOf(n: number): string {
  return n.toString(16).padStart(32, 'a');
}

/** A span id made from a small number. */
export function spanIdOf(n: number): string {
  return n.toString(16).padStart(16, 'b');
}

/** A model span with defaults; times in ms. */
export function modelSpan(overrides: Partial<InspectorSpan> & { traceId: string; spanId: string }): InspectorSpan {
  const startMs = overrides.startMs ?? 1000;
  const endMs = overrides.endMs ?? startMs + 10;
  return {
    parentSpanId: null,
    name: 'op',
    kind: 'INTERNAL',
    durationMs: endMs - startMs,
    status: { code: 'UNSET' },
    attributes: {},
    events: [],
    links: [],
    resource: { 'service.name': 'svc' },
    scope: { name: 'test' },
    ...overrides,
    startMs,
    endMs,
  };
}
