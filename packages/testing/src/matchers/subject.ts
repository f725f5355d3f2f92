import { isSpanCapture, type SpanCapture } from '../capture/span-capture.js';
import { type CapturedSpan, isCapturedSpan, isSpanLike, type SpanLike } from '../spans/captured-span.js';
import { isSpanNode, type SpanNode } from '../tree/span-node.js';
import { isSpanTree, SpanTree } from '../tree/span-tree.js';

/** What `expect(...)` may be given: a capture, a tree, a node (its subtree), or a list of spans. */
export type SpanSubject = SpanCapture | SpanTree | SpanNode | readonly (CapturedSpan | SpanLike)[];

/** The tree to check, and the capture it came from (for diagnosis). */
export interface ResolvedSubject {
  readonly tree: SpanTree;
  readonly capture: SpanCapture | undefined;
}

/**
 * Reads the subject of a span matcher. A capture is read as it is now, without waiting: after
 * `await`ing the code under test its spans have ended (unended ones are flagged in messages).
 */
export function resolveSubject(received: unknown, matcher: string): ResolvedSubject {
  if (isSpanCapture(received)) return { tree: received.treeNow(), capture: received };
  if (isSpanTree(received)) return { tree: received, capture: undefined };
  if (isSpanNode(received)) return { tree: SpanTree.of(received), capture: undefined };
  if (Array.isArray(received) && received.every((item) => isSpanLike(item) || isCapturedSpan(item))) {
    return { tree: SpanTree.from(received), capture: undefined };
  }
  const type = received === null ? 'null' : Array.isArray(received) ? 'an array of something else than spans' : typeof received;
  throw new TypeError(
    `${matcher}: expect(...) must be given a span capture, a SpanTree, a SpanNode or an array of spans (ReadableSpan or CapturedSpan); got ${type}.`,
  );
}
