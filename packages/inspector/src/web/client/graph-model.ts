import type { StepStatusName, StepView } from '../../model/trace-view-types.js';

/** A node of the dependency graph: a step, or a whole execution group when the graph is summarised. */
export interface GraphNodeModel {
  id: string;
  kind: 'step' | 'group';
  /** Step id, or `Group n`. */
  label: string;
  /** Tool name, or the group's step count. */
  detail: string;
  /** `G2 #0`: the execution group and the order the step started in within it (`G2` alone if it never started). */
  badge: string;
  /** The step's status; for a group the most severe status among its steps. */
  status: StepStatusName;
  critical: boolean;
  stepKey: string | null;
  groupIndex: number;
  durationMs: number | null;
}

/** A dependency edge: between steps, or between groups (with the number of step edges it stands for). */
export interface GraphEdgeModel {
  from: string;
  to: string;
  /** `fromStepId->toStepId` (or `g1->g2`), what the page writes to `data-edge`/`data-group-edge`. */
  name: string;
  critical: boolean;
  count: number;
}

/** The graph to lay out: one node per step, or per group past the node limit. */
export interface GraphModel {
  summarized: boolean;
  totalSteps: number;
  nodes: GraphNodeModel[];
  edges: GraphEdgeModel[];
}

/**
 * Builds the dependency graph of a run. Past `nodeLimit` steps the graph is summarised: one node
 * per execution group, one edge per pair of groups with dependencies between them (laying out and
 * drawing thousands of nodes would freeze the page; the timeline and search still reach every step).
 *
 * `criticalEdgeNames` holds critical edges as `fromKey->toKey` step keys.
 */
export function buildGraphModel(
  steps: readonly StepView[],
  criticalKeys: ReadonlySet<string>,
  criticalEdgeNames: ReadonlySet<string>,
  nodeLimit: number,
): GraphModel {
  const byKey = new Map(steps.map((step) => [step.key, step]));
  if (steps.length <= nodeLimit) {
    const nodes: GraphNodeModel[] = steps.map((step) => ({
      id: step.key,
      kind: 'step',
      label: step.stepId,
      detail: step.tool,
      badge: step.executionOrder === null ? `G${step.groupIndex}` : `G${step.groupIndex} #${step.executionOrder}`,
      status: step.status,
      critical: criticalKeys.has(step.key),
      stepKey: step.key,
      groupIndex: step.groupIndex,
      durationMs: step.ran ? step.span.durationMs : null,
    }));
    const edges: GraphEdgeModel[] = [];
    for (const step of steps) {
      for (const key of step.dependsOnKeys) {
        const from = byKey.get(key);
        if (from === undefined) continue;
        edges.push({
          from: from.key,
          to: step.key,
          name: `${from.stepId}->${step.stepId}`,
          critical: criticalEdgeNames.has(`${from.key}->${step.key}`),
          count: 1,
        });
      }
    }
    return { summarized: false, totalSteps: steps.length, nodes, edges };
  }
  return summarizeByGroup(steps, byKey, criticalKeys, criticalEdgeNames);
}

export function summarizeByGroup(
  steps: readonly StepView[],
  byKey: Map<string, StepView>,
  criticalKeys: ReadonlySet<string>,
  criticalEdgeNames: ReadonlySet<string>,
): GraphModel {
  const severity: StepStatusName[] = ['ok', 'unknown', 'skipped', 'cancelled', 'timed_out', 'error'];
  const groups = new Map<number, GraphNodeModel & { steps: number; startMs: number; endMs: number }>();
  for (const step of steps) {
    let group = groups.get(step.groupIndex);
    if (group === undefined) {
      group = {
        id: `group-${step.groupIndex}`,
        kind: 'group',
        label: `Group ${step.groupIndex}`,
        detail: '',
        badge: '',
        status: 'ok',
        critical: false,
        stepKey: null,
        groupIndex: step.groupIndex,
        durationMs: null,
        steps: 0,
        startMs: step.span.startMs,
        endMs: step.span.endMs,
      };
      groups.set(step.groupIndex, group);
    }
    group.steps += 1;
    group.startMs = Math.min(group.startMs, step.span.startMs);
    group.endMs = Math.max(group.endMs, step.span.endMs);
    if (severity.indexOf(step.status) > severity.indexOf(group.status)) group.status = step.status;
    if (criticalKeys.has(step.key)) group.critical = true;
  }
  const nodes: GraphNodeModel[] = [...groups.values()]
    .sort((a, b) => a.groupIndex - b.groupIndex)
    .map(({ steps: count, startMs, endMs, ...node }) => ({
      ...node,
      detail: `${count} step${count === 1 ? '' : 's'}`,
      durationMs: endMs - startMs,
    }));
  const edges = new Map<string, GraphEdgeModel>();
  for (const step of steps) {
    for (const key of step.dependsOnKeys) {
      const from = byKey.get(key);
      if (from === undefined || from.groupIndex === step.groupIndex) continue;
      const name = `g${from.groupIndex}->g${step.groupIndex}`;
      const edge = edges.get(name) ?? {
        from: `group-${from.groupIndex}`,
        to: `group-${step.groupIndex}`,
        name,
        critical: false,
        count: 0,
      };
      edge.count += 1;
      if (criticalEdgeNames.has(`${from.key}->${step.key}`)) edge.critical = true;
      edges.set(name, edge);
    }
  }
  return { summarized: true, totalSteps: steps.length, nodes, edges: [...edges.values()] };
}
