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

/** Where trace data comes from: a file, standard input, or anything else that yields bytes. */
export interface TraceSource {
  /** Names the source in errors and in rejected spans' paths. */
  label: string;
  /** A file name, when there is one (its extension can tell the format). */
  fileName?: string;
  read(): Promise<Uint8Array>;
}

/**
 * Reads trace data (OTLP/JSON, JSONL, Jaeger JSON, OTLP protobuf; see {@link decodeTraceDocument})
 * from each source and groups the spans into traces; spans of one trace spread over several sources
 * are merged.
 *
 * @throws {TraceDecodeError} naming the source when one cannot be read as trace data.
 */
export async function loadTraceSources(sources: readonly TraceSource[]): Promise<LoadedTraces> {
  const spans: InspectorSpan[] = [];
  const rejected: RejectedSpan[] = [];
  for (const source of sources) {
    const content = await source.read();
    let decoded: ReturnType<typeof decodeTraceDocument>;
    try {
      decoded = decodeTraceDocument(content, source.fileName);
    } catch (error) {
      if (error instanceof TraceDecodeError) {
        throw new TraceDecodeError(`cannot read ${source.label}: ${error.message}`, { format: error.format, cause: error });
      }
      throw error;
    }
    for (const span of decoded.spans) spans.push(span);
    rejected.push(...decoded.rejected.map((entry) => ({ ...entry, path: `${source.label}: ${entry.path}` })));
  }
  return { traces: groupIntoTraces(spans), rejected };
}

/** {@link loadTraceSources} for files. */
export function loadTraceFiles(paths: readonly string[]): Promise<LoadedTraces> {
  return loadTraceSources(paths.map((path) => ({ label: path, fileName: path, read: () => readFile(path) })));
}
