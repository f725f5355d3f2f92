/**
 * Pure dependency-graph analysis over step indexes. `dependencies[i]` lists the indexes step `i`
 * depends on, as arrays or as {@link DependencyRows}. No clocks, no I/O: the planner is tested on its own.
 */

/**
 * Dependencies in compressed rows: step `i` depends on `targets[offsets[i]]` up to
 * `targets[offsets[i + 1] - 1]`. Two typed arrays rather than one array per step: a large typed
 * array lives off the GC heap, so a 100k-step plan's graph is never copied by a scavenge.
 */
export interface DependencyRows {
  /** `steps + 1` offsets into `targets`, ascending. */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
}

/** Dependencies as lists of step indexes, or already in rows. */
export type Dependencies = readonly (readonly number[])[] | DependencyRows;

/** The rows of dependency lists (rows are returned as they are). */
export function dependencyRows(dependencies: Dependencies): DependencyRows {
  if (!Array.isArray(dependencies)) return dependencies as DependencyRows;
  const lists = dependencies as readonly (readonly number[])[];
  const offsets = new Int32Array(lists.length + 1);
  for (let node = 0; node < lists.length; node++) offsets[node + 1] = (offsets[node] as number) + (lists[node] as readonly number[]).length;
  const targets = new Int32Array(offsets[lists.length] as number);
  let at = 0;
  for (const deps of lists) for (const dep of deps) targets[at++] = dep;
  return { offsets, targets };
}

/**
 * Depth-first post-order walk over dependencies, iterative so that long chains cannot exhaust the
 * stack. Calls `onCycle` with the path when it meets a node still on the path; returns the
 * post-order (dependencies before dependents, plan order on ties).
 */
function walk({ offsets, targets }: DependencyRows, onCycle?: (cycle: number[]) => void): Int32Array {
  const nodes = offsets.length - 1;
  const state = new Uint8Array(nodes); // 0 new, 1 on the path, 2 done
  const order = new Int32Array(nodes);
  let ordered = 0;
  // The path, and for each node on it the position of its next dependency in `targets`.
  const path = new Int32Array(nodes);
  const nextDep = new Int32Array(nodes);
  for (let root = 0; root < nodes; root++) {
    if (state[root] !== 0) continue;
    state[root] = 1;
    path[0] = root;
    nextDep[0] = offsets[root] as number;
    let depth = 1;
    while (depth > 0) {
      const node = path[depth - 1] as number;
      const position = nextDep[depth - 1] as number;
      if (position < (offsets[node + 1] as number)) {
        nextDep[depth - 1] = position + 1;
        const dep = targets[position] as number;
        if (state[dep] === 1 && onCycle) {
          onCycle([...path.subarray(path.subarray(0, depth).indexOf(dep), depth), dep]);
          return order.subarray(0, ordered);
        }
        if (state[dep] === 0) {
          state[dep] = 1;
          path[depth] = dep;
          nextDep[depth] = offsets[dep] as number;
          depth++;
        }
      } else {
        state[node] = 2;
        order[ordered++] = node;
        depth--;
      }
    }
  }
  return order;
}

/** Returns one cycle as step indexes, first index repeated at the end, or null when acyclic. */
export function findCycle(dependencies: Dependencies): number[] | null {
  let found: number[] | null = null;
  walk(dependencyRows(dependencies), (cycle) => {
    found = cycle;
  });
  return found;
}

/** A topological order of an acyclic graph: dependencies before dependents, plan order on ties. */
export function topologicalOrder(dependencies: Dependencies): number[] {
  return Array.from(walk(dependencyRows(dependencies)));
}

/** Dependency level of each step: 0 for roots, else 1 + the deepest dependency's level. */
export function dependencyLevels(dependencies: Dependencies): number[] {
  const rows = dependencyRows(dependencies);
  return Array.from(levelsFromOrder(rows, walk(rows)));
}

/**
 * The dependency levels of an acyclic graph, or one of its cycles (as {@link findCycle} returns it):
 * validation needs both, and one walk gives both. Takes rows only: validation has them already.
 */
export function levelsOrCycle(rows: DependencyRows): { levels: Int32Array; cycle: null } | { levels: null; cycle: number[] } {
  const found: { cycle: number[] | null } = { cycle: null };
  const order = walk(rows, (cycle) => {
    found.cycle = cycle;
  });
  if (found.cycle) return { levels: null, cycle: found.cycle };
  return { levels: levelsFromOrder(rows, order), cycle: null };
}

function levelsFromOrder({ offsets, targets }: DependencyRows, order: Int32Array): Int32Array {
  const levels = new Int32Array(offsets.length - 1);
  // Indexed loops over typed arrays here: a for-of that runs before the function is optimized
  // allocates an iterator result per item.
  for (let at = 0; at < order.length; at++) {
    const node = order[at] as number;
    let level = 0;
    for (let position = offsets[node] as number; position < (offsets[node + 1] as number); position++) {
      const next = (levels[targets[position] as number] as number) + 1;
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
export function longestChain(dependencies: Dependencies, levels?: ArrayLike<number>): number[] {
  const rows = dependencyRows(dependencies);
  const { offsets, targets } = rows;
  if (offsets.length <= 1) return [];
  // The longest chain ending at a node is its level + 1 long: comparing levels compares lengths.
  const length = levels ?? levelsFromOrder(rows, walk(rows));
  let end = 0;
  for (let node = 1; node < length.length; node++) {
    if ((length[node] as number) > (length[end] as number)) end = node;
  }
  const chain = [end];
  let current = end;
  while ((offsets[current + 1] as number) > (offsets[current] as number)) {
    let best = -1;
    for (let position = offsets[current] as number; position < (offsets[current + 1] as number); position++) {
      const dep = targets[position] as number;
      if (best === -1 || (length[dep] as number) > (length[best] as number) || (length[dep] === length[best] && dep < best)) best = dep;
    }
    chain.push(best);
    current = best;
  }
  return chain.reverse();
}
