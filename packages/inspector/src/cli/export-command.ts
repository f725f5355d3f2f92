import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { summarizeTrace } from '../model/summarize.js';
import type { TraceSummary } from '../model/types.js';
import { traceToOtlpJson } from '../otlp/encode-json.js';
import { BACKEND_OPTIONS, type CliTraceSources, loadCliTraces, traceSourcesFromArguments, wantedTraceId } from './backend-arguments.js';
import { chooseOnlyTrace } from './choose-trace.js';
import { CliFailure, type CliIo, CliUsageError } from './cli-io.js';
import { loadForCli, STDIN_ARGUMENT, selectTraces } from './load-for-cli.js';

/** `export <file|-|url|trace-url> [--jaeger url|--tempo url] [--trace id] [-o out.json]` */
export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' }, trace: { type: 'string' }, ...BACKEND_OPTIONS },
  });
  const fromBackend = values.jaeger !== undefined || values.tempo !== undefined;
  if (positionals.length > 1 || (positionals.length === 0 && !fromBackend)) {
    throw new CliUsageError('give exactly one file, inspector URL or trace URL (or --jaeger/--tempo with --trace)', 'export');
  }
  const sources = traceSourcesFromArguments(positionals, values, 'export');
  const [source] = positionals;
  let json: string;
  if (sources.fetches.length > 0) json = await exportFetched(sources, values.trace, io);
  else if (source !== undefined && /^https?:\/\//.test(source)) json = await fetchTrace(source, values.trace);
  else json = await exportFromFile(source ?? STDIN_ARGUMENT, values.trace, io);
  if (values.output === undefined || values.output === '-') io.stdout.write(json);
  else await writeFile(values.output, json);
  return 0;
}

async function exportFromFile(source: string, traceId: string | undefined, io: CliIo): Promise<string> {
  const traces = selectTraces(await loadForCli([source], io, 'export'), traceId);
  const { trace } = chooseOnlyTrace(
    traces.map((candidate) => ({ ...summarizeTrace(candidate), trace: candidate })),
    source === STDIN_ARGUMENT ? 'standard input' : source,
  );
  return `${JSON.stringify(traceToOtlpJson(trace))}\n`;
}

async function exportFetched(sources: CliTraceSources, traceId: string | undefined, io: CliIo): Promise<string> {
  const traces = selectTraces(await loadCliTraces(sources, io, 'export'), wantedTraceId(traceId));
  const { trace } = chooseOnlyTrace(
    traces.map((candidate) => ({ ...summarizeTrace(candidate), trace: candidate })),
    sources.fetches.map(({ backend }) => backend.label).join(', '),
  );
  return `${JSON.stringify(traceToOtlpJson(trace))}\n`;
}

async function fetchTrace(baseUrl: string, traceId: string | undefined): Promise<string> {
  const base = baseUrl.replace(/\/+$/, '').replace(/\/v1\/traces$/, '');
  const id = traceId ?? chooseOnlyTrace((await fetchJson(`${base}/api/traces`)) as TraceSummary[], `the inspector at ${base}`).traceId;
  return `${JSON.stringify(await fetchJson(`${base}/api/traces/${encodeURIComponent(id)}/otlp`))}\n`;
}

/** GETs JSON from the inspector's API; failures become one-line messages (the API's own, when it sent one). */
async function fetchJson(url: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new CliFailure(`cannot reach ${url}: ${cause}`);
  }
  const text = await response.text();
  if (!response.ok) throw new CliFailure(`GET ${url} failed: ${response.status} ${apiErrorMessage(text)}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CliFailure(`GET ${url} did not return JSON: is it a tooltrace inspector?`);
  }
}

function apiErrorMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === 'string') return parsed.error.message;
  } catch {
    // not the API's error shape: show the body as it is
  }
  return body.trim();
}
