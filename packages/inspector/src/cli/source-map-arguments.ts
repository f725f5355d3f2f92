import type { InspectorTrace } from '../model/types.js';
import { mapExceptionStacks } from '../source-maps/map-exception-stacks.js';
import { SourceMapCache } from '../source-maps/source-map-cache.js';

/** The `parseArgs` option that turns source-mapping of exception stacks off. */
export const SOURCE_MAP_OPTIONS = { 'no-source-maps': { type: 'boolean' } } as const;

/** The traces with their exception stacks source-mapped, unless `--no-source-maps` was given. */
export async function withSourceMaps(
  traces: InspectorTrace[],
  values: { 'no-source-maps'?: boolean | undefined },
): Promise<InspectorTrace[]> {
  if (values['no-source-maps'] === true) return traces;
  const cache = new SourceMapCache();
  return Promise.all(traces.map((trace) => mapExceptionStacks(trace, cache)));
}
