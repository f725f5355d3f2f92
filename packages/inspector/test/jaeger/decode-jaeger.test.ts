import { describe, expect, it } from 'vitest';
import { decodeJaegerJson, groupIntoTraces, TraceDecodeError } from '../../src/index.js';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const PLAN_JSON = '{"strategy":"dag","stepIds":["primary","events"]}';

/** What Jaeger's `GET /api/traces/{id}` returns for spans it received over OTLP. */
function jaegerResponse(): unknown {
  const tag = (key: string, type: string, value: unknown) => ({ key, type, value });
  const scopeTags = [tag('otel.scope.name', 'string', '@tooltrace/core'), tag('otel.scope.version', 'string', '0.1.0')];
  return {
    data: [
      {
        traceID: TRACE_ID,
        spans: [
          {
            traceID: TRACE_ID,
            spanID: 'b7ad6b7169203331',
            operationName: 'execute_tool event_search',
            references: [
              { refType: 'CHILD_OF', traceID: TRACE_ID, spanID: '00f067aa0ba902b7' },
              { refType: 'FOLLOWS_FROM', traceID: TRACE_ID, spanID: '53995c3f42cd8ad8' },
            ],
            startTime: 1_700_000_000_002_000,
            duration: 1500,
            tags: [
              ...scopeTags,
              tag('span.kind', 'string', 'internal'),
              tag('tooltrace.step.id', 'string', 'events'),
              tag('tooltrace.group_index', 'int64', 1),
              tag('tooltrace.depends_on', 'string', '["primary"]'),
              tag('gen_ai.tool.call.result', 'string', '["kept","as","text"]'),
              tag('tooltrace.step.queued_ms', 'float64', 0.25),
              tag('otel.status_code', 'string', 'ERROR'),
              tag('otel.status_description', 'string', 'backend down'),
              tag('error', 'bool', true),
              tag('internal.span.format', 'string', 'otlp'),
            ],
            logs: [
              {
                timestamp: 1_700_000_000_003_000,
                fields: [tag('event', 'string', 'exception'), tag('exception.type', 'string', 'TypeError')],
              },
            ],
            processID: 'p1',
            warnings: null,
          },
          {
            traceID: TRACE_ID,
            spanID: '00f067aa0ba902b7',
            operationName: 'orchestrate dag',
            references: [],
            startTime: 1_700_000_000_000_000,
            duration: 5000,
            tags: [
              ...scopeTags,
              tag('tooltrace.strategy', 'string', 'dag'),
              tag('tooltrace.plan.step_ids', 'string', '["primary","events"]'),
              tag('tooltrace.execution_plan', 'string', '["not","an","array","here"]'),
              tag('mixed', 'string', '["a",1]'),
              tag('not.json', 'string', '[primary'),
            ],
            logs: [{ timestamp: 1_700_000_000_000_000, fields: [tag('tooltrace.execution_plan', 'string', PLAN_JSON)] }],
            processID: 'p1',
          },
        ],
        processes: {
          p1: { serviceName: 'incident-demo', tags: [tag('telemetry.sdk.language', 'string', 'nodejs')] },
        },
        warnings: null,
      },
    ],
    total: 0,
    limit: 0,
    offset: 0,
    errors: null,
  };
}

describe('decodeJaegerJson', () => {
  const { spans, rejected } = decodeJaegerJson(jaegerResponse());
  const step = spans.find((span) => span.spanId === 'b7ad6b7169203331');
  const orchestrate = spans.find((span) => span.spanId === '00f067aa0ba902b7');

  it('maps CHILD_OF to the parent and FOLLOWS_FROM to links (Jaeger keeps no link attributes)', () => {
    expect(rejected).toEqual([]);
    expect(step?.parentSpanId).toBe('00f067aa0ba902b7');
    expect(step?.links).toEqual([{ traceId: TRACE_ID, spanId: '53995c3f42cd8ad8', attributes: {} }]);
    expect(orchestrate?.parentSpanId).toBeNull();
  });

  it('converts microseconds to milliseconds', () => {
    expect(step).toMatchObject({ startMs: 1_700_000_000_002, endMs: 1_700_000_000_003.5, durationMs: 1.5 });
  });

  it('turns span.kind, otel.status_*, error and otel.scope.* tags back into kind, status and scope', () => {
    expect(step).toMatchObject({
      kind: 'INTERNAL',
      status: { code: 'ERROR', message: 'backend down' },
      scope: { name: '@tooltrace/core', version: '0.1.0' },
    });
    for (const key of ['span.kind', 'otel.status_code', 'otel.status_description', 'error', 'otel.scope.name', 'internal.span.format']) {
      expect(step?.attributes).not.toHaveProperty(key);
    }
  });

  it('reads JSON-array string tags back as arrays, but not contract JSON keys, mixed or broken arrays', () => {
    expect(step?.attributes).toEqual({
      'tooltrace.step.id': 'events',
      'tooltrace.group_index': 1,
      'tooltrace.depends_on': ['primary'],
      'gen_ai.tool.call.result': '["kept","as","text"]',
      'tooltrace.step.queued_ms': 0.25,
    });
    expect(orchestrate?.attributes).toMatchObject({
      'tooltrace.plan.step_ids': ['primary', 'events'],
      'tooltrace.execution_plan': '["not","an","array","here"]',
      mixed: '["a",1]',
      'not.json': '[primary',
    });
  });

  it('turns logs into events named by their "event" field, and the process into the resource', () => {
    expect(step?.events).toEqual([{ name: 'exception', timeMs: 1_700_000_000_003, attributes: { 'exception.type': 'TypeError' } }]);
    expect(orchestrate?.events[0]).toEqual({
      name: 'log',
      timeMs: 1_700_000_000_000,
      attributes: { 'tooltrace.execution_plan': PLAN_JSON },
    });
    expect(step?.resource).toEqual({ 'service.name': 'incident-demo', 'telemetry.sdk.language': 'nodejs' });
  });

  it('builds a trace with the parent first', () => {
    const [trace] = groupIntoTraces(spans);
    expect(trace?.spans.map((span) => span.name)).toEqual(['orchestrate dag', 'execute_tool event_search']);
  });

  it('pads 64-bit trace ids to 32 hex chars and accepts a bare trace object', () => {
    const decoded = decodeJaegerJson({
      traceID: 'd269b633813fc60c',
      spans: [{ traceID: 'd269b633813fc60c', spanID: '1', operationName: 'op', startTime: 1, duration: 0, processID: 'x' }],
      processes: {},
    });
    expect(decoded.spans[0]).toMatchObject({ traceId: '0000000000000000d269b633813fc60c', spanId: '0000000000000001', resource: {} });
  });

  it('rejects spans without a valid id or start time, and throws on a document that is not Jaeger JSON', () => {
    const decoded = decodeJaegerJson({
      data: [
        {
          traceID: TRACE_ID,
          spans: [
            { traceID: TRACE_ID, spanID: 'xyz', startTime: 1 },
            { traceID: TRACE_ID, spanID: '1' },
          ],
        },
      ],
    });
    expect(decoded.rejected).toEqual([
      { path: 'data[0].spans[0]', reason: expect.stringContaining('spanID "xyz"') },
      { path: 'data[0].spans[1]', reason: expect.stringContaining('startTime') },
    ]);
    expect(() => decodeJaegerJson({ resourceSpans: [] })).toThrow(TraceDecodeError);
  });
});
