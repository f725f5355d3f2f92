import type { MatcherState } from 'vitest';
import { describeSelector, explainNoMatch, formatNearMisses } from '../query/near-miss.js';
import type { Selector } from '../query/select.js';
import { treeSection } from './messages.js';
import { resolveSubject } from './subject.js';
import type { SpanMatcherResult } from './types.js';

/** `expect(spans).toHaveSpanCount(selector, count)`. */
export function toHaveSpanCount(this: MatcherState, received: unknown, selector: Selector, count: number): SpanMatcherResult {
  if (!Number.isInteger(count) || count < 0)
    throw new TypeError(`toHaveSpanCount: count must be a non-negative integer, got ${String(count)}`);
  const subject = resolveSubject(received, 'toHaveSpanCount');
  const found = subject.tree.findAll(selector);
  const described = describeSelector(selector);
  const listed = found.length === 0 ? '' : `:\n${found.map((node) => `  ${node.path}`).join('\n')}`;
  if (found.length === count) {
    return { pass: true, message: () => `Expected the number of spans matching ${described} not to be ${count}, but it is${listed}` };
  }
  const nearest = found.length === 0 ? formatNearMisses(explainNoMatch(selector, subject.tree.nodes, subject.tree.nodes)) : '';
  return {
    pass: false,
    message: () =>
      `Expected ${count} span(s) matching ${described}, found ${found.length}${listed}${nearest ? `\n\n${nearest}` : ''}${treeSection(subject)}`,
    actual: found.length,
    expected: count,
  };
}
