import { describeSelector, explainNoMatch, formatNearMisses } from '../query/near-miss.js';
import { type Selector, selectNodes } from '../query/select.js';
import { type SerializeOptions, serializeTree } from '../snapshot/serialize-tree.js';
import { type CapturedSpan, type SpanLike, toCapturedSpans } from '../spans/captured-span.js';
import { SpanNotFoundError } from './errors.js';
import { SpanNode } from './span-node.js';
import { compareSpans } from './span-order.js';

const TREE_BRAND = Symbol.for('@tooltrace/testing:SpanTree');

/**
 * Captured spans as a tree: parent/child from span ids, siblings sorted by start time (then name),
 * links resolved to nodes. Spans whose parent was not captured are roots.
 *
 * @example
 * const tree = await capture.tree();
 * tree.get('execute_tool[tooltrace.step.id="metrics"]').parent?.name // 'group 1'
 */
export class SpanTree {
  /** Top-level spans, in start order. */
  readonly roots: readonly SpanNode[];
  /** Every span in tree order: depth-first, parents before children, siblings by start time. */
  readonly nodes: readonly SpanNode[];

  constructor(roots: readonly SpanNode[]) {
    Object.defineProperty(this, TREE_BRAND, { value: true });
    this.roots = roots;
    this.nodes = roots.flatMap((root) => [root, ...root.descendants()]);
  }

  /** Builds a tree from captured spans or SDK spans (`ReadableSpan`, e.g. from an `InMemorySpanExporter`). */
  static from(spans: readonly (CapturedSpan | SpanLike)[]): SpanTree {
    return buildTree(toCapturedSpans(spans));
  }

  /** A tree of one node and its descendants (the nodes are shared, not copied). */
  static of(node: SpanNode): SpanTree {
    return new SpanTree([node]);
  }

  /** Number of spans. */
  get size(): number {
    return this.nodes.length;
  }

  /** Spans that have not ended (read before they ended). */
  get unended(): SpanNode[] {
    return this.nodes.filter((node) => !node.ended);
  }

  /** The first span matching the selector, or undefined. */
  find(selector: Selector): SpanNode | undefined {
    return this.findAll(selector)[0];
  }

  /** Every span matching the selector, in tree order. */
  findAll(selector: Selector): SpanNode[] {
    return selectNodes(selector, this.nodes, this.nodes);
  }

  /** The first span matching the selector; throws {@link SpanNotFoundError} naming the nearest spans. */
  get(selector: Selector): SpanNode {
    const found = this.find(selector);
    if (found) return found;
    const nearest = explainNoMatch(selector, this.nodes, this.nodes);
    const where = this.size === 0 ? 'in an empty tree (no spans were captured)' : `among ${this.size} spans`;
    throw new SpanNotFoundError(describeSelector(selector), where, formatNearMisses(nearest));
  }

  /** Stable text of the tree (see {@link serializeTree}). */
  toString(options?: SerializeOptions): string {
    return serializeTree(this, options);
  }
}

/** Whether a value is a {@link SpanTree} (also across copies of this package). */
export function isSpanTree(value: unknown): value is SpanTree {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[TREE_BRAND] === true;
}

/** Builds a {@link SpanTree} from captured spans. */
export function buildTree(spans: readonly CapturedSpan[]): SpanTree {
  const key = (traceId: string, spanId: string): string => `${traceId}/${spanId}`;
  const byKey = new Map<string, SpanNode>();
  const sorted = [...spans].sort(compareSpans);
  for (const span of sorted) byKey.set(key(span.traceId, span.spanId), new SpanNode(span));
  const roots: SpanNode[] = [];
  for (const node of byKey.values()) {
    const parent = node.span.parentSpanId === undefined ? undefined : byKey.get(key(node.traceId, node.span.parentSpanId));
    if (parent && parent !== node) {
      node._parent = parent;
      parent._children.push(node);
    } else {
      roots.push(node);
    }
    node._links = node.span.links.map((link) => ({ ...link, target: byKey.get(key(link.traceId, link.spanId)) }));
  }
  const tree = new SpanTree(roots);
  for (const node of tree.nodes) node._owner = tree;
  return tree;
}
