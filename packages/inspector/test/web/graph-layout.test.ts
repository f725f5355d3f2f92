import { describe, expect, it } from 'vitest';
import { buildTraceView } from '../../src/model/trace-view.js';
import type { RunView } from '../../src/model/trace-view-types.js';
import { columnsFollowEdges, edgePath, layoutGraph } from '../../src/web/client/graph-layout.js';
import { buildGraphModel, type GraphModel, type GraphNodeModel } from '../../src/web/client/graph-model.js';
import { randomDag } from '../support/random-dag.js';
import { fixtureTrace } from './fixtures.js';

const node = (id: string): GraphNodeModel => ({
  id,
  kind: 'step',
  label: id,
  detail: '',
  badge: '',
  status: 'ok',
  critical: false,
  stepKey: id,
  groupIndex: 0,
  durationMs: 1,
});

describe('layoutGraph', () => {
  it('places dependencies left of their dependents and routes every edge', () => {
    const model: GraphModel = {
      summarized: false,
      totalSteps: 3,
      nodes: [node('a'), node('b'), node('c')],
      edges: [
        { from: 'a', to: 'b', name: 'a->b', critical: false, count: 1 },
        { from: 'b', to: 'c', name: 'b->c', critical: false, count: 1 },
        { from: 'a', to: 'c', name: 'a->c', critical: false, count: 1 },
      ],
    };
    const placed = layoutGraph(model, { width: 100, height: 40 });
    const x = (id: string): number => placed.nodes.find((each) => each.id === id)?.x ?? Number.NaN;
    expect(x('a')).toBeLessThan(x('b'));
    expect(x('b')).toBeLessThan(x('c'));
    expect(placed.edges.every((edge) => edge.points.length >= 2)).toBe(true);
    expect(placed.width).toBeGreaterThan(300);
    expect(placed.nodes[0]).toMatchObject({ width: 100, height: 40 });
  });
});

describe('edgePath', () => {
  it('draws a line for two points and a smoothed curve through more', () => {
    expect(edgePath([])).toBe('');
    expect(
      edgePath([
        { x: 0, y: 0 },
        { x: 10, y: 5 },
      ]),
    ).toBe('M0,0L10,5');
    const curve = edgePath([
      { x: 0, y: 0 },
      { x: 6, y: 6 },
      { x: 12, y: 0 },
    ]);
    expect(curve.startsWith('M0,0L1,1C')).toBe(true);
    expect(curve.endsWith('L12,0')).toBe(true);
  });
});

describe('layoutGraph on random DAGs', () => {
  for (const [size, seed] of [
    [30, 1],
    [100, 2],
    [300, 3],
  ] as const) {
    it(`puts the ${size} steps of a random DAG in one column per execution group, every node inside the drawing`, () => {
      const dag = randomDag(size, seed);
      const run = buildTraceView(fixtureTrace(dag.steps)).runs[0] as RunView;
      const model = buildGraphModel(run.steps, new Set(), new Set(), 300);
      expect(model.summarized).toBe(false);
      const placed = layoutGraph(model, { width: 188, height: 54 });
      const columnOf = new Map<number, Set<number>>();
      for (const node of placed.nodes) columnOf.set(node.groupIndex, (columnOf.get(node.groupIndex) ?? new Set()).add(Math.round(node.x)));
      expect([...columnOf.values()].every((xs) => xs.size === 1)).toBe(true);
      const columns = [...columnOf.entries()].sort((a, b) => a[0] - b[0]).map(([, xs]) => [...xs][0] as number);
      expect(columns).toHaveLength(dag.groups);
      expect(columns).toEqual([...columns].sort((a, b) => a - b));
      expect(new Set(columns).size).toBe(dag.groups);
      for (const node of placed.nodes) {
        expect(node.x - node.width / 2).toBeGreaterThanOrEqual(0);
        expect(node.y - node.height / 2).toBeGreaterThanOrEqual(0);
        expect(node.x + node.width / 2).toBeLessThanOrEqual(placed.width);
        expect(node.y + node.height / 2).toBeLessThanOrEqual(placed.height);
      }
    });
  }

  it('falls back to dagre ranks when groups do not follow the dependencies', () => {
    const model: GraphModel = {
      summarized: false,
      totalSteps: 2,
      nodes: [node('a'), node('b')],
      edges: [{ from: 'a', to: 'b', name: 'a->b', critical: false, count: 1 }],
    };
    expect(columnsFollowEdges(model)).toBe(false);
    const placed = layoutGraph(model, { width: 100, height: 40 });
    expect((placed.nodes[0]?.x ?? 0) < (placed.nodes[1]?.x ?? 0)).toBe(true);
  });
});
