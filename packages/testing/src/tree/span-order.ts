import type { CapturedSpan } from '../spans/captured-span.js';

/**
 * Sibling order: start time, then name, then start order. Export order is end order (children
 * before parents) and equal start times happen, so neither alone gives a stable order.
 */
export function compareSpans(a: CapturedSpan, b: CapturedSpan): number {
  if (a.startMs !== b.startMs) return a.startMs - b.startMs;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.startOrder - b.startOrder;
}
