import dagre from '@dagrejs/dagre';
import type { GraphEdgeModel, GraphModel, GraphNodeModel } from './graph-model.js';

/** A point in graph coordinates. */
export interface GraphPoint {
  x: number;
  y: number;
}

/** A laid-out node: its centre and size. */
export type PlacedNode = GraphNodeModel & { x: number; y: number; width: number; height: number };

/** A laid-out edge: the route dagre chose, ending at the target node's border. */
export type PlacedEdge = GraphEdgeModel & { points: GraphPoint[] };

/** A graph with coordinates, ready to draw in an SVG of `width` × `height`. */
export interface PlacedGraph {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

/**
 * Lays the graph out left to right with dagre, one column per execution group: a node's column is
 * its group index (dagre's ordering still minimises crossings within that). When an edge would not
 * point to a later group (a trace whose groups do not follow its dependencies), dagre ranks instead.
 */
export function layoutGraph(model: GraphModel, nodeSize: { width: number; height: number }): PlacedGraph {
  const graph = new dagre.graphlib.Graph();
  const byGroup = columnsFollowEdges(model);
  // ranker 'none' (dagre 3) keeps the ranks set on the nodes; dagre halves rank spacing, hence 2 × group.
  graph.setGraph({
    rankdir: 'LR',
    nodesep: 22,
    ranksep: 64,
    edgesep: 12,
    marginx: 20,
    marginy: 20,
    ...(byGroup ? { ranker: 'none' } : {}),
  });
  graph.setDefaultEdgeLabel(() => ({}));
  const minGroup = Math.min(...model.nodes.map((node) => node.groupIndex));
  for (const node of model.nodes) {
    graph.setNode(node.id, {
      width: nodeSize.width,
      height: nodeSize.height,
      ...(byGroup ? { rank: 2 * (node.groupIndex - minGroup) } : {}),
    });
  }
  for (const edge of model.edges) graph.setEdge(edge.from, edge.to);
  dagre.layout(graph);
  const nodes: PlacedNode[] = model.nodes.map((node) => {
    const placed = graph.node(node.id);
    return { ...node, x: placed.x, y: placed.y, width: nodeSize.width, height: nodeSize.height };
  });
  const edges: PlacedEdge[] = model.edges.map((edge) => {
    const placed = graph.edge(edge.from, edge.to);
    const points = (placed?.points ?? []).map((point: GraphPoint) => ({ x: point.x, y: point.y }));
    return { ...edge, points };
  });
  const label = graph.graph();
  return { width: label.width ?? 0, height: label.height ?? 0, nodes, edges };
}

/** Whether every edge goes from an earlier execution group to a later one (so groups can be columns). */
export function columnsFollowEdges(model: GraphModel): boolean {
  const groupOf = new Map(model.nodes.map((node) => [node.id, node.groupIndex]));
  return model.edges.every((edge) => (groupOf.get(edge.from) ?? 0) < (groupOf.get(edge.to) ?? 0));
}

/** An SVG path through an edge's points, smoothed as a uniform B-spline (as d3's curveBasis). */
export function edgePath(points: readonly GraphPoint[]): string {
  const [first, ...rest] = points;
  if (first === undefined) return '';
  const format = (value: number): string => String(Math.round(value * 10) / 10);
  let path = `M${format(first.x)},${format(first.y)}`;
  if (rest.length === 0) return path;
  if (rest.length === 1 && rest[0] !== undefined) return `${path}L${format(rest[0].x)},${format(rest[0].y)}`;
  let previous = first;
  let current = rest[0] ?? first;
  const curve = (next: GraphPoint): string =>
    `C${format((2 * previous.x + current.x) / 3)},${format((2 * previous.y + current.y) / 3)} ` +
    `${format((previous.x + 2 * current.x) / 3)},${format((previous.y + 2 * current.y) / 3)} ` +
    `${format((previous.x + 4 * current.x + next.x) / 6)},${format((previous.y + 4 * current.y + next.y) / 6)}`;
  path += `L${format((5 * previous.x + current.x) / 6)},${format((5 * previous.y + current.y) / 6)}`;
  for (const next of rest.slice(1)) {
    path += curve(next);
    previous = current;
    current = next;
  }
  path += curve(current);
  path += `L${format(current.x)},${format(current.y)}`;
  return path;
}
