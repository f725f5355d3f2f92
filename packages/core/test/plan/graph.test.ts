import { describe, expect, test } from 'vitest';
import { dependencyLevels, dependencyRows, findCycle, levelsOrCycle, longestChain, topologicalOrder } from '../../src/plan/graph.js';

describe('graph analysis', () => {
  const diamond = [[], [0], [0], [1, 2], [3]];

  test('levels are the longest path from a root', () => {
    expect(dependencyLevels(diamond)).toEqual([0, 1, 1, 2, 3]);
    expect(dependencyLevels([[], [], [0, 1], [0]])).toEqual([0, 0, 1, 1]);
  });

  test('topological order puts dependencies first, plan order on ties', () => {
    expect(topologicalOrder([[2], [], []])).toEqual([2, 0, 1]);
  });

  test('finds a cycle and returns it closed', () => {
    expect(findCycle(diamond)).toBeNull();
    expect(findCycle([[1], [2], [0]])).toEqual([0, 1, 2, 0]);
  });

  test('one walk gives the levels of an acyclic graph, or the cycle findCycle finds', () => {
    expect(levelsOrCycle(dependencyRows(diamond))).toEqual({ levels: Int32Array.from(dependencyLevels(diamond)), cycle: null });
    expect(levelsOrCycle(dependencyRows([[], [2], [3], [1]]))).toEqual({ levels: null, cycle: findCycle([[], [2], [3], [1]]) });
    expect(levelsOrCycle(dependencyRows([[], [2], [3], [1]])).cycle).toEqual([1, 2, 3, 1]);
  });

  test('the longest chain is the same from known levels', () => {
    expect(longestChain(diamond, dependencyLevels(diamond))).toEqual(longestChain(diamond));
  });

  test('the longest chain prefers the first chain in plan order on ties', () => {
    expect(longestChain(diamond)).toEqual([0, 1, 3, 4]);
    expect(longestChain([[], [], [1]])).toEqual([1, 2]);
    expect(longestChain([])).toEqual([]);
  });
});

describe('large graphs', () => {
  const reverseChain = (size: number) => Array.from({ length: size }, (_, i) => (i < size - 1 ? [i + 1] : []));

  test('a 50,000-step chain in reverse plan order is analysed without exhausting the stack', () => {
    const deps = reverseChain(50_000);
    expect(findCycle(deps)).toBeNull();
    expect(topologicalOrder(deps).slice(0, 2)).toEqual([49_999, 49_998]);
    expect(dependencyLevels(deps)[0]).toBe(49_999);
    expect(longestChain(deps)).toHaveLength(50_000);
  });

  test('a 50,000-step cycle is found', () => {
    const deps = reverseChain(50_000);
    deps[49_999] = [0];
    expect(findCycle(deps)).toHaveLength(50_001);
  });
});
