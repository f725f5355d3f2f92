import { matchShape } from '../shape/match-shape.js';
import type { SpanNode } from '../tree/span-node.js';
import { applyAttributeFilter } from './attribute-filter.js';
import { formatAttributeLines } from './format-attributes.js';
import { formatValue } from './format-value.js';
import { editDistance, isCloseName, nameDistance } from './name-distance.js';
import { matchesName } from './name-match.js';
import {
  applyPositional,
  evaluateSelector,
  matchesCompound,
  matchesCompoundName,
  matchesPseudo,
  relatesTo,
  type Selector,
} from './select.js';
import { parseSelector } from './selector-parser.js';
import type { CompoundSelector, ParsedSelector } from './selector-types.js';

/** A span that almost matched a selector, and what it lacked. */
export interface NearMiss {
  readonly node: SpanNode;
  /** Share of the selector's conditions the span met, from 0 to 1. */
  readonly score: number;
  readonly problems: readonly string[];
}

/** A near miss with how far its name is from the expected one (0 when the name matched or none was asked for). */
interface Candidate extends NearMiss {
  readonly distance: number;
  readonly closeName: boolean;
  /** How far the failed `=` attribute values are from the expected ones (edit distance of their text). */
  readonly valueDistance: number;
}

/** Counted for a failed attribute condition whose values cannot be compared as text (missing, another operator). */
const UNCOMPARABLE_VALUE_DISTANCE = 1000;

const NAME_WEIGHT = 3;
const MAX_NEAR_MISSES = 3;

/** A selector as written, for messages. */
export function describeSelector(selector: Selector): string {
  if (typeof selector === 'string') return `\`${selector}\``;
  if (typeof selector === 'function') return `the predicate ${selector.name || '(anonymous)'}`;
  return formatValue(selector);
}

/**
 * Why no span of `universe` matched: up to three spans that came closest (most conditions met;
 * among those, the names nearest to the expected name by edit distance first, then the attribute
 * values nearest to the expected ones, so `[step.id="metrix"]` lists `metrics` first), each with the
 * conditions it failed. When no span met any condition, the spans whose names are a typo away.
 * Empty when nothing came close or the selector is a predicate.
 */
export function explainNoMatch(selector: Selector, universe: readonly SpanNode[], all: readonly SpanNode[]): NearMiss[] {
  if (typeof selector === 'function') return [];
  if (typeof selector !== 'string') {
    const results = universe.map((node) => matchShape(node, selector));
    const expectedName = typeof selector.name === 'string' ? selector.name : undefined;
    return pickNearest(
      results.map((result) =>
        candidate(
          {
            node: result.node,
            score: result.total === 0 ? 0 : result.score / result.total,
            problems: result.mismatches.map((mismatch) => mismatch.message),
          },
          expectedName !== undefined && !matchesName(expectedName, result.node.name) ? expectedName : undefined,
        ),
      ),
    );
  }
  return explainParsed(parseSelector(selector), universe, all);
}

function explainParsed(parsed: ParsedSelector, universe: readonly SpanNode[], all: readonly SpanNode[]): NearMiss[] {
  const last = parsed.steps[parsed.steps.length - 1];
  if (!last) return [];
  const unquoted = parsed.steps.length > 1 ? universe.filter((node) => matchesName(parsed.source.trim(), node.name)) : [];
  if (unquoted.length > 0) {
    const problem = `a space in a selector means "descendant of"; to match this span's name, quote it: '"${parsed.source.trim()}"'`;
    return unquoted.slice(0, MAX_NEAR_MISSES).map((node) => ({ node, score: 1, problems: [problem] }));
  }
  const previous =
    parsed.steps.length > 1 ? new Set(evaluateSelector({ source: parsed.source, steps: parsed.steps.slice(0, -1) }, all, all)) : undefined;
  const prefix = parsed.steps
    .slice(0, -1)
    .map((step) => step.compound.source)
    .join(' ');
  const positional = last.compound.pseudos.some((pseudo) => pseudo.kind === 'first' || pseudo.kind === 'last' || pseudo.kind === 'nth');
  if (positional) {
    const beforePosition = universe.filter(
      (node) => matchesCompound(last.compound, node) && (!previous || !last.combinator || relatesTo(last.combinator, node, previous)),
    );
    if (beforePosition.length > 0 && applyPositional(last.compound.pseudos, beforePosition).length === 0) {
      const problem = `only ${beforePosition.length} span${beforePosition.length === 1 ? '' : 's'} matched before the position was applied`;
      return beforePosition.slice(0, MAX_NEAR_MISSES).map((node) => ({ node, score: 1, problems: [problem] }));
    }
  }
  return pickNearest(universe.map((node) => explainNode(last.compound, last.combinator, previous, prefix, node)));
}

function explainNode(
  compound: CompoundSelector,
  combinator: 'child' | 'descendant' | null,
  previous: ReadonlySet<SpanNode> | undefined,
  prefix: string,
  node: SpanNode,
): Candidate {
  let met = 0;
  let total = 0;
  const problems: string[] = [];
  const check = (pass: boolean, problem: () => string, weight = 1): void => {
    total += weight;
    if (pass) met += weight;
    else problems.push(problem());
  };
  if (compound.name.kind !== 'any') {
    const expected = compound.name.value;
    check(matchesCompoundName(compound, node), () => `name is ${formatValue(node.name)}, expected ${formatValue(expected)}`, NAME_WEIGHT);
  }
  let valueDistance = 0;
  for (const condition of compound.attributes) {
    const result = applyAttributeFilter(condition, node.attributes);
    check(result.pass, () => result.problem ?? condition.source);
    if (!result.pass) valueDistance += attributeValueDistance(condition, node.attributes[condition.key]);
  }
  for (const pseudo of compound.pseudos) {
    check(matchesPseudo(pseudo, node), () => `it is not :${pseudo.kind}`);
  }
  if (combinator && previous) {
    check(relatesTo(combinator, node, previous), () =>
      combinator === 'child'
        ? `its parent ${node.parent ? formatValue(node.parent.name) : '(none)'} does not match \`${prefix}\``
        : `no ancestor matches \`${prefix}\``,
    );
  }
  const missedName = compound.name.kind !== 'any' && !matchesCompoundName(compound, node) ? compound.name.value : undefined;
  return candidate({ node, score: total === 0 ? 0 : met / total, problems }, missedName, valueDistance);
}

/** Edit distance between a failed `=` condition's value and the span's, as text; large when not comparable. */
function attributeValueDistance(condition: CompoundSelector['attributes'][number], actual: unknown): number {
  if (condition.operator !== '=' || actual === undefined || condition.value instanceof RegExp || condition.value === undefined) {
    return UNCOMPARABLE_VALUE_DISTANCE;
  }
  const expected = String(condition.value);
  const values = Array.isArray(actual) ? actual : [actual];
  return Math.min(UNCOMPARABLE_VALUE_DISTANCE, ...values.map((value) => editDistance(expected, String(value))));
}

/** Adds the name distance, when the span's name differs from `missedName`. */
function candidate(miss: NearMiss, missedName: string | undefined, valueDistance = 0): Candidate {
  if (missedName === undefined) return { ...miss, distance: 0, closeName: false, valueDistance };
  const distance = nameDistance(missedName, miss.node.name);
  return { ...miss, distance, closeName: isCloseName(missedName, distance), valueDistance };
}

function pickNearest(candidates: readonly Candidate[]): NearMiss[] {
  const best = Math.max(0, ...candidates.map((item) => item.score));
  const kept = candidates.filter((item) => item.problems.length > 0 && (best === 0 ? item.closeName : item.score === best));
  return [...kept]
    .sort((a, b) => a.distance - b.distance || a.valueDistance - b.valueDistance)
    .slice(0, MAX_NEAR_MISSES)
    .map(({ node, score, problems }) => ({ node, score, problems }));
}

/** Renders near misses as an indented list, each with what differed and its attributes, or '' when there are none. */
export function formatNearMisses(nearMisses: readonly NearMiss[]): string {
  if (nearMisses.length === 0) return '';
  const lines = ['Nearest spans:'];
  for (const miss of nearMisses) {
    lines.push(`  ${miss.node.path}`);
    for (const problem of miss.problems) lines.push(`    - ${problem}`);
    lines.push(...formatAttributeLines(miss.node.attributes, '    '));
  }
  return lines.join('\n');
}
