import { topologicalOrder } from './graph.js';

/**
 * For each step, the number of steps on the longest dependency chain that starts at it and ends at a
 * step nothing depends on, itself included: 1 for a step nothing depends on. Counted in steps, as
 * tool durations are unknown before a run. Pure: `dependencies[i]` and `dependents[i]` list the
 * steps step `i` depends on and the steps that depend on it.
 *
 * @example chainToSink([[], [0], [1], [0]], [[1, 3], [2], [], []]) // [3, 2, 1, 1]
 */
export function chainToSink(dependencies: readonly (readonly number[])[], dependents: readonly (readonly number[])[]): Uint32Array {
  const length = new Uint32Array(dependencies.length);
  const order = topologicalOrder(dependencies);
  // Dependents come after their dependencies in `order`: walked backwards, each one is known first.
  for (let position = order.length - 1; position >= 0; position--) {
    const node = order[position] as number;
    let longest = 0;
    for (const next of dependents[node] ?? []) longest = Math.max(longest, length[next] as number);
    length[node] = longest + 1;
  }
  return length;
}
