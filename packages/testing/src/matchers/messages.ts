import { formatDiagnosis } from '../capture/diagnosis.js';
import { formatAttributeLines } from '../query/format-attributes.js';
import type { ShapeMatch, ShapeMismatch } from '../shape/match-shape.js';
import { serializeTree } from '../snapshot/serialize-tree.js';
import type { SpanNode } from '../tree/span-node.js';
import type { SpanTree } from '../tree/span-tree.js';
import type { ResolvedSubject } from './subject.js';

const MAX_TREE_LINES = 40;

/**
 * The captured tree, for failure messages: one line per span (name, kind, status), without
 * attributes, events or links — those are shown for the nearest spans only. Cut after 40 lines.
 */
export function renderTree(tree: SpanTree): string {
  if (tree.size === 0) return '  (no spans)';
  const lines = serializeTree(tree, { attributes: 'none', events: 'none', links: false }).split('\n');
  const shown = lines.slice(0, MAX_TREE_LINES);
  const hidden = tree.size - shown.filter((line) => line !== '').length;
  const rendered = shown.map((line) => (line === '' ? '' : `  ${line}`));
  if (hidden > 0) rendered.push(`  … ${hidden} more span${hidden === 1 ? '' : 's'}`);
  return rendered.join('\n');
}

/**
 * What to add to a failure message about the subject itself: a diagnosis when nothing was
 * captured (usually a set-up problem), a note when spans had not ended yet.
 */
export function subjectNotes(subject: ResolvedSubject): string {
  const { tree, capture } = subject;
  const notes: string[] = [];
  if (tree.size === 0) {
    notes.push(
      capture
        ? `No spans were captured.\n${formatDiagnosis(capture.diagnose())}`
        : 'The subject has no spans. (Built from a capture? capture.diagnose() tells why it is empty.)',
    );
  } else {
    if (capture) {
      const unrouted = capture.diagnose().unroutedSpans.length;
      if (unrouted > 0) notes.push(formatDiagnosis(capture.diagnose()));
    }
    const unended = tree.unended;
    if (unended.length > 0) {
      notes.push(
        `Note: ${unended.length} span(s) had not ended when this was checked (${unended.map((node) => JSON.stringify(node.name)).join(', ')}); ` +
          'await the code under test first, or use `await capture.tree()`, which waits for them.',
      );
    }
  }
  return notes.length > 0 ? `\n\n${notes.join('\n\n')}` : '';
}

/** The standard tail of a failure message: the captured tree, then the notes. */
export function treeSection(subject: ResolvedSubject): string {
  return `\n\nCaptured spans:\n${renderTree(subject.tree)}${subjectNotes(subject)}`;
}

/** The result that met the largest share of its checks (the first, on ties). */
export function nearestMatch(results: readonly ShapeMatch[]): ShapeMatch {
  let best = results[0] as ShapeMatch;
  for (const result of results) {
    if (ratio(result) > ratio(best)) best = result;
  }
  return best;
}

function ratio(result: ShapeMatch): number {
  return result.total === 0 ? 0 : result.score / result.total;
}

/** The nearest shape match: its path, what differed, and the attributes of each span that differed itself. */
export function formatNearest(match: ShapeMatch): string {
  const attributes = [...new Set(differingNodes(match))].flatMap((node) =>
    formatAttributeLines(node.attributes, '  ', `attributes of ${node.name}`),
  );
  return [`Nearest: ${match.node.path}`, formatMismatches(match.mismatches), ...attributes].join('\n');
}

/** The spans of a match that differ in their own fields (not only in their children). */
function differingNodes(match: ShapeMatch): SpanNode[] {
  const own = match.mismatches.some((mismatch) => mismatch.path.length === match.path.length && mismatch.field !== 'children');
  const below = match.children.flatMap((child) => (child ? differingNodes(child) : []));
  return own ? [match.node, ...below] : below;
}

/** Lists mismatches grouped under the span where each occurred. */
export function formatMismatches(mismatches: readonly ShapeMismatch[]): string {
  const lines: string[] = [];
  let lastPath = '';
  for (const mismatch of mismatches) {
    const path = mismatch.path.join(' › ');
    if (path !== lastPath) {
      lines.push(path ? `  at ${path}:` : '  at the roots:');
      lastPath = path;
    }
    lines.push(`    - ${mismatch.message}`);
  }
  return lines.join('\n');
}
