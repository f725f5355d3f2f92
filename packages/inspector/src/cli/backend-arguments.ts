import { groupIntoTraces } from '../model/build-trace.js';
import { padHexId, TRACE_ID_BYTES } from '../model/ids.js';
import type { InspectorTrace } from '../model/types.js';
import { createTraceBackend } from '../sources/create-backend.js';
import type { BackendKind, TraceBackend } from '../sources/trace-backend.js';
import { parseBackendTraceUrl } from '../sources/trace-url.js';
import { escapeControl } from '../terminal/escape-control.js';
import { type CliIo, CliUsageError } from './cli-io.js';
import { parseIntegerArgument } from './integer-argument.js';
import { loadForCli, warnRejected } from './load-for-cli.js';

/** The `parseArgs` options that point a command at a backend. */
export const BACKEND_OPTIONS = {
  jaeger: { type: 'string' },
  tempo: { type: 'string' },
  timeout: { type: 'string' },
} as const;

/** The values of {@link BACKEND_OPTIONS} (and `--trace`) after parsing. */
export interface BackendArgumentValues {
  jaeger?: string | undefined;
  tempo?: string | undefined;
  timeout?: string | undefined;
  trace?: string | undefined;
}

/** Where a command's traces come from: files (or `-`) and traces to fetch from backends. */
export interface CliTraceSources {
  files: string[];
  fetches: Array<{ backend: TraceBackend; traceId: string }>;
}

/** The largest `--timeout`: ten minutes. */
const MAX_TIMEOUT_MS = 600_000;

/**
 * The backend named by `--jaeger <url>` or `--tempo <url>` (not both), with `--timeout <ms>`;
 * undefined when neither is given.
 *
 * @throws {CliUsageError} for both at once, a URL that is not http(s), or a bad timeout.
 */
export function backendFromArguments(values: BackendArgumentValues, command: string): TraceBackend | undefined {
  if (values.jaeger !== undefined && values.tempo !== undefined) throw new CliUsageError('give --jaeger or --tempo, not both', command);
  const kind: BackendKind | undefined = values.jaeger !== undefined ? 'jaeger' : values.tempo !== undefined ? 'tempo' : undefined;
  const url = values.jaeger ?? values.tempo;
  if (kind === undefined || url === undefined) {
    if (values.timeout !== undefined) throw new CliUsageError('--timeout applies to --jaeger, --tempo or a trace URL', command);
    return undefined;
  }
  if (!/^https?:\/\/[^/]/i.test(url))
    throw new CliUsageError(`--${kind} must be an http:// or https:// URL, got ${JSON.stringify(url)}`, command);
  return createTraceBackend(kind, url, timeoutOption(values, command));
}

/**
 * Splits a command's arguments into files and backend traces: a Jaeger or Tempo trace URL
 * argument (see `parseBackendTraceUrl`) is fetched, and so is `--trace <id>` from `--jaeger`/`--tempo`.
 *
 * @throws {CliUsageError} for `--jaeger`/`--tempo` without `--trace`.
 */
export function traceSourcesFromArguments(positionals: readonly string[], values: BackendArgumentValues, command: string): CliTraceSources {
  const backend = backendFromArguments(values, command);
  const sources: CliTraceSources = { files: [], fetches: [] };
  for (const argument of positionals) {
    const traceUrl = parseBackendTraceUrl(argument);
    if (traceUrl === null) sources.files.push(argument);
    else
      sources.fetches.push({
        backend: createTraceBackend(traceUrl.kind, traceUrl.baseUrl, timeoutOption(values, command)),
        traceId: traceUrl.traceId,
      });
  }
  if (backend !== undefined) {
    if (values.trace === undefined) {
      throw new CliUsageError(`--${backend.kind} needs --trace <id> (serve --${backend.kind} lists recent traces)`, command);
    }
    sources.fetches.push({ backend, traceId: values.trace });
  }
  return sources;
}

/**
 * Loads a command's traces: files like {@link loadForCli}, and traces fetched from backends (one at a
 * time, each within its timeout); spans of one trace from several sources are merged.
 *
 * @throws {BackendError} when a backend cannot be reached, times out, or does not hold the trace.
 */
export async function loadCliTraces(sources: CliTraceSources, io: CliIo, command: string): Promise<InspectorTrace[]> {
  const fromFiles = sources.files.length > 0 || sources.fetches.length === 0 ? await loadForCli(sources.files, io, command) : [];
  if (sources.fetches.length === 0) return fromFiles;
  const spans = fromFiles.flatMap((trace) => trace.spans);
  for (const { backend, traceId } of sources.fetches) {
    const fetched = await backend.getTrace(traceId);
    for (const warning of fetched.warnings) io.stderr.write(`warning: ${escapeControl(warning)}\n`);
    warnRejected(
      io,
      fetched.rejected.map((entry) => ({ ...entry, path: `${backend.label}: ${entry.path}` })),
    );
    spans.push(...fetched.spans);
  }
  return groupIntoTraces(spans);
}

function timeoutOption(values: BackendArgumentValues, command: string): { timeoutMs?: number } {
  return values.timeout === undefined
    ? {}
    : { timeoutMs: parseIntegerArgument('--timeout', values.timeout, { min: 1, max: MAX_TIMEOUT_MS }, command) };
}

/** `--trace` as the traces hold it: lower case, and short hex ids left-padded like backends do. */
export function wantedTraceId(traceId: string | undefined): string | undefined {
  if (traceId === undefined) return undefined;
  return padHexId(traceId, TRACE_ID_BYTES) ?? traceId;
}
