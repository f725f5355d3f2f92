import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { describe, expect, it } from 'vitest';
import { decodeOtlpJson, decodeOtlpProtobuf, TraceDecodeError } from '../../src/index.js';
import { recordIncidentRun } from '../support/incident-run.js';

describe('decodeOtlpProtobuf', () => {
  it('decodes what the real OTel protobuf serializer writes to the same spans as its JSON twin', async () => {
    const { spans } = await recordIncidentRun();
    const protobufBytes = ProtobufTraceSerializer.serializeRequest(spans);
    const jsonBytes = JsonTraceSerializer.serializeRequest(spans);
    if (protobufBytes === undefined || jsonBytes === undefined) throw new Error('the serializer returned nothing');
    const fromProtobuf = decodeOtlpProtobuf(protobufBytes);
    const fromJson = decodeOtlpJson(JSON.parse(new TextDecoder().decode(jsonBytes)));
    expect(fromProtobuf.rejected).toEqual([]);
    expect(fromProtobuf.spans).toHaveLength(spans.length);
    expect(fromProtobuf.spans).toEqual(fromJson.spans);
  });

  it('decodes an empty message to no spans', () => {
    expect(decodeOtlpProtobuf(new Uint8Array())).toEqual({ spans: [], rejected: [] });
  });

  it('throws TraceDecodeError for bytes that are not a protobuf message', () => {
    expect(() => decodeOtlpProtobuf(Buffer.from('{"resourceSpans":[]}'))).toThrow(TraceDecodeError);
    expect(() => decodeOtlpProtobuf(Uint8Array.from([0x0a, 0x05, 0x01]))).toThrow(/invalid protobuf ExportTraceServiceRequest/);
  });
});
