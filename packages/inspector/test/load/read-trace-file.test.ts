import { describe, expect, it } from 'vitest';
import { TraceDecodeError } from '../../src/load/errors.js';
import { readTraceFile } from '../../src/load/read-trace-file.js';
import type { InspectorTrace } from '../../src/model/types.js';
import { traceToOtlpJson } from '../../src/otlp/encode-json.js';
import { demoFixture } from '../web/fixtures.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const exported = (trace: InspectorTrace): string => JSON.stringify(traceToOtlpJson(trace));

/** The demo fixture under another trace id, `shiftMs` later. */
function another(traceId: string, shiftMs: number): InspectorTrace {
  const trace = demoFixture();
  return {
    traceId,
    spans: trace.spans.map((span) => ({ ...span, traceId, startMs: span.startMs + shiftMs, endMs: span.endMs + shiftMs })),
  };
}

describe('readTraceFile', () => {
  it('reads what `export` writes (OTLP/JSON) into the same trace', () => {
    const trace = demoFixture();
    const file = readTraceFile('run.json', bytes(exported(trace)));
    expect(file).toMatchObject({ name: 'run.json', format: 'otlp-json', rejected: [] });
    expect(file.traces).toHaveLength(1);
    expect(file.traces[0]?.traceId).toBe(trace.traceId);
    expect(file.traces[0]?.spans.map((span) => span.spanId)).toEqual(trace.spans.map((span) => span.spanId));
  });

  it('reads JSONL of OTLP/JSON requests and Jaeger JSON', () => {
    const later = another('b'.repeat(32), 60_000);
    const jsonl = readTraceFile('collector.jsonl', bytes(`${exported(demoFixture())}\n${exported(later)}\n`));
    expect(jsonl.format).toBe('otlp-jsonl');
    expect(jsonl.traces.map((trace) => trace.traceId)).toEqual([demoFixture().traceId, later.traceId]);
    const jaeger = {
      data: [
        {
          traceID: 'c'.repeat(32),
          spans: [
            {
              traceID: 'c'.repeat(32),
              spanID: '1'.repeat(16),
              operationName: 'GET /cart',
              references: [],
              startTime: 1_700_000_000_000_000,
              duration: 1500,
              tags: [],
              logs: [],
              processID: 'p1',
            },
          ],
          processes: { p1: { serviceName: 'checkout', tags: [] } },
        },
      ],
    };
    const file = readTraceFile('jaeger.json', bytes(JSON.stringify(jaeger)));
    expect(file.format).toBe('jaeger-json');
    expect(file.traces.map((trace) => trace.traceId)).toEqual(['c'.repeat(32)]);
  });

  it('keeps every trace of a file with several, oldest first, for the user to choose', () => {
    const first = another('a'.repeat(32), 0);
    const second = another('b'.repeat(32), 60_000);
    const file = readTraceFile('both.json', bytes(JSON.stringify([traceToOtlpJson(second), traceToOtlpJson(first)])));
    expect(file.traces.map((trace) => trace.traceId)).toEqual(['a'.repeat(32), 'b'.repeat(32)]);
  });

  it('refuses a file that is not a trace, naming the file and what it expected', () => {
    const read = (name: string, text: string) => () => readTraceFile(name, bytes(text));
    expect(read('notes.txt', 'hello')).toThrow(TraceDecodeError);
    expect(read('notes.txt', 'hello')).toThrow(/^notes\.txt is not a trace file: not valid JSON/);
    expect(read('package.json', '{"name":"x"}')).toThrow(
      /^package\.json is not a trace file: not a trace document: expected OTLP\/JSON .*Jaeger JSON/,
    );
    expect(read('empty.json', '  ')).toThrow('empty.json is not a trace file: the document is empty');
  });

  it('refuses protobuf and other binary files, saying how to convert them', () => {
    expect(() => readTraceFile('run.binpb', bytes('not really protobuf'))).toThrow(
      /^run\.binpb is binary \(OTLP protobuf\?\): this page reads OTLP\/JSON, JSONL and Jaeger JSON\. Convert it with `tooltrace-inspector export run\.binpb -o run\.json`/,
    );
    expect(() => readTraceFile('run.json', new Uint8Array([0x0a, 0xff, 0xfe, 0x00]))).toThrow(/^run\.json is binary/);
  });

  it('says why a file holds no trace: no spans, or every span rejected', () => {
    expect(() => readTraceFile('none.json', bytes('{"resourceSpans":[]}'))).toThrow('none.json holds no trace: it has no spans');
    const [span] = traceToOtlpJson(demoFixture()).resourceSpans[0]?.scopeSpans[0]?.spans ?? [];
    const bad = {
      resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 's' }, spans: [{ ...span, traceId: 'xyz' }] }] }],
    };
    expect(() => readTraceFile('bad.json', bytes(JSON.stringify(bad)))).toThrow(
      /^bad\.json holds no trace: 1 span rejected, the first: resourceSpans\[0\]/,
    );
  });
});
