/**
 * Pure dependency-graph analysis over step indexes. `dependencies[i]` lists the indexes step `i`
 * depends on. No clocks, no I/O: the planner is tested on its own.
 */

/**
 * Depth-first post-order walk over dependencies, iterative so that long chains cannot exhaust the
 * stack. Calls `onCycle` with the path when it meets a node still on the path; returns the
 * post-order (dependencies before dependents, plan order on ties).
 */
function walk(dependencies: readonly (readonly number[])[], onCycle?: (cycle: number[]) => void): number[] {
  const state = new Uint8Array(dependencies.length); // 0 new, 1 on the path, 2 done
  const order: number[] = [];
  const path: number[] = [];
  const nextDep: number[] = [];
  for (let root = 0; root < dependencies.length; root++) {
    if (state[root] !== 0) continue;
    state[root] = 1;
    path.push(root);
    nextDep.push(0);
    while (path.length > 0) {
      const top = path.length - 1;
      const node = path[top] as number;
      const deps = dependencies[node] ?? [];
      const position = nextDep[top] as number;
      if (position < deps.length) {
        nextDep[top] = position + 1;
        const dep = deps[position] as number;
        if (state[dep] === 1 && onCycle) {
          onCycle([...path.slice(path.indexOf(dep)), dep]);
          return order;
        }
        if (state[dep] === 0) {
          state[dep] = 1;
          path.push(dep);
          nextDep.push(0);
        }
      } else {
        state[node] = 2;
        order.push(node);
        path.pop();
        nextDep.pop();
      }
    }
  }
  return order;
}

/** Returns one cycle as step indexes, first index repeated at the end, or null when acyclic. */
export function findCycle(dependencies: readonly (readonly number[])[]): number[] | null {
  let found: number[] | null = null;
  walk(dependencies, (cycle) => {
    found = cycle;
  });
  return found;
}

/** A topological order of an acyclic graph: dependencies before dependents, plan order on ties. */
export function topologicalOrder(dependencies: readonly (readonly number[])[]): number[] {
  return walk(dependencies);
}

/** Dependency level of each step: 0 for roots, else 1 + the deepest dependency's level. */
export function dependencyLevels(dependencies: readonly (readonly number[])[]): number[] {
  return levelsFromOrder(dependencies, walk(dependencies));
}

/**
 * The dependency levels of an acyclic graph, or one of its cycles (as {@link findCycle} returns it):
 * validation needs both, and one walk gives both.
 */
export function levelsOrCycle(
  dependencies: readonly (readonly number[])[],
): { levels: number[]; cycle: null } | { levels: null; cycle: number[] } {
  const found: { cycle: number[] | null } = { cycle: null };
  const order = walk(dependencies, (cycle) => {
    found.cycle = cycle;
  });
  if (found.cycle) return { levels: null, cycle: found.cycle };
  return { levels: levelsFromOrder(dependencies, order), cycle: null };
}

function levelsFromOrder(dependencies: readonly (readonly number[])[], order: readonly number[]): number[] {
  const levels = new Array<number>(dependencies.length).fill(0);
  for (const node of order) {
    let level = 0;
    for (const dep of dependencies[node] ?? []) {
      const next = (levels[dep] ?? 0) + 1;
      if (next > level) level = next;
    }
    levels[node] = level;
  }
  return levels;
}

/**
 * The longest dependency chain, root first. Ties go to the chain that comes first in plan order.
 * Pass `levels` when they are known (they are {@link dependencyLevels} of the same graph).
 */
export function longestChain(
  dependencies: readonly (readonly number[])[],
  levels: readonly number[] = dependencyLevels(dependencies),
): number[] {
  if (dependencies.length === 0) return [];
  // The longest chain ending at a node is its level + 1 long: comparing levels compares lengths.
  const length = levels;
  let end = 0;
  for (let node = 1; node < length.length; node++) {
    if ((length[node] ?? 0) > (length[end] ?? 0)) end = node;
  }
  const chain = [end];
  let current = end;
  while ((dependencies[current] ?? []).length > 0) {
    let best = -1;
    for (const dep of dependencies[current] ?? []) {
      if (best === -1 || (length[dep] ?? 0) > (length[best] ?? 0) || ((length[dep] ?? 0) === (length[best] ?? 0) && dep < best)) {
        best = dep;
      }
    }
    chain.push(best);
    current = best;
  }
  return chain.reverse();
}
