import { formatValue, typeOfValue } from '../query/format-value.js';
import { matchesName } from '../query/name-match.js';
import { matchesValue } from '../query/value-match.js';
import type { CapturedEvent, SpanStatusName } from '../spans/captured-span.js';
import { kindName, statusName } from '../spans/captured-span.js';
import type { SpanNode } from '../tree/span-node.js';
import { assignOrdered, assignUnordered } from './assign.js';
import {
  type EventShape,
  normalizeShape,
  type ShapeOptions,
  type SpanShape,
  type SpanShapeObject,
  type StatusShape,
} from './span-shape.js';

/** One way a span differed from a shape. */
export interface ShapeMismatch {
  /** Span names from the compared span down to the one that differs. */
  readonly path: readonly string[];
  /** What differed: `name`, `kind`, `status`, `attributes.<key>`, `events`, `children`. */
  readonly field: string;
  readonly message: string;
}

/** The result of comparing one span (and its subtree) with a shape. */
export interface ShapeMatch {
  readonly node: SpanNode;
  readonly shape: SpanShapeObject;
  /** Span names from the first compared span down to this one. */
  readonly path: readonly string[];
  readonly pass: boolean;
  /** Weight of the checks that passed; with `total`, ranks near misses. */
  readonly score: number;
  readonly total: number;
  readonly mismatches: readonly ShapeMismatch[];
  /** Per expected child: the matching (or, failing that, nearest) child's result. */
  readonly children: readonly (ShapeMatch | undefined)[];
}

/** The result of comparing a list of spans (children or roots) with a list of shapes. */
export interface ChildrenMatch {
  readonly pass: boolean;
  readonly score: number;
  readonly total: number;
  readonly mismatches: ShapeMismatch[];
  readonly children: (ShapeMatch | undefined)[];
}

const NAME_WEIGHT = 3;

class Checks {
  score = 0;
  total = 0;
  readonly mismatches: ShapeMismatch[] = [];

  constructor(private readonly path: readonly string[]) {}

  check(pass: boolean, field: string, message: () => string, weight = 1): void {
    this.total += weight;
    if (pass) this.score += weight;
    else this.mismatches.push({ path: this.path, field, message: message() });
  }
}

/** Compares a span and its subtree with a partial shape. */
export function matchShape(
  node: SpanNode,
  shape: SpanShape,
  options: ShapeOptions = {},
  path: readonly string[] = [node.name],
): ShapeMatch {
  const expected = normalizeShape(shape);
  const checks = new Checks(path);
  if (expected.name !== undefined) {
    const name = expected.name;
    checks.check(
      matchesName(name, node.name),
      'name',
      () => `name is ${formatValue(node.name)}, expected ${formatValue(name)}`,
      NAME_WEIGHT,
    );
  }
  if (expected.kind !== undefined) {
    const kind = typeof expected.kind === 'number' ? kindName(expected.kind) : expected.kind;
    checks.check(node.kind === kind, 'kind', () => `kind is ${node.kind}, expected ${kind}`);
  }
  if (expected.status !== undefined) checkStatus(checks, expected.status, node);
  if (expected.ended !== undefined) {
    checks.check(node.ended === expected.ended, 'ended', () =>
      node.ended ? 'the span ended, expected it not to have ended' : 'the span has not ended',
    );
  }
  for (const [key, value] of Object.entries(expected.attributes ?? {})) checkAttribute(checks, key, value, node.attributes[key]);
  checkEvents(checks, expected.events ?? [], node.events);
  let children: (ShapeMatch | undefined)[] = [];
  if (expected.children !== undefined) {
    const result = matchChildren(node.children, expected.children, options, path, node.name);
    checks.score += result.score;
    checks.total += result.total;
    checks.mismatches.push(...result.mismatches);
    children = result.children;
  }
  return {
    node,
    shape: expected,
    path,
    pass: checks.mismatches.length === 0,
    score: checks.score,
    total: checks.total,
    mismatches: checks.mismatches,
    children,
  };
}

/**
 * Compares spans (a span's children, or a tree's roots) with expected shapes: every shape must
 * match a distinct span; order matters only with `ordered`; other spans are allowed unless `exact`.
 */
export function matchChildren(
  actual: readonly SpanNode[],
  shapes: readonly SpanShape[],
  options: ShapeOptions,
  path: readonly string[],
  parentName: string | undefined,
): ChildrenMatch {
  const results = shapes.map((shape) => actual.map((child) => matchShape(child, shape, options, [...path, child.name])));
  const fits = (row: number, column: number): boolean => results[row]?.[column]?.pass === true;
  const assignment = (options.ordered ? assignOrdered : assignUnordered)(shapes.length, actual.length, fits);
  const used = new Set(assignment.filter((column) => column !== -1));
  const checks = new Checks(path);
  const children = shapes.map((shape, row): ShapeMatch | undefined => {
    const column = assignment[row] ?? -1;
    if (column !== -1) {
      const matched = results[row]?.[column];
      checks.score += matched?.score ?? 0;
      checks.total += matched?.total ?? 0;
      return matched;
    }
    const nearest = nearestOf(results[row] ?? [], used);
    checks.total += nearest?.total ?? shapeWeight(shape);
    checks.score += nearest?.score ?? 0;
    checks.mismatches.push({ path, field: 'children', message: missingChildMessage(shape, nearest, actual.length, parentName, options) });
    if (nearest && !nearest.pass) checks.mismatches.push(...nearest.mismatches);
    return nearest;
  });
  if (options.exact) {
    const extra = actual.filter((_, column) => !used.has(column));
    const where = parentName === undefined ? 'the tree has' : `"${parentName}" has`;
    checks.check(
      extra.length === 0,
      'children',
      () =>
        `${where} ${actual.length} spans, expected exactly ${shapes.length}; not expected: ${extra.map((node) => formatValue(node.name)).join(', ')}`,
    );
  }
  return { pass: checks.mismatches.length === 0, score: checks.score, total: checks.total, mismatches: checks.mismatches, children };
}

function nearestOf(results: readonly ShapeMatch[], used: ReadonlySet<number>): ShapeMatch | undefined {
  let best: ShapeMatch | undefined;
  let bestRank = Number.NEGATIVE_INFINITY;
  results.forEach((result, column) => {
    const rank = result.score - (used.has(column) ? 0.5 : 0);
    if (rank > bestRank) {
      best = result;
      bestRank = rank;
    }
  });
  return best;
}

function missingChildMessage(
  shape: SpanShape,
  nearest: ShapeMatch | undefined,
  count: number,
  parentName: string | undefined,
  options: ShapeOptions,
): string {
  const described = describeShape(shape);
  if (count === 0)
    return parentName === undefined
      ? `expected a span ${described}, but the tree is empty`
      : `expected a child ${described}, but "${parentName}" has no children`;
  if (nearest?.pass) {
    return options.ordered
      ? `child ${described} is there but out of the expected order (ordered: true)`
      : `no span is left for ${described}: each expected child needs its own span, and the matching ones are taken`;
  }
  const noun = parentName === undefined ? 'no span' : 'no child';
  return `${noun} matched ${described}${nearest ? `; nearest: ${formatValue(nearest.node.name)}` : ''}`;
}

function checkStatus(checks: Checks, status: StatusShape, node: SpanNode): void {
  const expected = typeof status === 'object' ? status : { code: status };
  const actualText = `${node.status.code}${node.status.message === undefined ? '' : ` ${formatValue(node.status.message)}`}`;
  if (expected.code !== undefined) {
    const code: SpanStatusName = typeof expected.code === 'number' ? statusName(expected.code) : expected.code;
    checks.check(node.status.code === code, 'status', () => `status is ${actualText}, expected ${code}`);
  }
  if ('message' in expected) {
    const message = expected.message;
    checks.check(
      matchesValue(message, node.status.message),
      'status',
      () => `status message is ${formatValue(node.status.message)}, expected ${formatValue(message)}`,
    );
  }
}

function checkAttribute(checks: Checks, key: string, expected: unknown, actual: unknown): void {
  checks.check(matchesValue(expected, actual), `attributes.${key}`, () => attributeMessage(key, expected, actual));
}

/** Says how an attribute differs from its expectation, with a type hint when only the type differs. */
export function attributeMessage(key: string, expected: unknown, actual: unknown): string {
  if (expected === undefined) return `attribute ${key} is ${formatValue(actual)}, expected it to be absent`;
  if (actual === undefined) return `attribute ${key} is missing, expected ${formatValue(expected)}`;
  const hint =
    typeof expected !== 'object' && typeOfValue(expected) !== typeOfValue(actual) && String(expected) === String(actual)
      ? ` (the attribute is a ${typeOfValue(actual)}, the expectation a ${typeOfValue(expected)})`
      : '';
  return `attribute ${key} is ${formatValue(actual)}, expected ${formatValue(expected)}${hint}`;
}

function matchesEvent(shape: EventShape, event: CapturedEvent): boolean {
  const expected = typeof shape === 'string' ? { name: shape } : shape;
  if (expected.name !== undefined && !matchesName(expected.name, event.name)) return false;
  return expected.attributes === undefined || matchesValue(expected.attributes, event.attributes);
}

function checkEvents(checks: Checks, shapes: readonly EventShape[], events: readonly CapturedEvent[]): void {
  const assignment = assignUnordered(shapes.length, events.length, (row, column) => {
    const shape = shapes[row];
    const event = events[column];
    return shape !== undefined && event !== undefined && matchesEvent(shape, event);
  });
  shapes.forEach((shape, row) => {
    checks.check(assignment[row] !== -1, 'events', () => {
      const names = events.map((event) => event.name);
      const expected = typeof shape === 'string' ? { name: shape } : shape;
      const name = expected.name;
      const sameName = name === undefined ? undefined : events.find((event) => matchesName(name, event.name));
      if (sameName && expected.attributes) {
        const key = Object.keys(expected.attributes).find((name) => !matchesValue(expected.attributes?.[name], sameName.attributes[name]));
        if (key !== undefined)
          return `event ${formatValue(sameName.name)}: ${attributeMessage(key, expected.attributes[key], sameName.attributes[key])}`;
      }
      return `no event matched ${formatValue(expected)}; events: ${names.length ? names.map((name) => formatValue(name)).join(', ') : 'none'}`;
    });
  });
}

/** The total check weight of a shape, whatever span it is compared with. */
export function shapeWeight(shape: SpanShape): number {
  const expected = normalizeShape(shape);
  let weight = 0;
  if (expected.name !== undefined) weight += NAME_WEIGHT;
  if (expected.kind !== undefined) weight += 1;
  if (expected.status !== undefined) weight += typeof expected.status === 'object' ? Object.keys(expected.status).length : 1;
  if (expected.ended !== undefined) weight += 1;
  weight += Object.keys(expected.attributes ?? {}).length + (expected.events?.length ?? 0);
  for (const child of expected.children ?? []) weight += shapeWeight(child);
  return weight;
}

/** A one-line description of a shape: its own fields, and how many children it expects. */
export function describeShape(shape: SpanShape): string {
  const { children, ...own } = normalizeShape(shape);
  const fields = Object.entries(own).map(([key, value]) => `${key}: ${formatValue(value)}`);
  if (children) fields.push(`children: [${children.length}]`);
  return `{ ${fields.join(', ')} }`;
}
