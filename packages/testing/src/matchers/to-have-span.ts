import type { MatcherState } from 'vitest';
import { describeSelector, explainNoMatch, formatNearMisses } from '../query/near-miss.js';
import type { Selector } from '../query/select.js';
import { describeShape, matchShape } from '../shape/match-shape.js';
import { expectedOf, projectMatch } from '../shape/project.js';
import type { SpanShapeObject } from '../shape/span-shape.js';
import { formatNearest, nearestMatch, treeSection } from './messages.js';
import { resolveSubject } from './subject.js';
import type { SpanMatcherResult } from './types.js';

/** `expect(spans).toHaveSpan(selector, expected?)`. */
export function toHaveSpan(this: MatcherState, received: unknown, selector: Selector, expected?: SpanShapeObject): SpanMatcherResult {
  const subject = resolveSubject(received, 'toHaveSpan');
  const { tree } = subject;
  const found = tree.findAll(selector);
  const described = describeSelector(selector);
  if (found.length === 0) {
    const nearest = formatNearMisses(explainNoMatch(selector, tree.nodes, tree.nodes));
    return {
      pass: false,
      message: () => `Expected a span matching ${described}, but none matched.${nearest ? `\n\n${nearest}` : ''}${treeSection(subject)}`,
    };
  }
  if (expected === undefined) {
    return {
      pass: true,
      message: () =>
        `Expected no span matching ${described}, but found ${found.length}:\n${found.map((node) => `  ${node.path}`).join('\n')}`,
    };
  }
  const results = found.map((node) => matchShape(node, expected));
  const matched = results.find((result) => result.pass);
  if (matched) {
    return {
      pass: true,
      message: () => `Expected no span matching ${described} with ${describeShape(expected)}, but found:\n  ${matched.node.path}`,
    };
  }
  const nearest = nearestMatch(results);
  return {
    pass: false,
    message: () =>
      `${found.length} span(s) matched ${described}, but none had ${describeShape(expected)}.\n\n` +
      `${formatNearest(nearest)}${treeSection(subject)}`,
    actual: projectMatch(nearest),
    expected: expectedOf(expected),
  };
}
