import { describe, expect, it } from 'vitest';
import { edgePath, layoutGraph } from '../../src/web/client/graph-layout.js';
import type { GraphModel, GraphNodeModel } from '../../src/web/client/graph-model.js';

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
