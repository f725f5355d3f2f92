import { TraceNotFoundError } from '../load/errors.js';
import { loadTraceFiles } from '../load/load-trace-files.js';
import type { InspectorTrace } from '../model/types.js';
import { type CliIo, CliUsageError } from './cli-io.js';

const SHOWN_REJECTIONS = 5;

/** Loads trace files, warning on stderr about rejected spans. */
export async function loadForCli(paths: readonly string[], io: CliIo, command: string): Promise<InspectorTrace[]> {
  if (paths.length === 0) throw new CliUsageError('no trace file given', command);
  const { traces, rejected } = await loadTraceFiles(paths);
  if (rejected.length > 0) {
    io.stderr.write(`warning: ${rejected.length} invalid span(s) skipped\n`);
    for (const entry of rejected.slice(0, SHOWN_REJECTIONS)) io.stderr.write(`  ${entry.path}: ${entry.reason}\n`);
    if (rejected.length > SHOWN_REJECTIONS) io.stderr.write(`  … and ${rejected.length - SHOWN_REJECTIONS} more\n`);
  }
  return traces;
}

/** The trace with `traceId` (any case), or all traces when no id is given. */
export function selectTraces(traces: InspectorTrace[], traceId: string | undefined): InspectorTrace[] {
  if (traceId === undefined) return traces;
  const trace = traces.find((candidate) => candidate.traceId === traceId.toLowerCase());
  if (trace === undefined)
    throw new TraceNotFoundError(
      traceId,
      traces.map((candidate) => candidate.traceId),
    );
  return [trace];
}
