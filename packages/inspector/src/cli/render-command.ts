import { writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { renderStaticHtml } from '../render/static-html.js';
import { plural } from '../text/plural.js';
import type { CliIo } from './cli-io.js';
import { loadForCli, STDIN_ARGUMENT, selectTraces } from './load-for-cli.js';

/** `render <file|-...> [-o out.html] [--trace id]` */
export async function renderCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' }, trace: { type: 'string' } },
  });
  const traces = selectTraces(await loadForCli(positionals, io, 'render'), values.trace);
  const html = renderStaticHtml(traces);
  const output = values.output ?? defaultOutput(positionals);
  if (output === '-') {
    io.stdout.write(html);
    return 0;
  }
  await writeFile(output, html);
  const spanCount = traces.reduce((count, trace) => count + trace.spans.length, 0);
  io.stdout.write(`wrote ${output} (${plural(traces.length, 'trace')}, ${plural(spanCount, 'span')})\n`);
  return 0;
}

function defaultOutput(inputs: string[]): string {
  const [first] = inputs;
  if (inputs.length !== 1 || first === undefined || first === STDIN_ARGUMENT) return 'traces.html';
  return `${first.slice(0, first.length - extname(basename(first)).length)}.html`;
}
