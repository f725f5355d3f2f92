import { parseArgs } from 'node:util';
import { compareRuns } from '../model/compare-runs.js';
import type { InspectorTrace } from '../model/types.js';
import { formatComparison } from '../terminal/format-comparison.js';
import { CliFailure, type CliIo, CliUsageError } from './cli-io.js';
import { loadForCli } from './load-for-cli.js';

/** `diff <before> <after> [--color|--no-color]`: each file holds the one run to compare. */
export async function diffCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { color: { type: 'boolean' }, 'no-color': { type: 'boolean' } },
  });
  if (positionals.length !== 2) throw new CliUsageError('diff takes two trace files: the earlier run, then the later one', 'diff');
  const color = values['no-color'] ? false : (values.color ?? (io.stdout.isTTY === true && io.env.NO_COLOR === undefined));
  const [before, after] = await Promise.all(positionals.map(async (file) => onlyTrace(await loadForCli([file], io, 'diff'), file)));
  io.stdout.write(formatComparison(compareRuns(before as InspectorTrace, after as InspectorTrace), { color }));
  return 0;
}

function onlyTrace(traces: InspectorTrace[], file: string): InspectorTrace {
  const [trace] = traces;
  if (trace === undefined) throw new CliFailure(`${file} holds no trace`);
  if (traces.length > 1)
    throw new CliFailure(`${file} holds ${traces.length} traces; diff compares one run per file (export one with --trace)`);
  return trace;
}
