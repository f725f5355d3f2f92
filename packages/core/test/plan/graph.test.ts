import { describe, expect, test } from 'vitest';
import { dependencyLevels, findCycle, longestChain, topologicalOrder } from '../../src/plan/graph.js';

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

  test('the longest chain prefers the first chain in plan order on ties', () => {
    expect(longestChain(diamond)).toEqual([0, 1, 3, 4]);
    expect(longestChain([[], [], [1]])).toEqual([1, 2]);
    expect(longestChain([])).toEqual([]);
  });
});
