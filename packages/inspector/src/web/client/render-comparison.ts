import { describePlanDifferences, type RunComparison, type StepRun, signedDuration, stepChange } from '../../model/compare-runs.js';
import { card, el } from './dom.js';
import { formatDuration } from './time-scale.js';

function runCell(run: StepRun | null): HTMLElement {
  if (run === null) return el('span', { className: 'none' }, 'not in this run');
  return el(
    'span',
    null,
    el('span', { className: `pill status-${run.status}` }, run.status.replace('_', ' ')),
    run.durationMs === null ? null : ` ${formatDuration(run.durationMs)}`,
  );
}

function signed(ms: number): string {
  return signedDuration(ms, formatDuration);
}

/** Where the compared runs come from: the store (each run links to its trace page) or two files. */
export type ComparedSources = { hrefOf: (traceId: string) => string } | { files: { before: string; after: string } };

/**
 * Two runs of a plan side by side: what differs between their plans (if anything), per step the
 * status and duration then and now and the change (slower in red), each run's critical path, and the
 * steps that got slower.
 */
export function renderComparison(comparison: RunComparison, sources: ComparedSources): HTMLElement {
  const { before, after } = comparison;
  const body = el('tbody', null);
  for (const step of comparison.steps) {
    const slower = step.deltaMs !== null && step.deltaMs > 0;
    body.append(
      el(
        'tr',
        { attrs: { 'data-compare-step': step.stepId }, className: step.statusChanged ? 'status-changed' : '' },
        el('td', null, el('span', { className: 'row-title' }, step.stepId), el('div', { className: 'row-sub mono' }, step.tool)),
        el('td', { attrs: { 'data-then': '' } }, runCell(step.before)),
        el('td', { attrs: { 'data-now': '' } }, runCell(step.after)),
        el(
          'td',
          { className: `num${slower ? ' slower' : ''}`, attrs: { 'data-delta': step.deltaMs === null ? '' : String(step.deltaMs) } },
          stepChange(step, formatDuration, '–'),
        ),
      ),
    );
  }
  const runLine = (label: string, run: RunComparison['before'], file: string | null) =>
    el(
      'div',
      { className: 'compare-run' },
      el('span', { className: 'fact-label' }, label),
      'hrefOf' in sources ? el('a', { attrs: { href: sources.hrefOf(run.traceId) } }, run.rootName) : el('span', null, run.rootName),
      el('span', { className: 'mono row-sub' }, ` ${run.traceId} · ${formatDuration(run.durationMs)}${file === null ? '' : ` · ${file}`}`),
    );
  const files = 'files' in sources ? sources.files : null;
  const differences = describePlanDifferences(comparison.plan);
  return card(
    'comparison',
    'Compare runs',
    [el('span', { className: 'card-sub' }, `now ${signed(after.durationMs - before.durationMs)} overall`)],
    el(
      'div',
      { className: 'compare-runs' },
      runLine('Then', before, files?.before ?? null),
      runLine('Now', after, files?.after ?? null),
      differences.length === 0
        ? null
        : el(
            'div',
            { className: 'plan-differences', attrs: { 'data-plan-differences': '' } },
            ...differences.map((line) => el('div', null, line)),
          ),
      el(
        'div',
        { attrs: { 'data-critical-then': before.criticalPath.join(' ') } },
        `Critical path then: ${before.criticalPath.join(' → ') || 'none'}`,
      ),
      el(
        'div',
        { attrs: { 'data-critical-now': after.criticalPath.join(' ') } },
        `Critical path now: ${after.criticalPath.join(' → ') || 'none'}`,
      ),
      el(
        'div',
        { attrs: { 'data-slower': comparison.slower.map((step) => step.stepId).join(' ') } },
        comparison.slower.length === 0
          ? 'No step got slower.'
          : `Slower now: ${comparison.slower
              .slice(0, 5)
              .map((step) => `${step.stepId} ${signed(step.deltaMs ?? 0)}`)
              .join(', ')}`,
      ),
    ),
    el(
      'table',
      { className: 'list compare' },
      el(
        'thead',
        null,
        el('tr', null, el('th', null, 'Step'), el('th', null, 'Then'), el('th', null, 'Now'), el('th', { className: 'num' }, 'Change')),
      ),
      body,
    ),
  );
}
