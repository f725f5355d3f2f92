import { describe, expect, test } from 'vitest';
import { ListedSteps } from '../../src/plan/listed-steps.js';

describe('listed steps', () => {
  test('keeps each id and dependsOn, in order, however many dependencies a step lists', () => {
    const listed = new ListedSteps(3);
    listed.add({ id: 'a', tool: 't' }, 0);
    listed.add({ id: 'b', tool: 't', dependsOn: ['a'] }, 1);
    // More than the room for two per step made up front.
    const many = ['a', 'b', 'x', 'y', 'z', 'w', 'v'];
    listed.add({ id: 'c', tool: 't', dependsOn: many }, 2);
    expect(listed.ids).toEqual(['a', 'b', 'c']);
    expect(listed.dependencyCount).toBe(8);
    expect([0, 1, 2].map((index) => listed.dependsOnOf(index))).toEqual([[], ['a'], many]);
    expect(listed.dependsOnOf(2)).not.toBe(many);
  });

  test('gives every length of dependsOn back exactly, as a new list each time', () => {
    const lists = [[], ['s0'], ['s0', 's1'], ['s0', 's1', 's2'], ['s0', 's1', 's2', 's3'], ['s0', 's1', 's2', 's3', 's4']];
    const listed = new ListedSteps(lists.length);
    for (const [index, dependsOn] of lists.entries()) listed.add({ id: `t${index}`, tool: 't', dependsOn }, index);
    for (const [index, dependsOn] of lists.entries()) {
      const given = listed.dependsOnOf(index);
      expect(given).toEqual(dependsOn);
      expect(given).not.toBe(listed.dependsOnOf(index));
      given.push('changed');
      expect(listed.dependsOnOf(index)).toEqual(dependsOn);
    }
  });
});
