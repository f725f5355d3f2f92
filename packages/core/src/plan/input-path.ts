import { isStepIdChar } from './step-id.js';

/** A parsed `inputFrom` source such as `primary.ci.items[0].id`. */
export interface InputPath {
  /** The step whose output is read. */
  stepId: string;
  /** Property names and array indexes inside that output; empty for the whole output. */
  segments: (string | number)[];
}

/**
 * Parses an `inputFrom` source; returns null when it is malformed. The grammar is
 * `/^([A-Za-z0-9_-]+)((?:\.[^.[\]\s]+|\[\d+\])*)$/`, read by hand (no regular expression to
 * compile on a process's first plan; a test holds the two equal).
 */
export function parseInputPath(source: string): InputPath | null {
  let position = 0;
  while (position < source.length && isStepIdChar(source.charCodeAt(position))) position++;
  if (position === 0) return null;
  const stepId = source.slice(0, position);
  const segments: (string | number)[] = [];
  while (position < source.length) {
    const code = source.charCodeAt(position);
    const start = ++position;
    if (code === DOT) {
      while (position < source.length && !endsProperty(source.charCodeAt(position))) position++;
      if (position === start) return null;
      segments.push(source.slice(start, position));
    } else if (code === OPEN_BRACKET) {
      while (position < source.length && isDigit(source.charCodeAt(position))) position++;
      if (position === start || source.charCodeAt(position) !== CLOSE_BRACKET) return null;
      segments.push(Number(source.slice(start, position)));
      position++;
    } else {
      return null;
    }
  }
  return { stepId, segments };
}

const DOT = 46;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** `[.[\]\s]`: a dot, a bracket or JavaScript white space (a line terminator included). */
function endsProperty(code: number): boolean {
  if (code === DOT || code === OPEN_BRACKET || code === CLOSE_BRACKET) return true;
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 ||
    code === 5760 ||
    (code >= 8192 && code <= 8202) ||
    code === 8232 ||
    code === 8233 ||
    code === 8239 ||
    code === 8287 ||
    code === 12288 ||
    code === 65279
  );
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
