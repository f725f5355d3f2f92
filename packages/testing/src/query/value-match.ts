/** A vitest/jest asymmetric matcher such as `expect.any(Number)` or `expect.stringContaining('x')`. */
export interface AsymmetricMatcherLike {
  asymmetricMatch(other: unknown): boolean;
}

/** Whether a value is an asymmetric matcher (it has an `asymmetricMatch` method). */
export function isAsymmetricMatcher(value: unknown): value is AsymmetricMatcherLike {
  return typeof value === 'object' && value !== null && typeof (value as AsymmetricMatcherLike).asymmetricMatch === 'function';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Whether `actual` satisfies `expected`: asymmetric matchers decide for themselves, a RegExp tests
 * a string, arrays match element by element (same length), plain objects match partially (an
 * `undefined` expectation means "absent"), anything else by `Object.is`.
 */
export function matchesValue(expected: unknown, actual: unknown): boolean {
  if (isAsymmetricMatcher(expected)) return expected.asymmetricMatch(actual);
  if (expected instanceof RegExp) {
    if (typeof actual !== 'string') return false;
    expected.lastIndex = 0;
    return expected.test(actual);
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, index) => matchesValue(item, actual[index]));
  }
  if (isPlainObject(expected)) {
    if (typeof actual !== 'object' || actual === null) return false;
    const record = actual as Record<string, unknown>;
    return Object.keys(expected).every((key) => matchesValue(expected[key], record[key]));
  }
  return Object.is(expected, actual) || (expected === 0 && actual === 0);
}
