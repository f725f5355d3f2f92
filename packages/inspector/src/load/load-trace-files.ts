import { readFile } from 'node:fs/promises';
import { groupIntoTraces } from '../model/build-trace.js';
import type { InspectorSpan, InspectorTrace } from '../model/types.js';
import { decodeTraceDocument } from './decode-document.js';
import { type RejectedSpan, TraceDecodeError } from './errors.js';

/** Traces read from files, and the spans that were left out (with the file in their path). */
export interface LoadedTraces {
  traces: InspectorTrace[];
  rejected: RejectedSpan[];
}

/**
 * Reads trace files (OTLP/JSON, JSONL, Jaeger JSON, OTLP protobuf; see {@link decodeTraceDocument})
 * and groups their spans into traces; spans of one trace spread over several files are merged.
 *
 * @throws {TraceDecodeError} naming the file when one cannot be read as trace data.
 */
export async function loadTraceFiles(paths: readonly string[]): Promise<LoadedTraces> {
  const spans: InspectorSpan[] = [];
  const rejected: RejectedSpan[] = [];
  for (const path of paths) {
    const content = await readFile(path);
    let decoded: ReturnType<typeof decodeTraceDocument>;
    try {
      decoded = decodeTraceDocument(content, path);
    } catch (error) {
      if (error instanceof TraceDecodeError) {
        throw new TraceDecodeError(`cannot read ${path}: ${error.message}`, { format: error.format, cause: error });
      }
      throw error;
    }
    for (const span of decoded.spans) spans.push(span);
    rejected.push(...decoded.rejected.map((entry) => ({ ...entry, path: `${path}: ${entry.path}` })));
  }
  return { traces: groupIntoTraces(spans), rejected };
}
