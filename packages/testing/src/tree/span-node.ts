import type { Attributes } from '@opentelemetry/api';
import { describeSelector, explainNoMatch, formatNearMisses } from '../query/near-miss.js';
import { type Selector, selectNodes } from '../query/select.js';
import type { CapturedEvent, CapturedSpan, CapturedStatus, SpanKindName } from '../spans/captured-span.js';
import { SpanNotFoundError } from './errors.js';

/** A link from a span, resolved to the linked span when it is in the same tree. */
export interface SpanLinkNode {
  readonly traceId: string;
  readonly spanId: string;
  readonly attributes: Readonly<Attributes>;
  /** The linked span; undefined when it was not captured. */
  readonly target: SpanNode | undefined;
}

/** What a node needs of the tree it belongs to. */
export interface NodeOwner {
  readonly nodes: readonly SpanNode[];
}

const NODE_BRAND = Symbol.for('@tooltrace/testing:SpanNode');

/**
 * One span in a {@link SpanTree}: its data, its parent and children (siblings sorted by start
 * time, then name), and its links resolved to nodes. Queries on a node search its descendants.
 */
export class SpanNode {
  /** The span as captured. */
  readonly span: CapturedSpan;
  readonly name: string;
  readonly kind: SpanKindName;
  readonly attributes: Readonly<Attributes>;
  readonly events: readonly CapturedEvent[];
  readonly status: CapturedStatus;
  /** Epoch milliseconds. */
  readonly startMs: number;
  readonly endMs: number | undefined;
  readonly durationMs: number | undefined;
  readonly ended: boolean;
  readonly traceId: string;
  readonly spanId: string;
  /** @internal Set while the tree is built. */
  _parent: SpanNode | undefined = undefined;
  /** @internal */
  readonly _children: SpanNode[] = [];
  /** @internal */
  _links: SpanLinkNode[] = [];
  /** @internal */
  _owner: NodeOwner | undefined = undefined;

  constructor(span: CapturedSpan) {
    Object.defineProperty(this, NODE_BRAND, { value: true });
    this.span = span;
    this.name = span.name;
    this.kind = span.kind;
    this.attributes = span.attributes;
    this.events = span.events;
    this.status = span.status;
    this.startMs = span.startMs;
    this.endMs = span.endMs;
    this.durationMs = span.durationMs;
    this.ended = span.ended;
    this.traceId = span.traceId;
    this.spanId = span.spanId;
  }

  /** The parent span; undefined for a root (including a span whose parent was not captured). */
  get parent(): SpanNode | undefined {
    return this._parent;
  }

  /** Child spans, sorted by start time, then name. */
  get children(): readonly SpanNode[] {
    return this._children;
  }

  /** Links, each resolved to its target node when the target was captured. */
  get links(): readonly SpanLinkNode[] {
    return this._links;
  }

  /** Number of ancestors. */
  get depth(): number {
    let depth = 0;
    for (let node = this._parent; node; node = node._parent) depth++;
    return depth;
  }

  /** Names from the root down to this span, e.g. `orchestrate dag › group 0 › execute_tool ci_lookup`. */
  get path(): string {
    return [...this.ancestors().reverse(), this].map((node) => node.name).join(' › ');
  }

  /** An attribute's value (shorthand for `node.attributes[key]`). */
  attribute(key: string): unknown {
    return this.attributes[key];
  }

  /** Ancestors, nearest first. */
  ancestors(): SpanNode[] {
    const ancestors: SpanNode[] = [];
    for (let node = this._parent; node; node = node._parent) ancestors.push(node);
    return ancestors;
  }

  /** Descendants in tree order (depth-first, siblings by start time). */
  descendants(): SpanNode[] {
    const out: SpanNode[] = [];
    const visit = (node: SpanNode): void => {
      for (const child of node._children) {
        out.push(child);
        visit(child);
      }
    };
    visit(this);
    return out;
  }

  /** The first descendant matching the selector, or undefined. */
  find(selector: Selector): SpanNode | undefined {
    return this.findAll(selector)[0];
  }

  /** Every descendant matching the selector, in tree order. */
  findAll(selector: Selector): SpanNode[] {
    return selectNodes(selector, this.descendants(), this._owner?.nodes ?? this.descendants());
  }

  /** The first descendant matching the selector; throws {@link SpanNotFoundError} naming the nearest spans. */
  get(selector: Selector): SpanNode {
    const found = this.find(selector);
    if (found) return found;
    const universe = this.descendants();
    const nearest = explainNoMatch(selector, universe, this._owner?.nodes ?? universe);
    throw new SpanNotFoundError(describeSelector(selector), `under "${this.name}"`, formatNearMisses(nearest));
  }
}

/** Whether a value is a {@link SpanNode} (also across copies of this package). */
export function isSpanNode(value: unknown): value is SpanNode {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[NODE_BRAND] === true;
}
