import { matchShape } from '../shape/match-shape.js';
import type { SpanShapeObject } from '../shape/span-shape.js';
import type { SpanNode } from '../tree/span-node.js';
import { applyAttributeFilter } from './attribute-filter.js';
import { matchesName } from './name-match.js';
import { parseSelector } from './selector-parser.js';
import type { CompoundSelector, ParsedSelector, PseudoCondition } from './selector-types.js';

/**
 * What to look for: a selector string (`group > execute_tool[tooltrace.step.id="metrics"]`), a
 * partial span shape (`{ name: 'execute_tool', attributes: { 'tooltrace.step.status': 'error' } }`)
 * or a predicate.
 */
export type Selector = string | SpanShapeObject | ((node: SpanNode) => boolean);

/** Whether a node satisfies a compound's name, attribute filters and per-span pseudo-classes. */
export function matchesCompound(compound: CompoundSelector, node: SpanNode): boolean {
  return (
    matchesCompoundName(compound, node) &&
    compound.attributes.every((condition) => applyAttributeFilter(condition, node.attributes).pass) &&
    compound.pseudos.every((pseudo) => matchesPseudo(pseudo, node))
  );
}

/** The name part of a compound. */
export function matchesCompoundName(compound: CompoundSelector, node: SpanNode): boolean {
  const { name } = compound;
  if (name.kind === 'any') return true;
  if (name.kind === 'exact') return node.name === name.value;
  return matchesName(name.value, node.name);
}

/** Per-span pseudo-classes; positional ones (`:first`, `:last`, `:nth`) always pass here. */
export function matchesPseudo(pseudo: PseudoCondition, node: SpanNode): boolean {
  switch (pseudo.kind) {
    case 'error':
      return node.status.code === 'error';
    case 'root':
      return node.parent === undefined;
    case 'unended':
      return !node.ended;
    default:
      return true;
  }
}

/** Applies `:first`, `:last` and `:nth(n)` in the order written. */
export function applyPositional(pseudos: readonly PseudoCondition[], nodes: SpanNode[]): SpanNode[] {
  let result = nodes;
  for (const pseudo of pseudos) {
    if (pseudo.kind === 'first') result = result.slice(0, 1);
    else if (pseudo.kind === 'last') result = result.slice(-1);
    else if (pseudo.kind === 'nth') result = result.slice(pseudo.index, pseudo.index + 1);
  }
  return result;
}

/** Whether `node` relates to one of `previous` by the combinator. */
export function relatesTo(combinator: 'child' | 'descendant', node: SpanNode, previous: ReadonlySet<SpanNode>): boolean {
  if (combinator === 'child') return node.parent !== undefined && previous.has(node.parent);
  return node.ancestors().some((ancestor) => previous.has(ancestor));
}

/**
 * Evaluates a parsed selector left to right: each compound selects among the spans related to the
 * previous compound's selection; positional pseudo-classes pick from that selection in tree order.
 * The last compound selects within `universe`; earlier ones within `all`.
 */
export function evaluateSelector(parsed: ParsedSelector, universe: readonly SpanNode[], all: readonly SpanNode[]): SpanNode[] {
  let previous: ReadonlySet<SpanNode> | undefined;
  let selected: SpanNode[] = [];
  parsed.steps.forEach((step, index) => {
    const pool = index === parsed.steps.length - 1 ? universe : all;
    let candidates = pool.filter((node) => matchesCompound(step.compound, node));
    if (step.combinator && previous) {
      const before = previous;
      candidates = candidates.filter((node) => relatesTo(step.combinator ?? 'descendant', node, before));
    }
    selected = applyPositional(step.compound.pseudos, candidates);
    previous = new Set(selected);
  });
  return selected;
}

/** The nodes of `universe` that match the selector, in tree order. */
export function selectNodes(selector: Selector, universe: readonly SpanNode[], all: readonly SpanNode[]): SpanNode[] {
  if (typeof selector === 'function') return universe.filter((node) => selector(node));
  if (typeof selector === 'string') return evaluateSelector(parseSelector(selector), universe, all);
  return universe.filter((node) => matchShape(node, selector).pass);
}
