/**
 * Pure dependency-graph analysis over step indexes. `dependencies[i]` lists the indexes step `i`
 * depends on. No clocks, no I/O: the planner is tested on its own.
 */

/** Returns one cycle as step indexes, first index repeated at the end, or null when acyclic. */
export function findCycle(dependencies: readonly (readonly number[])[]): number[] | null {
  const state = new Uint8Array(dependencies.length); // 0 new, 1 on stack, 2 done
  const stack: number[] = [];
  const visit = (node: number): number[] | null => {
    state[node] = 1;
    stack.push(node);
    for (const dep of dependencies[node] ?? []) {
      if (state[dep] === 1) return [...stack.slice(stack.indexOf(dep)), dep];
      if (state[dep] === 0) {
        const cycle = visit(dep);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state[node] = 2;
    return null;
  };
  for (let node = 0; node < dependencies.length; node++) {
    if (state[node] === 0) {
      const cycle = visit(node);
      if (cycle) return cycle;
    }
  }
  return null;
}

/** A topological order of an acyclic graph: dependencies before dependents, plan order on ties. */
export function topologicalOrder(dependencies: readonly (readonly number[])[]): number[] {
  const order: number[] = [];
  const placed = new Uint8Array(dependencies.length);
  const place = (node: number): void => {
    if (placed[node]) return;
    placed[node] = 1;
    for (const dep of dependencies[node] ?? []) place(dep);
    order.push(node);
  };
  for (let node = 0; node < dependencies.length; node++) place(node);
  return order;
}

/** Dependency level of each step: 0 for roots, else 1 + the deepest dependency's level. */
export function dependencyLevels(dependencies: readonly (readonly number[])[]): number[] {
  const levels = new Array<number>(dependencies.length).fill(0);
  for (const node of topologicalOrder(dependencies)) {
    let level = 0;
    for (const dep of dependencies[node] ?? []) level = Math.max(level, (levels[dep] ?? 0) + 1);
    levels[node] = level;
  }
  return levels;
}

/**
 * The longest dependency chain, root first. Ties go to the chain that comes first in plan order.
 */
export function longestChain(dependencies: readonly (readonly number[])[]): number[] {
  if (dependencies.length === 0) return [];
  const length = dependencyLevels(dependencies).map((level) => level + 1);
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
