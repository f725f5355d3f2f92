import { matchesName } from '../query/name-match.js';
import { matchesValue } from '../query/value-match.js';
import { kindName, statusName } from '../spans/captured-span.js';
import type { ShapeMatch } from './match-shape.js';
import { normalizeShape, type SpanShape, type SpanShapeObject } from './span-shape.js';

/** A shape as a plain object (strings expanded to `{ name }`), the "expected" side of a diff. */
export function expectedOf(shape: SpanShape): Record<string, unknown> {
  const { children, ...own } = normalizeShape(shape);
  return children === undefined ? { ...own } : { ...own, children: children.map(expectedOf) };
}

/**
 * The "received" side of a diff: the compared span restricted to the fields the shape names, with
 * every field that matched copied from the expectation, so a diff shows only what differed.
 */
export function projectMatch(match: ShapeMatch): Record<string, unknown> {
  const { node, shape } = match;
  const out: Record<string, unknown> = {};
  if (shape.name !== undefined) out.name = matchesName(shape.name, node.name) ? shape.name : node.name;
  if (shape.kind !== undefined) {
    const kind = typeof shape.kind === 'number' ? kindName(shape.kind) : shape.kind;
    out.kind = kind === node.kind ? shape.kind : node.kind;
  }
  if (shape.status !== undefined) out.status = projectStatus(shape, match);
  if (shape.ended !== undefined) out.ended = node.ended;
  if (shape.attributes !== undefined) {
    const attributes: Record<string, unknown> = {};
    for (const [key, expected] of Object.entries(shape.attributes)) {
      const actual = node.attributes[key];
      if (matchesValue(expected, actual)) attributes[key] = expected;
      else if (actual !== undefined) attributes[key] = actual;
    }
    out.attributes = attributes;
  }
  if (shape.events !== undefined) {
    const failed = match.mismatches.some((mismatch) => mismatch.field === 'events' && mismatch.path === match.path);
    out.events = failed ? node.events.map((event) => ({ name: event.name, attributes: event.attributes })) : shape.events;
  }
  if (shape.children !== undefined) {
    out.children = match.children.flatMap((child) => (child ? [projectMatch(child)] : []));
  }
  return out;
}

function projectStatus(shape: SpanShapeObject, match: ShapeMatch): unknown {
  const { status } = match.node;
  const expected = shape.status;
  if (typeof expected !== 'object') {
    const code = typeof expected === 'number' ? statusName(expected) : expected;
    return code === status.code ? expected : status.code;
  }
  const out: Record<string, unknown> = {};
  if (expected.code !== undefined) {
    const code = typeof expected.code === 'number' ? statusName(expected.code) : expected.code;
    out.code = code === status.code ? expected.code : status.code;
  }
  if ('message' in expected) out.message = matchesValue(expected.message, status.message) ? expected.message : status.message;
  return out;
}
