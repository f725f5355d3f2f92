import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTracing, type Tracing } from '@tooltrace/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeOtlpTraceRequest, type PortableSpan, portableSpan } from '../../packages/node/test/helpers/decode-otlp.js';
import { type OtlpReceiver, startOtlpReceiver } from '../../packages/node/test/helpers/otlp-receiver.js';
import { runIncident } from './helpers/incident-run.js';

// One provider, two ways out: an in-memory capture and the real OTLP/HTTP (JSON) exporter sending
// to a local receiver. What the receiver decodes must be exactly what was captured.
const memory = new InMemorySpanExporter();
let receiver: OtlpReceiver;
let tracing: Tracing;
let captured: PortableSpan[];
let received: PortableSpan[];

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  tracing = startTracing({
    serviceName: 'roundtrip',
    endpoint: receiver.url,
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  await runIncident();
  await tracing.forceFlush();
  captured = sortById(memory.getFinishedSpans().map(portableSpan));
  received = sortById(
    receiver.requests.filter((request) => request.path === '/v1/traces').flatMap((request) => decodeOtlpTraceRequest(request.body)),
  );
});

afterAll(async () => {
  await tracing.shutdown();
  await receiver.close();
});

describe('OTLP/HTTP round trip', () => {
  it('sends JSON to /v1/traces (and, with metrics on by default, to /v1/metrics beside it)', () => {
    const paths = new Set(receiver.requests.map((request) => request.path));
    expect(paths.has('/v1/traces')).toBe(true);
    expect([...paths].every((path) => path === '/v1/traces' || path === '/v1/metrics')).toBe(true);
    for (const request of receiver.requests) expect(request.headers['content-type']).toBe('application/json');
  });

  it('decodes to exactly the spans captured in memory: ids, parents, kinds, times, attributes, events, links, status', () => {
    expect(captured.length).toBe(11);
    expect(received).toStrictEqual(captured);
  });

  it('keeps the tree', () => {
    expect(treeOf(received)).toEqual(treeOf(captured));
    expect(treeOf(received)).toEqual([
      {
        name: 'pipeline incident',
        children: [
          {
            name: 'stage execute',
            children: [
              {
                name: 'orchestrate dag',
                children: [
                  { name: 'group 0', children: [{ name: 'execute_tool ci_lookup', children: [] }] },
                  {
                    name: 'group 1',
                    children: [
                      { name: 'execute_tool event_search', children: [] },
                      { name: 'execute_tool metrics_query', children: [] },
                    ],
                  },
                  { name: 'group 2', children: [{ name: 'execute_tool report_compose', children: [] }] },
                ],
              },
            ],
          },
          { name: 'stage summarize', children: [] },
        ],
      },
    ]);
  });

  it('keeps arrays as arrays, links with their attributes, events and error status', () => {
    const byName = (name: string): PortableSpan | undefined => received.find((span) => span.name === name);
    const report = byName('execute_tool report_compose');
    const metrics = byName('execute_tool metrics_query');
    const events = byName('execute_tool event_search');
    const orchestrate = byName('orchestrate dag');

    expect(received.every((span) => span.kind === SpanKind.INTERNAL)).toBe(true);
    expect(report?.attributes['tooltrace.depends_on']).toEqual(['metrics', 'events']);
    expect(report?.attributes).toMatchObject({ 'tooltrace.step.status': 'skipped', 'tooltrace.skip_reason': 'dependency_failed' });
    expect(orchestrate?.attributes['tooltrace.plan.step_ids']).toEqual(['primary', 'metrics', 'events', 'report']);
    expect(byName('group 1')?.attributes['tooltrace.group.step_ids']).toEqual(['metrics', 'events']);

    expect(report?.links).toEqual([
      {
        traceId: metrics?.traceId,
        spanId: metrics?.spanId,
        attributes: { 'tooltrace.link.kind': 'depends_on', 'tooltrace.step.id': 'metrics' },
      },
      {
        traceId: events?.traceId,
        spanId: events?.spanId,
        attributes: { 'tooltrace.link.kind': 'depends_on', 'tooltrace.step.id': 'events' },
      },
    ]);

    expect(metrics?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'metrics backend has no series for ci-web-01' });
    expect(metrics?.events.map((event) => event.name)).toContain('exception');
    expect(metrics?.attributes['error.type']).toBe('TypeError');
    expect(events?.events).toEqual([
      expect.objectContaining({
        name: 'events.cache_miss',
        attributes: { 'events.ci_id': 'ci-web-01', 'events.sources': ['syslog', 'deploys'], 'events.count': 2 },
      }),
    ]);
    const plan = orchestrate?.events.find((event) => event.name === 'tooltrace.execution_plan');
    expect(JSON.parse(String(plan?.attributes['tooltrace.execution_plan']))).toMatchObject({ totalSteps: 4, totalGroups: 3 });
    expect(received[0]?.resource['service.name']).toBe('roundtrip');
  });
});

function sortById(spans: PortableSpan[]): PortableSpan[] {
  return [...spans].sort((a, b) => a.spanId.localeCompare(b.spanId));
}

interface NameTree {
  name: string;
  children: NameTree[];
}

/** Parent/child structure by span name, siblings sorted by name. */
function treeOf(spans: PortableSpan[]): NameTree[] {
  const ids = new Set(spans.map((span) => span.spanId));
  const build = (parentId: string | undefined): NameTree[] =>
    spans
      .filter((span) =>
        parentId === undefined ? span.parentSpanId === undefined || !ids.has(span.parentSpanId) : span.parentSpanId === parentId,
      )
      .map((span) => ({ name: span.name, children: build(span.spanId) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  return build(undefined);
}
