import { groupIntoTraces } from '../model/build-trace.js';
import { summarizeTrace } from '../model/summarize.js';
import type { InspectorTrace } from '../model/types.js';
import { plural } from '../text/plural.js';
import { decodeTraceText } from './decode-trace-text.js';
import { type RejectedSpan, TraceDecodeError, type TraceFormat } from './errors.js';
import { hasProtobufExtension } from './file-formats.js';

/** The traces of one file (see {@link readTraceFile}). */
export interface TraceFile {
  name: string;
  format: TraceFormat;
  /** At least one; oldest first. */
  traces: InspectorTrace[];
  /** Spans the decoders left out (invalid ids, ...). */
  rejected: RejectedSpan[];
}

/**
 * Reads a trace file's bytes in the formats that need no Node API: OTLP/JSON (what
 * `tooltrace-inspector export` writes), JSONL of it, Jaeger JSON. The web view reads files picked in
 * the browser with it; protobuf is refused with what to do instead (its decoder compiles code at
 * run time, which the page's Content-Security-Policy forbids).
 *
 * @throws {TraceDecodeError} naming the file: binary or protobuf, not a trace document, or no trace in it.
 */
export function readTraceFile(name: string, bytes: Uint8Array): TraceFile {
  const text = utf8Text(bytes);
  if (text === null || hasProtobufExtension(name)) {
    throw new TraceDecodeError(
      `${name} is binary (OTLP protobuf?): this page reads OTLP/JSON, JSONL and Jaeger JSON. Convert it with \`tooltrace-inspector export ${name} -o run.json\`, or compare in a terminal with \`tooltrace-inspector diff\`.`,
      { format: text === null ? null : 'otlp-protobuf' },
    );
  }
  let decoded: ReturnType<typeof decodeTraceText>;
  try {
    decoded = decodeTraceText(text);
  } catch (error) {
    if (!(error instanceof TraceDecodeError)) throw error;
    throw new TraceDecodeError(`${name} is not a trace file: ${error.message}`, { format: error.format, cause: error });
  }
  const traces = groupIntoTraces(decoded.spans).sort((a, b) => summarizeTrace(a).startMs - summarizeTrace(b).startMs);
  if (traces.length === 0) {
    const first = decoded.rejected[0];
    const why =
      first === undefined
        ? 'it has no spans'
        : `${plural(decoded.rejected.length, 'span')} rejected, the first: ${first.path}: ${first.reason}`;
    throw new TraceDecodeError(`${name} holds no trace: ${why}`, { format: decoded.format });
  }
  return { name, format: decoded.format, traces, rejected: decoded.rejected };
}

function utf8Text(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
