import { describe, expect, test } from 'vitest';
import { chainToSink } from '../../src/plan/chain-to-sink.js';

const invert = (dependencies: number[][]) => {
  const dependents: number[][] = dependencies.map(() => []);
  dependencies.forEach((deps, index) => {
    for (const dep of deps) dependents[dep]?.push(index);
  });
  return dependents;
};
const lengths = (dependencies: number[][]) => [...chainToSink(dependencies, invert(dependencies))];

describe('chain to a sink', () => {
  test('counts the steps on the longest chain from each step to a step nothing depends on, itself included', () => {
    // 0 → 1 → 3 → 4 and 0 → 2 → 3; 5 stands alone.
    expect(lengths([[], [0], [0], [1, 2], [3], []])).toEqual([4, 3, 3, 2, 1, 1]);
  });

  test('takes the longest of several branches, whatever their plan order', () => {
    // 3 depends on 0 directly, and through 2 → 1 (listed before their dependency).
    expect(lengths([[], [2], [0], [0, 1]])).toEqual([4, 2, 3, 1]);
  });

  test('an empty plan has no lengths; independent steps are each one step long', () => {
    expect(lengths([])).toEqual([]);
    expect(lengths([[], [], []])).toEqual([1, 1, 1]);
  });

  test('a 50,000-step chain in reverse plan order is measured without exhausting the stack', () => {
    const deps = Array.from({ length: 50_000 }, (_, i) => (i < 49_999 ? [i + 1] : []));
    const result = lengths(deps);
    expect(result[49_999]).toBe(50_000);
    expect(result[0]).toBe(1);
  });
});
