/** What the critical path needs to know about a step. */
export interface CriticalPathStep {
  key: string;
  ran: boolean;
  startMs: number;
  endMs: number;
  dependsOnKeys: readonly string[];
}

/**
 * The chain of dependencies that determined when the run's last step ended, from actual timings:
 * start at the step that ended last, then repeatedly step back to the dependency that finished
 * last (the one the step was waiting for), until a step without dependencies. Steps that never
 * ran are ignored. Ties go to the step that comes first in the given order. Returns step keys,
 * first step first.
 *
 * @example criticalPath(run.steps.map((s) => ({ ...s, startMs: s.span.startMs, endMs: s.span.endMs })))
 */
export function criticalPath(steps: readonly CriticalPathStep[]): string[] {
  const byKey = new Map<string, CriticalPathStep>();
  for (const step of steps) if (step.ran) byKey.set(step.key, step);
  const latest = (candidates: CriticalPathStep[]): CriticalPathStep | undefined => {
    let best: CriticalPathStep | undefined;
    for (const candidate of candidates) if (best === undefined || candidate.endMs > best.endMs) best = candidate;
    return best;
  };
  const path: string[] = [];
  const visited = new Set<string>();
  let current = latest([...byKey.values()]);
  while (current !== undefined && !visited.has(current.key)) {
    visited.add(current.key);
    path.push(current.key);
    const dependencies: CriticalPathStep[] = [];
    for (const key of current.dependsOnKeys) {
      const dependency = byKey.get(key);
      if (dependency !== undefined) dependencies.push(dependency);
    }
    current = latest(dependencies);
  }
  return path.reverse();
}

/** The dependency edges along a critical path, as `from->to` step keys. */
export function criticalEdges(path: readonly string[]): string[] {
  const edges: string[] = [];
  for (let index = 1; index < path.length; index += 1) edges.push(`${path[index - 1]}->${path[index]}`);
  return edges;
}
