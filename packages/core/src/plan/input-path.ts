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
