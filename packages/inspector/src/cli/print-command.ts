import { parseArgs } from 'node:util';
import { summarizeTrace } from '../model/summarize.js';
import { formatTraceTree } from '../terminal/format-trace-tree.js';
import { BACKEND_OPTIONS, loadCliTraces, traceSourcesFromArguments, wantedTraceId } from './backend-arguments.js';
import type { CliIo } from './cli-io.js';
import { parseIntegerArgument } from './integer-argument.js';
import { selectTraces } from './load-for-cli.js';
import { SOURCE_MAP_OPTIONS, withSourceMaps } from './source-map-arguments.js';

/** `print <file|-|trace-url...> [--jaeger url|--tempo url] [--trace id] [--width n] [--color|--no-color] [--no-source-maps]` */
export async function printCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      trace: { type: 'string' },
      width: { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      ...BACKEND_OPTIONS,
      ...SOURCE_MAP_OPTIONS,
    },
  });
  const width =
    values.width === undefined ? (io.stdout.columns ?? 100) : parseIntegerArgument('--width', values.width, { min: 1 }, 'print');
  const color = values['no-color'] ? false : (values.color ?? (io.stdout.isTTY === true && io.env.NO_COLOR === undefined));
  const sources = traceSourcesFromArguments(positionals, values, 'print');
  const traces = selectTraces(await loadCliTraces(sources, io, 'print'), wantedTraceId(values.trace));
  const ordered = [...(await withSourceMaps(traces, values))].sort((a, b) => summarizeTrace(a).startMs - summarizeTrace(b).startMs);
  io.stdout.write(ordered.map((trace) => formatTraceTree(trace, { width, color })).join('\n'));
  if (ordered.length === 0) io.stderr.write('no traces in the given files\n');
  return 0;
}
