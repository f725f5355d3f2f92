import { isUtf8 } from 'node:buffer';
import { decodeOtlpProtobuf } from '../otlp/decode-protobuf.js';
import { type DecodedDocument, decodeTraceText } from './decode-trace-text.js';
import { hasProtobufExtension } from './file-formats.js';

export type { DecodedDocument } from './decode-trace-text.js';

/**
 * Reads a trace document in any supported format, recognized by content: OTLP/JSON
 * (`{ resourceSpans }`, or an array of them), JSONL with one OTLP/JSON request per line (what the
 * OpenTelemetry Collector's file exporter writes), Jaeger JSON (`{ data: [...] }`); or, when
 * `fileName` ends in `.pb`, `.binpb` or `.protobuf`, a protobuf `ExportTraceServiceRequest`.
 *
 * @throws {TraceDecodeError} when the content is none of these.
 */
export function decodeTraceDocument(content: string | Uint8Array, fileName = ''): DecodedDocument {
  if (typeof content !== 'string') {
    // Protobuf by name, or because the bytes are not text (standard input has no name to go by).
    if (hasProtobufExtension(fileName) || !isUtf8(content)) {
      return { format: 'otlp-protobuf', ...decodeOtlpProtobuf(content) };
    }
    return decodeTraceDocument(Buffer.from(content).toString('utf8'), fileName);
  }
  return decodeTraceText(content);
}
