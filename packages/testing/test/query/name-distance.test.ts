import { expect, test } from 'vitest';
import { editDistance, isCloseName, nameDistance } from '../../src/query/name-distance.js';

test('counts insertions, deletions, substitutions and swapped neighbours as one edit each', () => {
  expect(editDistance('ping', 'ping')).toBe(0);
  expect(editDistance('pnig', 'ping')).toBe(1);
  expect(editDistance('kitten', 'sitting')).toBe(3);
  expect(editDistance('', 'abc')).toBe(3);
  expect(editDistance('abc', '')).toBe(3);
});

test('compares a name with the whole span name or its first word', () => {
  expect(nameDistance('execute_tol', 'execute_tool ci_lookup')).toBe(1);
  expect(nameDistance('"group 1"', 'group 1')).toBe(2);
  expect(nameDistance('group 2', 'group 1')).toBe(1);
});

test('a name is close within about one edit per three characters', () => {
  expect(isCloseName('pnig', 1)).toBe(true);
  expect(isCloseName('pnig', 2)).toBe(false);
  expect(isCloseName('orchestrat', 3)).toBe(true);
});
