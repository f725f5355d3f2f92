import { describe, expect, test } from 'vitest';
import { StepIdIndex } from '../../src/plan/step-id-index.js';

/** Random ids from a small alphabet, so that repeats and hash collisions are common. */
function randomIds(count: number, seed: number): string[] {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state >>> 8;
  };
  return Array.from({ length: count }, () => {
    const length = 1 + (next() % 3);
    let id = '';
    for (let position = 0; position < length; position++) id += 'ab_-é'[next() % 5];
    return id;
  });
}

describe('step id index', () => {
  test('finds the first position of every id, and -1 for an id no step has, as a Map would', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const ids = randomIds(1 + (seed % 60), seed);
      const index = new StepIdIndex(ids);
      const firstById = new Map<string, number>();
      ids.forEach((id, position) => {
        expect(index.add(position)).toBe(firstById.get(id) ?? -1);
        if (!firstById.has(id)) firstById.set(id, position);
      });
      for (const probe of randomIds(40, seed + 1000)) expect(index.indexOf(probe)).toBe(firstById.get(probe) ?? -1);
    }
  });

  test('an id is found by its text, not only by the same string object', () => {
    const ids = Array.from({ length: 5000 }, (_, position) => `step-${position}`);
    const index = new StepIdIndex(ids);
    for (let position = 0; position < ids.length; position++) expect(index.add(position)).toBe(-1);
    expect(index.indexOf(['step', '4321'].join('-'))).toBe(4321);
    expect(index.indexOf('step-5000')).toBe(-1);
    expect(index.indexOf('')).toBe(-1);
  });
});
