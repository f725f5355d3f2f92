import type { TraceSummary } from '../model/types.js';
import { plural } from '../text/plural.js';
import { CliFailure } from './cli-io.js';

const SHOWN_TRACES = 10;

/**
 * The one trace a command without `--trace` works on: the only one there is.
 *
 * @throws {CliFailure} when there is none, or several: then the message lists them newest first
 *   (at most ten) with their root span names, to pick one with `--trace <id>`.
 */
export function chooseOnlyTrace<T extends Pick<TraceSummary, 'traceId' | 'rootName' | 'startMs'>>(
  summaries: readonly T[],
  source: string,
): T {
  const [only] = summaries;
  if (only !== undefined && summaries.length === 1) return only;
  if (only === undefined) throw new CliFailure(`${source} holds no traces`);
  const newestFirst = [...summaries].sort((a, b) => b.startMs - a.startMs);
  const lines = newestFirst.slice(0, SHOWN_TRACES).map((summary) => `  ${summary.traceId}  ${summary.rootName}`);
  if (newestFirst.length > SHOWN_TRACES) lines.push(`  … and ${newestFirst.length - SHOWN_TRACES} more`);
  throw new CliFailure(
    [`${source} holds ${plural(summaries.length, 'trace')}: choose one with --trace <id> (newest first):`, ...lines].join('\n'),
  );
}
