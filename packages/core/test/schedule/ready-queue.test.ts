import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ReadyQueue } from '../../src/schedule/ready-queue.js';

const drain = (queue: ReadyQueue) => {
  const order: number[] = [];
  for (let next = queue.pop(); next !== -1; next = queue.pop()) order.push(next);
  return order;
};

describe('ready queue', () => {
  test('without priorities, first in first out, reusing its storage as steps come and go', () => {
    const queue = new ReadyQueue(3, null);
    queue.push(2);
    queue.push(0);
    expect(queue.pop()).toBe(2);
    queue.push(1);
    queue.push(2);
    expect(queue.size).toBe(3);
    expect(drain(queue)).toEqual([0, 1, 2]);
    expect(queue.size).toBe(0);
  });

  test('with priorities, the highest first; equal priorities in the order they were pushed', () => {
    const queue = new ReadyQueue(5, Uint32Array.from([1, 3, 1, 3, 2]));
    for (const index of [2, 0, 3, 4, 1]) queue.push(index);
    expect(drain(queue)).toEqual([3, 1, 4, 2, 0]);
  });

  test('any interleaving of pushes and pops matches a sorted list (priority, then push order)', () => {
    const scenario = fc.integer({ min: 1, max: 40 }).chain((steps) =>
      fc.record({
        priority: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: steps, maxLength: steps }),
        operations: fc.array(fc.oneof(fc.integer({ min: 0, max: steps - 1 }), fc.constant(-1)), { maxLength: 120 }),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ priority, operations }) => {
        const queue = new ReadyQueue(priority.length, Uint32Array.from(priority));
        let model: { index: number; order: number }[] = [];
        let pushes = 0;
        for (const operation of operations) {
          // A step is queued at most once at a time, as in a run.
          if (operation >= 0 && !model.some((entry) => entry.index === operation)) {
            queue.push(operation);
            model.push({ index: operation, order: pushes++ });
          } else if (operation === -1) {
            model.sort((a, b) => (priority[b.index] ?? 0) - (priority[a.index] ?? 0) || a.order - b.order);
            expect(queue.pop()).toBe(model[0]?.index ?? -1);
            model = model.slice(1);
          }
          expect(queue.size).toBe(model.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
