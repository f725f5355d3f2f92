import { type TooltraceRole, tooltraceRole } from './span-roles.js';
import type { InspectorSpan, InspectorTrace } from './types.js';

/** A span in the trace's parent/child tree. */
export interface SpanTreeNode {
  span: InspectorSpan;
  /** 0 for a root. */
  depth: number;
  /** Children in trace order (start time, parents first). */
  children: SpanTreeNode[];
  /** The span's place in the tooltrace hierarchy, or null for other spans (HTTP, DB, model calls…). */
  role: TooltraceRole | null;
  /** The nearest step span at or above this span (a tool's own call runs in it), or null. */
  stepSpanId: string | null;
}

/**
 * Every span of the trace as a tree: roots are spans without a parent in the trace; a parent cycle
 * (malformed input) is cut where it is found, so each span appears exactly once.
 */
export function buildSpanTree(trace: InspectorTrace): SpanTreeNode[] {
  const nodes = new Map<string, SpanTreeNode>();
  for (const span of trace.spans) {
    nodes.set(span.spanId, { span, depth: 0, children: [], role: tooltraceRole(span), stepSpanId: null });
  }
  const roots: SpanTreeNode[] = [];
  for (const node of nodes.values()) {
    const parentId = node.span.parentSpanId;
    const parent = parentId === null ? undefined : nodes.get(parentId);
    if (parent === undefined) roots.push(node);
    else parent.children.push(node);
  }
  const placed = new Set<string>();
  const place = (root: SpanTreeNode): void => {
    const stack: { node: SpanTreeNode; depth: number; stepSpanId: string | null }[] = [{ node: root, depth: 0, stepSpanId: null }];
    while (stack.length > 0) {
      const { node, depth, stepSpanId } = stack.pop() as { node: SpanTreeNode; depth: number; stepSpanId: string | null };
      placed.add(node.span.spanId);
      node.depth = depth;
      node.stepSpanId = node.role === 'step' ? node.span.spanId : stepSpanId;
      node.children = node.children.filter((child) => !placed.has(child.span.spanId) && child !== root);
      for (const child of node.children) stack.push({ node: child, depth: depth + 1, stepSpanId: node.stepSpanId });
    }
  };
  for (const root of roots) place(root);
  // Spans in a parent cycle are reached from no root: the first of each cycle becomes one.
  for (const node of nodes.values()) {
    if (placed.has(node.span.spanId)) continue;
    roots.push(node);
    place(node);
  }
  return roots;
}

/** The rows a tree shows: depth-first, skipping the children of collapsed spans (by span id). */
export function visibleSpanRows(roots: readonly SpanTreeNode[], collapsed: ReadonlySet<string>): SpanTreeNode[] {
  const rows: SpanTreeNode[] = [];
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as SpanTreeNode;
    rows.push(node);
    if (collapsed.has(node.span.spanId)) continue;
    for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index] as SpanTreeNode);
  }
  return rows;
}

/** Spans that start collapsed: those with more than `maxChildren` children (a group of 500 steps). */
export function initiallyCollapsed(roots: readonly SpanTreeNode[], maxChildren: number): Set<string> {
  const collapsed = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const node = stack.pop() as SpanTreeNode;
    if (node.children.length > maxChildren) collapsed.add(node.span.spanId);
    stack.push(...node.children);
  }
  return collapsed;
}
