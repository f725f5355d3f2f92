import { readFile } from 'node:fs/promises';
import { type RejectedSpan, TraceNotFoundError } from '../load/errors.js';
import { loadTraceSources } from '../load/load-trace-files.js';
import type { InspectorTrace } from '../model/types.js';
import { escapeControl } from '../terminal/escape-control.js';
import { plural } from '../text/plural.js';
import { CliFailure, type CliIo, CliUsageError } from './cli-io.js';

/** The file argument that means standard input. */
export const STDIN_ARGUMENT = '-';

const SHOWN_REJECTIONS = 5;

/**
 * Loads trace files (`-` is standard input), merging spans of one trace spread over several sources
 * like `loadTraceFiles`, and warns on stderr about rejected spans.
 */
export async function loadForCli(sources: readonly string[], io: CliIo, command: string): Promise<InspectorTrace[]> {
  if (sources.length === 0) throw new CliUsageError('no trace file given', command);
  if (sources.filter((source) => source === STDIN_ARGUMENT).length > 1) {
    throw new CliUsageError('"-" (standard input) can be given only once', command);
  }
  const { traces, rejected } = await loadTraceSources(
    sources.map((source) =>
      source === STDIN_ARGUMENT
        ? { label: 'standard input', read: () => readStdin(io, command) }
        : { label: source, fileName: source, read: () => readFile(source) },
    ),
  );
  if (traces.length === 0 && rejected.length > 0) {
    const [first] = rejected as [RejectedSpan];
    const all = rejected.length === 1 ? 'all 1 span' : `all ${rejected.length} spans`;
    throw new CliFailure(
      `no traces: ${all} in ${sources.join(', ')} ${rejected.length === 1 ? 'was' : 'were'} rejected; the first: ${first.path}: ${first.reason}`,
    );
  }
  warnRejected(io, rejected);
  return traces;
}

/** Warns on stderr about spans the decoders left out (the first five, then a count). */
export function warnRejected(io: CliIo, rejected: readonly RejectedSpan[]): void {
  if (rejected.length === 0) return;
  io.stderr.write(`warning: ${plural(rejected.length, 'invalid span')} skipped\n`);
  for (const entry of rejected.slice(0, SHOWN_REJECTIONS)) io.stderr.write(`  ${escapeControl(`${entry.path}: ${entry.reason}`)}\n`);
  if (rejected.length > SHOWN_REJECTIONS) io.stderr.write(`  … and ${rejected.length - SHOWN_REJECTIONS} more\n`);
}

async function readStdin(io: CliIo, command: string): Promise<Uint8Array> {
  if (io.stdin === undefined) throw new CliUsageError('standard input ("-") is not available here', command);
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
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
