import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTraceDocument, loadTraceFiles, TraceDecodeError, traceToOtlpJson } from '../../src/index.js';
import { recordIncidentRun } from '../support/incident-run.js';

function otlpJson(spans: ReadableSpan[]): string {
  return new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans));
}

describe('decodeTraceDocument', () => {
  let spans: ReadableSpan[];
  beforeAll(async () => {
    ({ spans } = await recordIncidentRun());
  });

  it('recognizes OTLP/JSON, an array of OTLP/JSON requests, and JSONL with one request per line', () => {
    const half = Math.floor(spans.length / 2);
    const single = decodeTraceDocument(otlpJson(spans));
    const array = decodeTraceDocument(`[${otlpJson(spans.slice(0, half))},${otlpJson(spans.slice(half))}]`);
    const jsonl = decodeTraceDocument(`${otlpJson(spans.slice(0, half))}\n\n${otlpJson(spans.slice(half))}\n`);
    expect(single.format).toBe('otlp-json');
    expect(array.format).toBe('otlp-json');
    expect(jsonl.format).toBe('otlp-jsonl');
    for (const decoded of [single, array, jsonl]) {
      expect(decoded.spans.map((span) => span.spanId).sort()).toEqual(spans.map((span) => span.spanContext().spanId).sort());
    }
  });

  it('reads protobuf when the file name says so', () => {
    const bytes = ProtobufTraceSerializer.serializeRequest(spans);
    if (bytes === undefined) throw new Error('no bytes');
    const decoded = decodeTraceDocument(bytes, 'run.binpb');
    expect(decoded.format).toBe('otlp-protobuf');
    expect(decoded.spans).toHaveLength(spans.length);
  });

  it('names the JSONL line that is broken', () => {
    const text = `${otlpJson(spans)}\n{"resourceSpans": [}\n`;
    expect(() => decodeTraceDocument(text)).toThrow(expect.objectContaining({ path: 'line 2', format: 'otlp-jsonl' }));
    const wrongShape = `${otlpJson(spans)}\n{"resourceSpans": 3}\n`;
    expect(() => decodeTraceDocument(wrongShape)).toThrow(/line 2: .*resourceSpans: expected an array/);
  });

  it('prefixes rejected spans of a JSONL line with the line number', () => {
    const bad = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'nope' }] }] }] });
    const decoded = decodeTraceDocument(`${otlpJson(spans)}\n${bad}`);
    expect(decoded.rejected).toEqual([{ path: 'line 2: resourceSpans[0].scopeSpans[0].spans[0]', reason: expect.any(String) }]);
  });

  it.each([
    ['', /empty/],
    ['not json', /not valid JSON/],
    ['{"hello": "world"}', /not a trace document/],
  ])('throws TraceDecodeError for %j', (text, message) => {
    expect(() => decodeTraceDocument(text)).toThrow(TraceDecodeError);
    expect(() => decodeTraceDocument(text)).toThrow(message);
  });
});

describe('loadTraceFiles', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'inspector-load-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('merges spans of one trace spread over several files into one trace', async () => {
    const { spans } = await recordIncidentRun();
    const first = join(directory, 'first.json');
    const second = join(directory, 'second.jsonl');
    const half = Math.floor(spans.length / 2);
    await writeFile(first, otlpJson(spans.slice(0, half)));
    await writeFile(second, `${otlpJson(spans.slice(half))}\n`);
    const { traces, rejected } = await loadTraceFiles([first, second]);
    expect(rejected).toEqual([]);
    expect(traces).toHaveLength(1);
    expect(traces[0]?.spans).toHaveLength(spans.length);
    expect(traces[0]?.spans[0]?.name).toBe('pipeline incident');
    const exported = join(directory, 'exported.json');
    await writeFile(exported, JSON.stringify(traceToOtlpJson(traces[0] ?? { traceId: '', spans: [] })));
    expect((await loadTraceFiles([exported])).traces).toEqual(traces);
  });

  it('names the file that cannot be read as traces', async () => {
    const broken = join(directory, 'broken.json');
    await writeFile(broken, '{"data": 42}');
    await expect(loadTraceFiles([broken])).rejects.toThrow(`cannot read ${broken}`);
  });
});
