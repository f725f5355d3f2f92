import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { traceToOtlpJson } from '../otlp/encode-json.js';
import { type CliIo, CliUsageError } from './cli-io.js';
import { loadForCli, selectTraces } from './load-for-cli.js';

/** `export <file|url> [--trace id] [-o out.json]` */
export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' }, trace: { type: 'string' } },
  });
  const [source, ...extra] = positionals;
  if (source === undefined || extra.length > 0) throw new CliUsageError('give exactly one file or inspector URL', 'export');
  const json = /^https?:\/\//.test(source)
    ? await fetchTrace(source, values.trace)
    : `${JSON.stringify(traceToOtlpJson(pickOne(selectTraces(await loadForCli([source], io, 'export'), values.trace))))}\n`;
  if (values.output === undefined || values.output === '-') io.stdout.write(json);
  else await writeFile(values.output, json);
  return 0;
}

function pickOne<T>(traces: T[]): T {
  const [first] = traces;
  if (first === undefined || traces.length > 1) {
    throw new CliUsageError(`the source holds ${traces.length} traces: choose one with --trace <id>`, 'export');
  }
  return first;
}

async function fetchTrace(baseUrl: string, traceId: string | undefined): Promise<string> {
  if (traceId === undefined) throw new CliUsageError('--trace <id> is required with an inspector URL', 'export');
  const base = baseUrl.replace(/\/+$/, '').replace(/\/v1\/traces$/, '');
  const url = `${base}/api/traces/${encodeURIComponent(traceId)}/otlp`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} failed: ${response.status} ${await response.text()}`);
  return `${await response.text()}\n`;
}
