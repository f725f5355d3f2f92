import { ATTR_CRITICAL_PATH_MS, ATTR_QUEUED_MS } from '@tooltrace/core';
import { formatValue } from '../query/format-value.js';
import type { SpanNode } from '../tree/span-node.js';

/** What {@link serializeTree} prints. */
export interface SerializeOptions {
  /** Print each span's duration. Off by default: durations change from run to run. */
  readonly durations?: boolean;
  /** Which attributes to print: every one (default), none, or the listed keys. */
  readonly attributes?: readonly string[] | 'all' | 'none';
  /** Attribute keys never printed. Default: the timings `tooltrace.step.queued_ms` and `tooltrace.critical_path_ms`. */
  readonly ignoreAttributes?: readonly string[];
  /** Print events by name (default), with their attributes (`exception.stacktrace` excepted), or not at all. */
  readonly events?: 'names' | 'all' | 'none';
  /** Print links (default true). Linked spans are referred to as `#n`, numbered in tree order. */
  readonly links?: boolean;
}

/** A tree, a node (printed with its subtree) or a list of root nodes. */
export interface SerializableTree {
  readonly roots: readonly SpanNode[];
}

const DEFAULT_IGNORED: readonly string[] = [ATTR_QUEUED_MS, ATTR_CRITICAL_PATH_MS];
const VOLATILE_EVENT_ATTRIBUTES: ReadonlySet<string> = new Set(['exception.stacktrace']);

/**
 * Stable text of a span tree for snapshots: no ids, no timestamps, siblings in start order, one
 * line per span with its attributes (sorted by key), status, events and links below it.
 *
 * @example
 * expect(serializeTree(tree, { attributes: ['tooltrace.step.id'] })).toMatchInlineSnapshot(`
 *   "orchestrate dag
 *   ├─ group 0
 *   │  └─ execute_tool ci_lookup
 *   │       tooltrace.step.id: "primary"
 *   ..."
 * `)
 */
export function serializeTree(tree: SerializableTree | SpanNode, options: SerializeOptions = {}): string {
  const roots = 'roots' in tree ? tree.roots : [tree];
  if (roots.length === 0) return '(no spans)';
  const targets = linkTargets(roots, options);
  const lines: string[] = [];
  roots.forEach((root, index) => {
    if (index > 0 && roots.length > 1) lines.push('');
    writeNode(root, '', '', lines, targets, options);
  });
  return lines.join('\n');
}

function linkTargets(roots: readonly SpanNode[], options: SerializeOptions): Map<SpanNode, number> {
  const numbers = new Map<SpanNode, number>();
  if (options.links === false) return numbers;
  const linked = new Set<SpanNode>();
  const visit = (node: SpanNode): void => {
    for (const link of node.links) if (link.target) linked.add(link.target);
    node.children.forEach(visit);
  };
  roots.forEach(visit);
  const number = (node: SpanNode): void => {
    if (linked.has(node)) numbers.set(node, numbers.size + 1);
    node.children.forEach(number);
  };
  roots.forEach(number);
  return numbers;
}

function writeNode(
  node: SpanNode,
  firstPrefix: string,
  restPrefix: string,
  lines: string[],
  targets: Map<SpanNode, number>,
  options: SerializeOptions,
): void {
  lines.push(firstPrefix + label(node, targets, options));
  const detailPrefix = restPrefix + (node.children.length > 0 ? '│  ' : '   ');
  for (const detail of details(node, targets, options)) lines.push(detailPrefix + detail);
  node.children.forEach((child, index) => {
    const last = index === node.children.length - 1;
    writeNode(child, `${restPrefix}${last ? '└─ ' : '├─ '}`, `${restPrefix}${last ? '   ' : '│  '}`, lines, targets, options);
  });
}

function label(node: SpanNode, targets: Map<SpanNode, number>, options: SerializeOptions): string {
  const parts = [node.name];
  const number = targets.get(node);
  if (number !== undefined) parts.push(`#${number}`);
  if (node.kind !== 'internal') parts.push(`(${node.kind})`);
  if (node.status.code !== 'unset') {
    parts.push(`[${node.status.code}${node.status.message === undefined ? '' : `: ${formatValue(node.status.message)}`}]`);
  }
  if (!node.ended) parts.push('(not ended)');
  else if (options.durations && node.durationMs !== undefined) parts.push(`${node.durationMs.toFixed(1)}ms`);
  if (!node.parent && node.span.parentSpanId !== undefined) parts.push('(parent not captured)');
  return parts.join(' ');
}

function details(node: SpanNode, targets: Map<SpanNode, number>, options: SerializeOptions): string[] {
  const lines: string[] = [];
  const ignored = new Set(options.ignoreAttributes ?? DEFAULT_IGNORED);
  const wanted = options.attributes ?? 'all';
  if (wanted !== 'none') {
    const keys = (wanted === 'all' ? Object.keys(node.attributes) : wanted.filter((key) => key in node.attributes)).filter(
      (key) => !ignored.has(key),
    );
    for (const key of [...keys].sort()) lines.push(`${key}: ${formatValue(node.attributes[key])}`);
  }
  const events = options.events ?? 'names';
  if (events !== 'none') {
    for (const event of node.events) {
      const attributes = events === 'all' ? attributeList(event.attributes, VOLATILE_EVENT_ATTRIBUTES) : '';
      lines.push(`event ${event.name}${attributes}`);
    }
  }
  if (options.links !== false) {
    for (const link of node.links) {
      const target = link.target ? `#${targets.get(link.target) ?? '?'} ${link.target.name}` : '(span not captured)';
      lines.push(`link → ${target}${attributeList(link.attributes, new Set())}`);
    }
  }
  return lines;
}

function attributeList(attributes: Readonly<Record<string, unknown>>, skip: ReadonlySet<string>): string {
  const keys = Object.keys(attributes)
    .filter((key) => !skip.has(key))
    .sort();
  if (keys.length === 0) return '';
  return ` {${keys.map((key) => `${key}: ${formatValue(attributes[key])}`).join(', ')}}`;
}
