import type { MatcherState } from 'vitest';
import { formatValue } from '../query/format-value.js';
import { describeSelector, explainNoMatch, formatNearMisses } from '../query/near-miss.js';
import type { Selector } from '../query/select.js';
import { matchesValue } from '../query/value-match.js';
import type { SpanLinkNode, SpanNode } from '../tree/span-node.js';
import { treeSection } from './messages.js';
import { type ResolvedSubject, resolveSubject } from './subject.js';
import type { SpanMatcherResult } from './types.js';

/** `expect(spans).toHaveLinkTo(from, to, attributes?)`. */
export function toHaveLinkTo(
  this: MatcherState,
  received: unknown,
  from: Selector,
  to: Selector,
  attributes?: Readonly<Record<string, unknown>>,
): SpanMatcherResult {
  const subject = resolveSubject(received, 'toHaveLinkTo');
  const { tree } = subject;
  const sources = tree.findAll(from);
  const targets = new Set(tree.findAll(to));
  const wanted = `a link from ${describeSelector(from)} to ${describeSelector(to)}${attributes ? ` with ${formatValue(attributes)}` : ''}`;
  if (sources.length === 0) return missing(subject, wanted, 'from', from);
  if (targets.size === 0) return missing(subject, wanted, 'to', to);
  const toTarget = (link: SpanLinkNode): boolean => link.target !== undefined && targets.has(link.target);
  for (const source of sources) {
    const link = source.links.find(
      (candidate) => toTarget(candidate) && (attributes === undefined || matchesValue(attributes, candidate.attributes)),
    );
    if (link) {
      return {
        pass: true,
        message: () => `Expected no ${wanted.slice(2)}, but ${source.path} links to ${link.target?.path ?? '?'}.`,
      };
    }
  }
  const sameTarget = sources.some((source) => source.links.some(toTarget));
  const reason = sameTarget
    ? 'A link to the target exists, but its attributes differ.'
    : `No span matching the source links to a span matching the target.${reversedHint(sources, targets, from, to)}`;
  return {
    pass: false,
    message: () =>
      `Expected ${wanted}.\n${reason}\n\nLinks of the ${sources.length} matching source span(s):\n${describeLinks(sources)}${treeSection(subject)}`,
  };
}

function missing(subject: ResolvedSubject, wanted: string, side: 'from' | 'to', selector: Selector): SpanMatcherResult {
  const { tree } = subject;
  const nearest = formatNearMisses(explainNoMatch(selector, tree.nodes, tree.nodes));
  return {
    pass: false,
    message: () =>
      `Expected ${wanted}, but no span matched the ${side === 'from' ? 'source' : 'target'} ${describeSelector(selector)}.${nearest ? `\n\n${nearest}` : ''}${treeSection(subject)}`,
  };
}

/** A hint when the link exists from a target to a source: the arguments are likely swapped. */
function reversedHint(sources: readonly SpanNode[], targets: ReadonlySet<SpanNode>, from: Selector, to: Selector): string {
  const sourceSet = new Set(sources);
  const reversed = [...targets].some((target) => target.links.some((link) => link.target !== undefined && sourceSet.has(link.target)));
  return reversed ? `\nnote: the link exists the other way round: ${describeSelector(to)} → ${describeSelector(from)}` : '';
}

function describeLinks(sources: readonly SpanNode[]): string {
  return sources
    .map((source) => {
      const links = source.links.map(
        (link) => `    → ${link.target ? link.target.path : `(span ${link.spanId} not captured)`} ${formatValue(link.attributes)}`,
      );
      return `  ${source.path}\n${links.length > 0 ? links.join('\n') : '    (no links)'}`;
    })
    .join('\n');
}
