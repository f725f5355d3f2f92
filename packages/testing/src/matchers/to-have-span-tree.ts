import type { MatcherState } from 'vitest';
import { matchChildren, matchShape } from '../shape/match-shape.js';
import { expectedOf, projectMatch } from '../shape/project.js';
import { renderShape } from '../shape/render-shape.js';
import type { ShapeOptions, SpanShape } from '../shape/span-shape.js';
import { formatMismatches, formatNearest, nearestMatch, treeSection } from './messages.js';
import { type ResolvedSubject, resolveSubject } from './subject.js';
import type { SpanMatcherResult } from './types.js';

/** `expect(spans).toHaveSpanTree(shape | roots, options?)`. */
export function toHaveSpanTree(
  this: MatcherState,
  received: unknown,
  shape: SpanShape | readonly SpanShape[],
  options: ShapeOptions = {},
): SpanMatcherResult {
  const subject = resolveSubject(received, 'toHaveSpanTree');
  const mode = `${options.ordered ? 'ordered' : 'any order'}${options.exact ? ', exact children' : ', other spans allowed'}`;
  const shapes: readonly SpanShape[] = Array.isArray(shape) ? shape : [shape as SpanShape];
  const outline = shapes.flatMap((item) => renderShape(item, 1)).join('\n');
  return Array.isArray(shape)
    ? matchRoots(subject, shapes, options, mode, outline)
    : matchAnywhere(subject, shape as SpanShape, options, mode, outline);
}

/** An array of shapes: the tree's roots must match them. */
function matchRoots(
  subject: ResolvedSubject,
  shapes: readonly SpanShape[],
  options: ShapeOptions,
  mode: string,
  outline: string,
): SpanMatcherResult {
  const roots = matchChildren(subject.tree.roots, shapes, options, [], undefined);
  if (roots.pass) return { pass: true, message: () => `Expected the root spans not to match (${mode}):\n${outline}` };
  return {
    pass: false,
    message: () =>
      `Expected the root spans to match (${mode}):\n${outline}\n\n${formatMismatches(roots.mismatches)}${treeSection(subject)}`,
    actual: roots.children.flatMap((child) => (child ? [projectMatch(child)] : [])),
    expected: shapes.map(expectedOf),
  };
}

/** One shape: some span of the tree, anywhere, must match it. */
function matchAnywhere(
  subject: ResolvedSubject,
  shape: SpanShape,
  options: ShapeOptions,
  mode: string,
  outline: string,
): SpanMatcherResult {
  const results = subject.tree.nodes.map((node) => matchShape(node, shape, options));
  const matched = results.find((result) => result.pass);
  if (matched) {
    return { pass: true, message: () => `Expected no span tree matching (${mode}):\n${outline}\nbut ${matched.node.path} matches.` };
  }
  const nearest = results.length > 0 ? nearestMatch(results) : undefined;
  const detail = nearest ? formatNearest(nearest) : 'There are no spans.';
  return {
    pass: false,
    message: () => `Expected a span tree matching (${mode}):\n${outline}\n\n${detail}${treeSection(subject)}`,
    ...(nearest ? { actual: projectMatch(nearest), expected: expectedOf(shape) } : {}),
  };
}
