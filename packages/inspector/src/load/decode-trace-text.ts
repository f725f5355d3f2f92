import { decodeJaegerJson, isJaegerDocument } from '../jaeger/decode-jaeger.js';
import { isRecord } from '../otlp/any-value.js';
import { decodeOtlpJson } from '../otlp/decode-json.js';
import { type DecodedSpans, type RejectedSpan, TraceDecodeError, type TraceFormat } from './errors.js';
import { parseJsonExact } from './exact-json.js';

// The text formats, without Node APIs or protobuf: the web page bundles this to read files picked in
// the browser, the CLI and server reach it through decodeTraceDocument.

/** Spans read from one document, with the format that was recognized. */
export interface DecodedDocument extends DecodedSpans {
  format: TraceFormat;
}

/**
 * Reads a trace document given as text: OTLP/JSON (`{ resourceSpans }`, or an array of them), JSONL
 * with one OTLP/JSON request per line (what the OpenTelemetry Collector's file exporter writes), or
 * Jaeger JSON (`{ data: [...] }`).
 *
 * @throws {TraceDecodeError} when the text is none of these.
 */
export function decodeTraceText(content: string): DecodedDocument {
  const text = content.trim();
  if (text === '') throw new TraceDecodeError('the document is empty', { format: null });
  const parsed = parseJson(text);
  if (parsed.ok) return decodeJsonDocument(parsed.value);
  const lines = text.split(/\r?\n/);
  if (lines.length > 1) return decodeJsonLines(lines);
  throw new TraceDecodeError(`not valid JSON (${parsed.message})`, { format: null });
}

function decodeJsonDocument(document: unknown): DecodedDocument {
  if (isJaegerDocument(document)) return { format: 'jaeger-json', ...decodeJaegerJson(document) };
  if (isRecord(document) && 'resourceSpans' in document) return { format: 'otlp-json', ...decodeOtlpJson(document) };
  if (Array.isArray(document) && document.every((item) => isRecord(item) && 'resourceSpans' in item)) {
    return { format: 'otlp-json', ...concat(document.map((item, index) => prefixed(decodeOtlpJson(item), `[${index}]`))) };
  }
  throw new TraceDecodeError(
    'not a trace document: expected OTLP/JSON ({ "resourceSpans": [...] }), JSONL of those, or Jaeger JSON ({ "data": [...] })',
    { format: null },
  );
}

function decodeJsonLines(lines: string[]): DecodedDocument {
  const parts: DecodedSpans[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const path = `line ${index + 1}`;
    const parsed = parseJson(line);
    if (!parsed.ok) throw new TraceDecodeError(`not valid JSON (${parsed.message})`, { format: 'otlp-jsonl', path });
    try {
      parts.push(prefixed(decodeOtlpJson(parsed.value, 'otlp-jsonl'), `${path}: `));
    } catch (error) {
      if (error instanceof TraceDecodeError) {
        throw new TraceDecodeError(error.message, { format: 'otlp-jsonl', path, cause: error });
      }
      throw error;
    }
  });
  return { format: 'otlp-jsonl', ...concat(parts) };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: parseJsonExact(text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function prefixed(decoded: DecodedSpans, prefix: string): DecodedSpans {
  const rejected: RejectedSpan[] = decoded.rejected.map((entry) => ({ ...entry, path: `${prefix}${entry.path}` }));
  return { spans: decoded.spans, rejected };
}

function concat(parts: DecodedSpans[]): DecodedSpans {
  return { spans: parts.flatMap((part) => part.spans), rejected: parts.flatMap((part) => part.rejected) };
}
