import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { ATTR_DEPENDS_ON, ATTR_LINK_KIND, ATTR_STEP_ID, INSTRUMENTATION_SCOPE, LINK_KIND_DEPENDS_ON } from '@tooltrace/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeOtlpJson, TraceDecodeError } from '../../src/index.js';
import { recordIncidentRun } from '../support/incident-run.js';

const TRACE_HEX = '5b8efff798038103d269b633813fc60c';
const SPAN_HEX = 'eee19b7ec3c1b174';
const PARENT_HEX = 'eee19b7ec3c1b173';

function hrToMicros([seconds, nanos]: [number, number]): number {
  return Number((BigInt(seconds) * 1_000_000_000n + BigInt(nanos)) / 1000n);
}

function hrToMs(time: [number, number]): number {
  return hrToMicros(time) / 1000;
}

function request(span: Record<string, unknown>, resourceAttributes: unknown[] = []): unknown {
  return { resourceSpans: [{ resource: { attributes: resourceAttributes }, scopeSpans: [{ scope: { name: 's' }, spans: [span] }] }] };
}

function minimalSpan(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    traceId: TRACE_HEX,
    spanId: SPAN_HEX,
    name: 'op',
    kind: 1,
    startTimeUnixNano: '1700000000000000000',
    endTimeUnixNano: '1700000000250000000',
    ...overrides,
  };
}

describe('decodeOtlpJson with what the real OTel JSON serializer sends', () => {
  let sdkSpans: ReadableSpan[];
  let decoded: ReturnType<typeof decodeOtlpJson>;

  beforeAll(async () => {
    ({ spans: sdkSpans } = await recordIncidentRun());
    decoded = decodeOtlpJson(JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(sdkSpans))));
  });

  it('decodes every span with its ids, parent, name, kind, times and status', () => {
    expect(decoded.rejected).toEqual([]);
    expect(decoded.spans).toHaveLength(sdkSpans.length);
    for (const sdkSpan of sdkSpans) {
      const span = decoded.spans.find((candidate) => candidate.spanId === sdkSpan.spanContext().spanId);
      expect(span).toMatchObject({
        traceId: sdkSpan.spanContext().traceId,
        parentSpanId: sdkSpan.parentSpanContext?.spanId ?? null,
        name: sdkSpan.name,
        kind: 'INTERNAL',
        startMs: hrToMs(sdkSpan.startTime),
        endMs: hrToMs(sdkSpan.endTime),
        status: { code: (['UNSET', 'OK', 'ERROR'] as const)[sdkSpan.status.code] },
        resource: { 'service.name': 'incident-demo' },
        scope: { name: INSTRUMENTATION_SCOPE },
      });
      expect(span?.durationMs).toBe((hrToMicros(sdkSpan.endTime) - hrToMicros(sdkSpan.startTime)) / 1000);
    }
  });

  it('keeps attribute types: strings, ints, doubles, booleans and string arrays', () => {
    for (const sdkSpan of sdkSpans) {
      const span = decoded.spans.find((candidate) => candidate.spanId === sdkSpan.spanContext().spanId);
      expect(span?.attributes).toEqual(sdkSpan.attributes);
    }
    const summary = decoded.spans.find((span) => span.attributes[ATTR_STEP_ID] === 'summary');
    expect(summary?.attributes[ATTR_DEPENDS_ON]).toEqual(['metrics', 'events']);
  });

  it('decodes events (the exception of the failed step) and dependency links with their attributes', () => {
    const events = decoded.spans.find((span) => span.attributes[ATTR_STEP_ID] === 'events');
    const exception = events?.events.find((event) => event.name === 'exception');
    expect(exception?.attributes['exception.type']).toBe('TypeError');
    expect(exception?.attributes['exception.message']).toBe('events backend <down> & "unreachable"');
    const primary = decoded.spans.find((span) => span.attributes[ATTR_STEP_ID] === 'primary');
    expect(events?.links).toEqual([
      {
        traceId: primary?.traceId,
        spanId: primary?.spanId,
        attributes: { [ATTR_LINK_KIND]: LINK_KIND_DEPENDS_ON, [ATTR_STEP_ID]: 'primary' },
      },
    ]);
  });
});

describe('decodeOtlpJson id encodings', () => {
  it('reads hex ids in any case and base64 ids (protobuf JSON mapping) to lower-case hex', () => {
    const hex = decodeOtlpJson(request(minimalSpan({ traceId: TRACE_HEX.toUpperCase(), parentSpanId: PARENT_HEX })));
    const base64 = decodeOtlpJson(
      request(
        minimalSpan({
          traceId: Buffer.from(TRACE_HEX, 'hex').toString('base64'),
          spanId: Buffer.from(SPAN_HEX, 'hex').toString('base64'),
          parentSpanId: Buffer.from(PARENT_HEX, 'hex').toString('base64'),
        }),
      ),
    );
    for (const { spans } of [hex, base64]) {
      expect(spans[0]).toMatchObject({ traceId: TRACE_HEX, spanId: SPAN_HEX, parentSpanId: PARENT_HEX });
    }
  });

  it('treats an empty parentSpanId as a root span', () => {
    expect(decodeOtlpJson(request(minimalSpan({ parentSpanId: '' }))).spans[0]?.parentSpanId).toBeNull();
  });

  it('rejects spans with missing, all-zero or wrong-length ids, naming where they are', () => {
    const decoded = decodeOtlpJson({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                minimalSpan({ traceId: '00000000000000000000000000000000' }),
                minimalSpan({ spanId: 'abc' }),
                minimalSpan({ traceId: undefined }),
                minimalSpan({ startTimeUnixNano: 'yesterday' }),
                minimalSpan(),
              ],
            },
          ],
        },
      ],
    });
    expect(decoded.spans).toHaveLength(1);
    expect(decoded.rejected.map((entry) => entry.path)).toEqual([
      'resourceSpans[0].scopeSpans[0].spans[0]',
      'resourceSpans[0].scopeSpans[0].spans[1]',
      'resourceSpans[0].scopeSpans[0].spans[2]',
      'resourceSpans[0].scopeSpans[0].spans[3]',
    ]);
    expect(decoded.rejected[1]?.reason).toContain('spanId "abc"');
    expect(decoded.rejected[3]?.reason).toContain('startTimeUnixNano');
  });
});

describe('decodeOtlpJson values', () => {
  it('decodes AnyValue: intValue as string or number, arrays, kvlists, bytes, non-finite doubles, empty', () => {
    const attributes = [
      { key: 'int.string', value: { intValue: '42' } },
      { key: 'int.number', value: { intValue: 7 } },
      { key: 'int.huge', value: { intValue: '9223372036854775807' } },
      { key: 'double', value: { doubleValue: 0.25 } },
      { key: 'double.nan', value: { doubleValue: 'NaN' } },
      { key: 'double.inf', value: { doubleValue: '-Infinity' } },
      { key: 'bool', value: { boolValue: false } },
      { key: 'array', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '2' }] } } },
      { key: 'kvlist', value: { kvlistValue: { values: [{ key: 'nested', value: { arrayValue: {} } }] } } },
      { key: 'bytes', value: { bytesValue: 'AQID' } },
      { key: 'empty', value: {} },
    ];
    expect(decodeOtlpJson(request(minimalSpan({ attributes }))).spans[0]?.attributes).toEqual({
      'int.string': 42,
      'int.number': 7,
      'int.huge': '9223372036854775807',
      double: 0.25,
      'double.nan': 'NaN',
      'double.inf': '-Infinity',
      bool: false,
      array: ['a', 2],
      kvlist: { nested: [] },
      bytes: 'AQID',
      empty: null,
    });
  });

  it('reads times as strings or numbers at microsecond precision, and enums as numbers or names', () => {
    const span = decodeOtlpJson(
      request(
        minimalSpan({
          // A JSON number: parsed as a double, as JSON.parse would.
          startTimeUnixNano: Number('1700000000123456789'),
          endTimeUnixNano: '1700000000123999999',
          kind: 'SPAN_KIND_CLIENT',
          status: { code: 'STATUS_CODE_ERROR', message: 'boom' },
        }),
      ),
    ).spans[0];
    expect(span?.startMs).toBe(1_700_000_000_123.456);
    expect(span?.endMs).toBe(1_700_000_000_123.999);
    expect(span?.kind).toBe('CLIENT');
    expect(span?.status).toEqual({ code: 'ERROR', message: 'boom' });
  });

  it('ignores unknown fields and accepts a request without resourceSpans', () => {
    expect(decodeOtlpJson({ somethingNew: true })).toEqual({ spans: [], rejected: [] });
    expect(decodeOtlpJson(request(minimalSpan({ futureField: { a: 1 } }))).spans).toHaveLength(1);
  });
});

describe('decodeOtlpJson structural errors', () => {
  it.each([
    [null, ''],
    [[], ''],
    [{ resourceSpans: {} }, 'resourceSpans'],
    [{ resourceSpans: [7] }, 'resourceSpans[0]'],
    [{ resourceSpans: [{ scopeSpans: 'x' }] }, 'resourceSpans[0].scopeSpans'],
    [{ resourceSpans: [{ scopeSpans: [{ spans: [null] }] }] }, 'resourceSpans[0].scopeSpans[0].spans[0]'],
  ])('throws TraceDecodeError for %j at path %j', (document, path) => {
    const error = (() => {
      try {
        decodeOtlpJson(document);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(TraceDecodeError);
    expect(error).toMatchObject({ code: 'TRACE_DECODE_ERROR', path, format: 'otlp-json' });
  });
});
