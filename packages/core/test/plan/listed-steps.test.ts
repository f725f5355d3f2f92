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
});
