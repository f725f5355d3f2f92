import { expect, test } from 'vitest';
import { matchesValue } from '../../src/query/value-match.js';

test('exact values compare with Object.is (0 and -0 are equal, NaN equals NaN)', () => {
  expect(matchesValue('a', 'a')).toBe(true);
  expect(matchesValue(1, '1')).toBe(false);
  expect(matchesValue(0, -0)).toBe(true);
  expect(matchesValue(Number.NaN, Number.NaN)).toBe(true);
});

test('a RegExp tests strings only, and does not carry state between calls', () => {
  const global = /ci-\d/g;
  expect(matchesValue(global, 'ci-1')).toBe(true);
  expect(matchesValue(global, 'ci-1')).toBe(true);
  expect(matchesValue(/1/, 1)).toBe(false);
});

test('asymmetric matchers decide for themselves', () => {
  expect(matchesValue(expect.any(Number), 3)).toBe(true);
  expect(matchesValue(expect.stringContaining('lookup'), 'ci_lookup')).toBe(true);
  expect(matchesValue(expect.arrayContaining(['a']), ['b'])).toBe(false);
});

test('arrays match element by element, with the same length', () => {
  expect(matchesValue(['a', /b/], ['a', 'bb'])).toBe(true);
  expect(matchesValue(['a'], ['a', 'b'])).toBe(false);
  expect(matchesValue([], 'not an array')).toBe(false);
});

test('plain objects match partially, and undefined means absent', () => {
  expect(matchesValue({ a: 1 }, { a: 1, b: 2 })).toBe(true);
  expect(matchesValue({ a: 1, c: undefined }, { a: 1 })).toBe(true);
  expect(matchesValue({ c: undefined }, { c: 3 })).toBe(false);
  expect(matchesValue({ a: 1 }, null)).toBe(false);
});
