import type { SnapshotSerializer } from 'vitest';
import { isSpanCapture } from '../capture/span-capture.js';
import { isSpanNode } from '../tree/span-node.js';
import { isSpanTree } from '../tree/span-tree.js';
import { serializeTree } from './serialize-tree.js';

/**
 * Prints captures, trees and nodes with {@link serializeTree} in snapshots, so
 * `expect(await capture.tree()).toMatchInlineSnapshot()` is readable and stable. Registered by
 * `@tooltrace/testing/setup`; otherwise `expect.addSnapshotSerializer(spanTreeSerializer)`.
 */
export const spanTreeSerializer: SnapshotSerializer = {
  test: (value: unknown) => isSpanTree(value) || isSpanNode(value) || isSpanCapture(value),
  serialize: (value: unknown) => {
    if (isSpanCapture(value)) return serializeTree(value.treeNow());
    return serializeTree(isSpanNode(value) ? value : isSpanTree(value) ? value : { roots: [] });
  },
};
