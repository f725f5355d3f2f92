import { type RunComparison, type StepRun, signedDuration, stepChange } from '../../model/compare-runs.js';
import { el } from './dom.js';
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

/**
 * Two runs of a plan side by side: per step the status and duration then and now and the change
 * (slower in red), each run's critical path, and the steps that got slower. `hrefOf` links a trace.
 */
export function renderComparison(comparison: RunComparison, hrefOf: (traceId: string) => string): HTMLElement {
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
  const runLine = (label: string, run: RunComparison['before']) =>
    el(
      'div',
      { className: 'compare-run' },
      el('span', { className: 'fact-label' }, label),
      el('a', { attrs: { href: hrefOf(run.traceId) } }, run.rootName),
      el('span', { className: 'mono row-sub' }, ` ${run.traceId} · ${formatDuration(run.durationMs)}`),
    );
  return el(
    'section',
    { className: 'card', attrs: { 'data-section': 'comparison' } },
    el(
      'div',
      { className: 'card-head' },
      el('h2', { className: 'card-title' }, 'Compare runs'),
      el('span', { className: 'card-sub' }, `now ${signed(after.durationMs - before.durationMs)} overall`),
    ),
    el(
      'div',
      { className: 'compare-runs' },
      runLine('Then', before),
      runLine('Now', after),
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
