import { describe, expect, it } from 'vitest';
import { buildTrace, decodeOtlpJson, decodeOtlpProtobuf, decodeTraceDocument, traceToOtlpJson } from '../../src/index.js';
import { ExportTraceServiceRequestType } from '../../src/otlp/proto-schema.js';

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';
const ABSENT_PARENT = 'aaaaaaaaaaaaaaaa';

function otlpRequest(intValue: unknown, scopeAttributes: unknown[] = []) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [] },
        scopeSpans: [
          {
            scope: { name: 'lib', version: '1.0.0', attributes: scopeAttributes },
            spans: [
              {
                traceId: TRACE_ID,
                spanId: SPAN_ID,
                parentSpanId: ABSENT_PARENT,
                name: 'op',
                startTimeUnixNano: '1700000000000000000',
                endTimeUnixNano: '1700000001000000000',
                attributes: [{ key: 'big', value: { intValue } }],
              },
            ],
          },
        ],
      },
    ],
  };
}

describe('64-bit integers: exact, and one representation', () => {
  const twoTo60 = '1152921504606846976';

  it('an int beyond 2^53 decodes to the same exact decimal string from JSON strings, JSON numbers and protobuf', () => {
    const fromJsonString = decodeOtlpJson(otlpRequest(twoTo60)).spans[0]?.attributes.big;
    const fromJsonNumber = decodeOtlpJson(JSON.parse(JSON.stringify(otlpRequest(0)).replace('"intValue":0', `"intValue":${twoTo60}`)))
      .spans[0]?.attributes.big;
    const message = ExportTraceServiceRequestType.fromObject({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: Buffer.from(TRACE_ID, 'hex'),
                  spanId: Buffer.from(SPAN_ID, 'hex'),
                  name: 'op',
                  startTimeUnixNano: '1700000000000000000',
                  endTimeUnixNano: '1700000001000000000',
                  attributes: [{ key: 'big', value: { intValue: twoTo60 } }],
                },
              ],
            },
          ],
        },
      ],
    });
    const fromProtobuf = decodeOtlpProtobuf(ExportTraceServiceRequestType.encode(message).finish()).spans[0]?.attributes.big;
    expect([fromJsonString, fromJsonNumber, fromProtobuf]).toEqual([twoTo60, twoTo60, twoTo60]);
  });

  it('a number literal beyond 2^53 in an OTLP/JSON file is read exactly, not rounded by JSON.parse', () => {
    const text = JSON.stringify(otlpRequest(0)).replace('"intValue":0', '"intValue":9223372036854775222');
    expect(decodeTraceDocument(text).spans[0]?.attributes.big).toBe('9223372036854775222');
  });

  it('a Jaeger int64 tag above 2^53 is kept exact and not exported as a double', () => {
    const text = `{"data":[{"traceID":"${TRACE_ID}","spans":[{"traceID":"${TRACE_ID}","spanID":"${SPAN_ID}","operationName":"op","startTime":1700000000000000,"duration":10,"processID":"p1","tags":[{"key":"big","type":"int64","value":9223372036854775222},{"key":"small","type":"int64","value":42}]}],"processes":{"p1":{"serviceName":"svc"}}}]}`;
    const [span] = decodeTraceDocument(text).spans;
    expect(span?.attributes).toMatchObject({ big: '9223372036854775222', small: 42 });
    const exported = JSON.stringify(traceToOtlpJson(buildTrace(TRACE_ID, span ? [span] : [])));
    expect(exported).not.toContain('doubleValue');
    expect(exported).toContain('9223372036854775222');
  });
});

describe('export gives back what it read', () => {
  it('keeps instrumentation-scope attributes', () => {
    const scopeAttributes = [{ key: 'scope.kind', value: { stringValue: 'library' } }];
    const [span] = decodeOtlpJson(otlpRequest('1', scopeAttributes)).spans;
    expect(span?.scope).toEqual({ name: 'lib', version: '1.0.0', attributes: { 'scope.kind': 'library' } });
    const exported = traceToOtlpJson(buildTrace(TRACE_ID, span ? [span] : []));
    expect(exported.resourceSpans[0]?.scopeSpans[0]?.scope).toEqual({ name: 'lib', version: '1.0.0', attributes: scopeAttributes });
  });

  it('keeps the id of a parent that is not in the file, while views treat the span as a root', () => {
    const [span] = decodeOtlpJson(otlpRequest('1')).spans;
    const trace = buildTrace(TRACE_ID, span ? [span] : []);
    expect(trace.spans[0]?.parentSpanId).toBeNull();
    expect(trace.spans[0]?.missingParentSpanId).toBe(ABSENT_PARENT);
    expect(traceToOtlpJson(trace).resourceSpans[0]?.scopeSpans[0]?.spans[0]?.parentSpanId).toBe(ABSENT_PARENT);
  });
});
