/** A parsed `inputFrom` source such as `primary.ci.items[0].id`. */
export interface InputPath {
  /** The step whose output is read. */
  stepId: string;
  /** Property names and array indexes inside that output; empty for the whole output. */
  segments: (string | number)[];
}

const SOURCE_PATTERN = /^([A-Za-z0-9_-]+)((?:\.[^.[\]\s]+|\[\d+\])*)$/;
const SEGMENT_PATTERN = /\.([^.[\]\s]+)|\[(\d+)\]/g;

/** Parses an `inputFrom` source; returns null when it is malformed. */
export function parseInputPath(source: string): InputPath | null {
  const match = SOURCE_PATTERN.exec(source);
  if (!match) return null;
  const segments: (string | number)[] = [];
  for (const part of (match[2] ?? '').matchAll(SEGMENT_PATTERN)) {
    segments.push(part[1] !== undefined ? part[1] : Number(part[2]));
  }
  return { stepId: match[1] as string, segments };
}

const MISSING: unique symbol = Symbol('missing');

/** Reads a path from a value; returns {@link MISSING_VALUE} when any segment is absent. */
export function readInputPath(value: unknown, segments: readonly (string | number)[]): unknown {
  let current: unknown = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return MISSING;
    if (!Object.hasOwn(current, segment)) return MISSING;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** Marker returned by {@link readInputPath} for a path that does not exist. */
export const MISSING_VALUE = MISSING;

/** Keys listed in an `InputMappingError` message at most; the error's `availableKeys` has them all. */
const MAX_LISTED_KEYS = 20;

/** Where a path stopped in a value, for an error message that leads to the fix. */
export interface MissingPathReport {
  /** E.g. `it has no "ci"; its keys: cl, items; did you mean "cl"?` */
  text: string;
  /** The keys of the object where the path stopped (empty when it stopped at a non-object). */
  availableKeys: string[];
}

/**
 * Says where `path` stops in `value` (which must not contain it): the segment that is missing, the
 * keys present at that level (capped at 20 in the text), and a close key when there is one.
 */
export function describeMissingPath(value: unknown, path: InputPath, closest: (name: string, keys: string[]) => string): MissingPathReport {
  let current: unknown = value;
  let reached = path.stepId;
  for (const segment of path.segments) {
    const step = typeof segment === 'number' ? `[${segment}]` : `"${segment}"`;
    const where = reached === path.stepId ? 'it' : `"${reached}"`;
    if (current === null || typeof current !== 'object') {
      return { text: `${where} is ${kindOf(current)}, so it has no ${step}`, availableKeys: [] };
    }
    if (!Object.hasOwn(current, segment)) {
      if (Array.isArray(current)) return { text: `${where} has no ${step} (it is an array of ${current.length} items)`, availableKeys: [] };
      const keys = Object.keys(current);
      if (keys.length === 0)
        return { text: `${where} has no ${step} (${where === 'it' ? 'its output' : 'it'} is an empty object)`, availableKeys: [] };
      const listed = keys.slice(0, MAX_LISTED_KEYS).join(', ') + (keys.length > MAX_LISTED_KEYS ? `, … (${keys.length} in all)` : '');
      const suggestion = typeof segment === 'string' ? closest(segment, keys) : '';
      return { text: `${where} has no ${step}; its keys: ${listed}${suggestion}`, availableKeys: keys };
    }
    current = (current as Record<string | number, unknown>)[segment];
    reached += typeof segment === 'number' ? `[${segment}]` : `.${segment}`;
  }
  return { text: `"${reached}" is ${kindOf(current)}`, availableKeys: [] };
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  return `a ${typeof value}`;
}
