import { writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { renderStaticHtml } from '../render/static-html.js';
import { plural } from '../text/plural.js';
import { BACKEND_OPTIONS, type CliTraceSources, loadCliTraces, traceSourcesFromArguments, wantedTraceId } from './backend-arguments.js';
import type { CliIo } from './cli-io.js';
import { STDIN_ARGUMENT, selectTraces } from './load-for-cli.js';
import { SOURCE_MAP_OPTIONS, withSourceMaps } from './source-map-arguments.js';

/** `render <file|-|trace-url...> [--jaeger url|--tempo url] [-o out.html] [--trace id] [--no-source-maps]` */
export async function renderCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' }, trace: { type: 'string' }, ...BACKEND_OPTIONS, ...SOURCE_MAP_OPTIONS },
  });
  const sources = traceSourcesFromArguments(positionals, values, 'render');
  const traces = selectTraces(await loadCliTraces(sources, io, 'render'), wantedTraceId(values.trace));
  const html = renderStaticHtml(await withSourceMaps(traces, values));
  const output = values.output ?? defaultOutput(sources);
  if (output === '-') {
    io.stdout.write(html);
    return 0;
  }
  await writeFile(output, html);
  const spanCount = traces.reduce((count, trace) => count + trace.spans.length, 0);
  io.stdout.write(`wrote ${output} (${plural(traces.length, 'trace')}, ${plural(spanCount, 'span')})\n`);
  return 0;
}

function defaultOutput({ files, fetches }: CliTraceSources): string {
  const [first] = files;
  const [fetched] = fetches;
  if (files.length === 0 && fetches.length === 1 && fetched !== undefined) return `trace-${fetched.traceId}.html`;
  if (files.length !== 1 || fetches.length > 0 || first === undefined || first === STDIN_ARGUMENT) return 'traces.html';
  return `${first.slice(0, first.length - extname(basename(first)).length)}.html`;
}
