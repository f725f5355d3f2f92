import type { SpanMatch } from '../../model/attribute-query.js';
import type { TraceSummary } from '../../model/types.js';
import type { AppShell } from './app-types.js';
import { el, replaceChildren } from './dom.js';
import { navigate, traceHref } from './navigation.js';
import { formatDuration } from './time-scale.js';

/** The trace list: newest first, one row per trace, each a link to its page. */
export function renderTraceList(shell: AppShell, summaries: readonly TraceSummary[]): HTMLElement {
  const sorted = [...summaries].sort((a, b) => b.startMs - a.startMs);
  const head = el(
    'div',
    { className: 'card-head' },
    el('h2', { className: 'card-title' }, 'Traces'),
    el('span', { className: 'card-sub' }, `${summaries.length} trace${summaries.length === 1 ? '' : 's'}`),
  );
  if (sorted.length === 0) {
    const hint =
      shell.boot.mode === 'live'
        ? 'No traces yet. Point an OTLP/HTTP exporter at this server (POST /v1/traces); new traces appear here.'
        : 'This file holds no traces.';
    return el('section', { className: 'card', attrs: { 'data-section': 'trace-list' } }, head, el('div', { className: 'empty' }, hint));
  }
  const body = el('tbody', null);
  for (const summary of sorted) {
    const href = traceHref(shell, summary.traceId, null);
    const outcome = summary.outcome;
    body.append(
      el(
        'tr',
        { attrs: { 'data-trace-id': summary.traceId }, onClick: () => navigate(shell, href) },
        el(
          'td',
          null,
          el('a', { className: 'row-title', attrs: { href } }, summary.rootName),
          el('div', { className: 'row-sub mono' }, summary.traceId),
        ),
        el('td', null, summary.serviceName),
        el(
          'td',
          null,
          summary.strategy === null
            ? el('span', { className: 'none' }, '–')
            : el('span', { className: 'pill strategy plain' }, summary.strategy),
        ),
        el(
          'td',
          null,
          outcome === null ? el('span', { className: 'none' }, '–') : el('span', { className: `pill status-${outcome}` }, outcome),
        ),
        el('td', { className: 'num' }, summary.spanCount),
        el(
          'td',
          { className: 'num', attrs: { 'data-error-count': String(summary.errorCount) } },
          summary.errorCount === 0
            ? '0'
            : el('span', { style: { color: 'var(--error)', 'font-weight': '600' } }, String(summary.errorCount)),
        ),
        el('td', { className: 'num' }, formatDuration(summary.durationMs)),
        el('td', { className: 'num' }, new Date(summary.startMs).toLocaleString()),
      ),
    );
  }
  const header = el(
    'tr',
    null,
    ...['Trace', 'Service', 'Strategy', 'Outcome', 'Spans', 'Errors', 'Duration', 'Started'].map((label, index) =>
      el('th', { className: index >= 4 ? 'num' : '' }, label),
    ),
  );
  return el(
    'section',
    { className: 'card', attrs: { 'data-section': 'trace-list' } },
    head,
    el('table', { className: 'list' }, el('thead', null, header), body),
  );
}

/** The search dropdown: matching spans, each opening its trace (or selecting it on the trace page). */
export function renderSearchResults(shell: AppShell, hits: readonly SpanMatch[], onPick: (hit: SpanMatch) => void): void {
  const shown = hits.slice(0, 200);
  replaceChildren(
    shell.searchResults,
    hits.length === 0 ? el('div', { className: 'search-empty' }, 'No span has this attribute value.') : null,
    ...shown.map((hit) =>
      el(
        'button',
        { className: 'search-result', attrs: { 'data-search-hit': hit.spanId }, onClick: () => onPick(hit) },
        el('span', { className: 'name' }, hit.spanName),
        el('span', { className: 'where mono' }, `${hit.traceId.slice(0, 8)}… / ${hit.spanId}`),
      ),
    ),
    hits.length > shown.length ? el('div', { className: 'search-empty' }, `${hits.length - shown.length} more not shown`) : null,
  );
  shell.searchResults.classList.add('open');
}
