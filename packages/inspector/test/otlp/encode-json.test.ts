import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { describe, expect, it } from 'vitest';
import { decodeOtlpJson, groupIntoTraces, type InspectorTrace, traceToOtlpJson } from '../../src/index.js';
import { recordIncidentRun } from '../support/incident-run.js';

async function incidentTrace(): Promise<InspectorTrace> {
  const { spans } = await recordIncidentRun();
  const request = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)));
  const [trace] = groupIntoTraces(decodeOtlpJson(request).spans);
  if (trace === undefined) throw new Error('no trace recorded');
  return trace;
}

describe('traceToOtlpJson', () => {
  it('round-trips a real run: decoding the export gives back the same trace', async () => {
    const trace = await incidentTrace();
    const exported = JSON.parse(JSON.stringify(traceToOtlpJson(trace)));
    const [again] = groupIntoTraces(decodeOtlpJson(exported).spans);
    expect(again).toEqual(trace);
  });

  it('writes spec OTLP/JSON: hex ids, string nanos, int enums, string intValue, grouped by resource and scope', async () => {
    const trace = await incidentTrace();
    const exported = traceToOtlpJson(trace);
    expect(exported.resourceSpans).toHaveLength(1);
    expect(exported.resourceSpans[0]?.scopeSpans).toHaveLength(1);
    const spans = exported.resourceSpans[0]?.scopeSpans[0]?.spans ?? [];
    expect(spans).toHaveLength(trace.spans.length);
    const orchestrate = spans.find((span) => span.name === 'orchestrate dag');
    expect(orchestrate).toMatchObject({
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
      spanId: expect.stringMatching(/^[0-9a-f]{16}$/),
      parentSpanId: expect.stringMatching(/^[0-9a-f]{16}$/),
      kind: 1,
      startTimeUnixNano: expect.stringMatching(/^\d{16}000$/),
      status: { code: 2, message: '1 of 4 steps failed: events' },
    });
    expect(orchestrate?.attributes).toContainEqual({ key: 'tooltrace.plan.total_steps', value: { intValue: '4' } });
    const root = spans.find((span) => span.name === 'pipeline incident');
    expect(root).not.toHaveProperty('parentSpanId');
  });

  it('keeps spans of different resources apart', () => {
    const span = (spanId: string, service: string): InspectorTrace['spans'][number] => ({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId,
      parentSpanId: null,
      name: service,
      kind: 'SERVER',
      startMs: 1000.001,
      endMs: 1000.5,
      durationMs: 0.499,
      status: { code: 'UNSET' },
      attributes: { nested: { list: [1.5, 'x', true, null] } },
      events: [],
      links: [],
      resource: { 'service.name': service },
      scope: { name: 'http', version: '1.0.0' },
    });
    const trace = { traceId: '0af7651916cd43dd8448eb211c80319c', spans: [span('00f067aa0ba902b7', 'api'), span('00f067aa0ba902b8', 'db')] };
    const exported = traceToOtlpJson(trace);
    expect(exported.resourceSpans.map((entry) => entry.resource.attributes)).toEqual([
      [{ key: 'service.name', value: { stringValue: 'api' } }],
      [{ key: 'service.name', value: { stringValue: 'db' } }],
    ]);
    expect(groupIntoTraces(decodeOtlpJson(exported).spans)).toEqual([trace]);
  });
});
