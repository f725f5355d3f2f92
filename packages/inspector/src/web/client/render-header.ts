import { summarizeFailures } from '../../model/failures.js';
import type { TracePage } from './app-types.js';
import { el } from './dom.js';
import { stepChip } from './step-chip.js';
import { formatDuration } from './time-scale.js';

/** The trace's header card: name, id, strategy, outcome, duration and counts. */
export function renderTraceHeader(page: TracePage, listHref: string | null): HTMLElement {
  const view = page.view;
  const run = view.runs[0];
  const steps = view.runs.reduce((count, each) => count + each.steps.length, 0);
  const groups = view.runs.reduce((count, each) => count + each.groups.length, 0);
  const fact = (label: string, value: Node | string): HTMLElement =>
    el('div', { className: 'fact' }, el('span', { className: 'fact-label' }, label), el('span', { className: 'fact-value' }, value));
  const outcome = run?.outcome ?? null;
  const facts = el(
    'div',
    { className: 'facts' },
    fact('Duration', formatDuration(view.endMs - view.startMs)),
    run === undefined
      ? null
      : fact(
          'Strategy',
          el('span', { className: 'pill strategy plain', attrs: { 'data-strategy': run.strategy ?? '' } }, run.strategy ?? 'unknown'),
        ),
    run === undefined
      ? null
      : fact(
          'Outcome',
          el(
            'span',
            {
              className: `pill status-${outcome === 'cancelled' ? 'cancelled' : (outcome ?? 'unknown')}`,
              attrs: { 'data-outcome': outcome ?? '' },
            },
            outcome ?? 'unknown',
          ),
        ),
    run === undefined ? null : fact('Steps', `${steps} in ${groups} group${groups === 1 ? '' : 's'}`),
    view.stages.length === 0 ? null : fact('Stages', String(view.stages.length)),
    fact('Spans', String(view.trace.spans.length)),
    fact('Errors', el('span', { attrs: { 'data-error-count': String(view.errorCount) } }, String(view.errorCount))),
    fact('Started', new Date(view.startMs).toLocaleString()),
  );
  const download =
    page.shell.boot.mode === 'live'
      ? el(
          'a',
          {
            className: 'button',
            attrs: { href: `/api/traces/${encodeURIComponent(view.trace.traceId)}/otlp`, download: `trace-${view.trace.traceId}.json` },
          },
          'Download OTLP JSON',
        )
      : null;
  return el(
    'section',
    { className: 'card' },
    el(
      'div',
      { className: 'trace-head' },
      el(
        'div',
        { style: { flex: '1', 'min-width': '0' } },
        listHref === null ? null : el('div', { className: 'crumbs' }, el('a', { attrs: { href: listHref } }, 'Traces'), ' / trace'),
        el('h1', { className: 'trace-title' }, view.rootName),
        el('div', { className: 'trace-id mono' }, view.trace.traceId, view.serviceName === '' ? null : ` · ${view.serviceName}`),
        facts,
      ),
      download,
    ),
  );
}

/** Under the header when steps failed: "N of M steps failed: ids", the first error and the skipped count. */
export function renderFailureBanner(page: TracePage): HTMLElement | null {
  const summary = summarizeFailures(page.view);
  if (summary === null) return null;
  const count = summary.failed.length;
  return el(
    'section',
    { className: 'failure-banner', attrs: { role: 'alert', 'data-failure-banner': '' } },
    el(
      'div',
      { className: 'failure-title' },
      `${count} of ${summary.total} step${summary.total === 1 ? '' : 's'} failed: `,
      ...summary.failed.flatMap((step, index) => [index === 0 ? null : ', ', stepChip(page, step.key, false)]),
    ),
    summary.firstError === null
      ? null
      : el('div', { className: 'failure-message', attrs: { 'data-failure-message': '' } }, summary.firstError),
    summary.skipped === 0
      ? null
      : el(
          'div',
          { className: 'failure-skipped', attrs: { 'data-failure-skipped': '' } },
          `${summary.skipped} step${summary.skipped === 1 ? '' : 's'} skipped`,
        ),
  );
}
