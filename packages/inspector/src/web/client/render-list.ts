import type { SpanMatch } from '../../model/attribute-query.js';
import { distinctValues, filterTraces, sortTraces, type TraceFilter, type TraceSortKey } from '../../model/trace-filter.js';
import type { TraceSummary } from '../../model/types.js';
import type { AppShell } from './app-types.js';
import { el, replaceChildren } from './dom.js';
import { navigate, traceHref } from './navigation.js';
import { formatDuration } from './time-scale.js';

const SORTABLE: { label: string; key: TraceSortKey; numeric: boolean }[] = [
  { label: 'Trace', key: 'rootName', numeric: false },
  { label: 'Service', key: 'serviceName', numeric: false },
  { label: 'Strategy', key: 'strategy', numeric: false },
  { label: 'Outcome', key: 'outcome', numeric: false },
  { label: 'Spans', key: 'spanCount', numeric: true },
  { label: 'Errors', key: 'errorCount', numeric: true },
  { label: 'Duration', key: 'durationMs', numeric: true },
  { label: 'Started', key: 'startMs', numeric: true },
];

const SINCE: [string, number | null][] = [
  ['Any time', null],
  ['Last 5 minutes', 5 * 60_000],
  ['Last hour', 60 * 60_000],
  ['Last 24 hours', 24 * 60 * 60_000],
];

/**
 * The trace list: filters (service, root name, strategy, outcome, duration, time range), columns
 * sorted by a click on their heading (newest first by default), each row a link to its trace, and
 * a checkbox per row to compare two runs. Filters, sort and selection survive live updates.
 */
export function renderTraceList(shell: AppShell, summaries: readonly TraceSummary[]): HTMLElement {
  const state = shell.list;
  const count = el('span', { className: 'card-sub', attrs: { 'data-list-count': '' } });
  const compareFiles = el(
    'a',
    { className: 'button small', attrs: { href: compareFilesHref(shell.boot.mode), 'data-compare-files': '' } },
    'Compare files…',
  );
  const head = el('div', { className: 'card-head' }, el('h2', { className: 'card-title' }, 'Traces'), count);
  if (summaries.length === 0) {
    count.textContent = '0 traces';
    const hint =
      shell.boot.mode === 'live'
        ? 'No traces yet. Point an OTLP/HTTP exporter at this server (POST /v1/traces); new traces appear here.'
        : 'This file holds no traces.';
    head.append(el('span', { className: 'spacer' }), compareFiles);
    return el('section', { className: 'card', attrs: { 'data-section': 'trace-list' } }, head, el('div', { className: 'empty' }, hint));
  }
  const holder = el('div', { className: 'list-holder' });
  const compare = el('button', { className: 'button small', attrs: { 'data-compare-selected': '' } }, 'Compare 2 selected');
  compare.addEventListener('click', () => {
    const [before, after] = [...state.selected];
    if (before !== undefined && after !== undefined) navigate(shell, compareHref(shell, before, after));
  });
  const redraw = (): void => {
    const shown = sortTraces(filterTraces(summaries, state.filter), state.sortKey, state.descending);
    count.textContent =
      shown.length === summaries.length ? plural(summaries.length, 'trace') : `${shown.length} of ${plural(summaries.length, 'trace')}`;
    for (const id of [...state.selected]) if (!summaries.some((summary) => summary.traceId === id)) state.selected.delete(id);
    compare.toggleAttribute('disabled', state.selected.size !== 2);
    replaceChildren(holder, renderTable(shell, shown, redraw));
  };
  const filters = renderFilters(shell, summaries, redraw);
  head.append(el('span', { className: 'spacer' }), compareFiles, compare);
  redraw();
  return el('section', { className: 'card', attrs: { 'data-section': 'trace-list' } }, head, filters, holder);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Where the comparison of two traces opens (live: a path; static: the hash). */
export function compareHref(shell: AppShell, before: string, after: string): string {
  return shell.boot.mode === 'live' ? `/compare/${before}/${after}` : `#/compare/${before}/${after}`;
}

/** Where two trace files are picked and compared in the browser (live: a path; static: the hash). */
export function compareFilesHref(mode: 'live' | 'static'): string {
  return mode === 'live' ? '/compare' : '#/compare';
}

function renderFilters(shell: AppShell, summaries: readonly TraceSummary[], redraw: () => void): HTMLElement {
  const filter = shell.list.filter;
  const choice = (name: string, label: string, values: string[], current: string | undefined, set: (value: string | undefined) => void) => {
    const select = el('select', { attrs: { 'data-filter': name, 'aria-label': label } }, el('option', { attrs: { value: '' } }, label));
    for (const value of values) select.append(el('option', { attrs: { value } }, value));
    select.value = current ?? '';
    select.addEventListener('change', () => {
      set(select.value === '' ? undefined : select.value);
      redraw();
    });
    return select;
  };
  const text = (name: string, label: string, type: string, current: string, set: (value: string) => void) => {
    const input = el('input', { attrs: { 'data-filter': name, 'aria-label': label, placeholder: label, type } });
    input.value = current;
    input.addEventListener('input', () => {
      set(input.value);
      redraw();
    });
    return input;
  };
  const number = (value: string): number | undefined =>
    value.trim() === '' || !Number.isFinite(Number(value)) ? undefined : Number(value);
  const since = el('select', { attrs: { 'data-filter': 'since', 'aria-label': 'Started' } });
  SINCE.forEach(([label], index) => {
    since.append(el('option', { attrs: { value: String(index) } }, label));
  });
  since.value = String(shell.list.sinceIndex);
  since.addEventListener('change', () => {
    shell.list.sinceIndex = Number(since.value);
    const range = SINCE[shell.list.sinceIndex]?.[1] ?? null;
    if (range === null) delete filter.startedAfterMs;
    else filter.startedAfterMs = Date.now() - range;
    redraw();
  });
  const assign = <K extends keyof TraceFilter>(key: K, value: TraceFilter[K] | undefined): void => {
    if (value === undefined) delete filter[key];
    else filter[key] = value;
  };
  return el(
    'div',
    { className: 'list-filters', attrs: { 'data-filters': '' } },
    choice('service', 'All services', distinctValues(summaries, 'serviceName'), filter.service, (value) => assign('service', value)),
    text('root', 'Root span name', 'search', filter.rootName ?? '', (value) => assign('rootName', value === '' ? undefined : value)),
    choice('strategy', 'All strategies', distinctValues(summaries, 'strategy'), filter.strategy, (value) => assign('strategy', value)),
    choice('outcome', 'All outcomes', distinctValues(summaries, 'outcome'), filter.outcome, (value) => assign('outcome', value)),
    text('min-duration', 'min ms', 'number', filter.minDurationMs === undefined ? '' : String(filter.minDurationMs), (value) =>
      assign('minDurationMs', number(value)),
    ),
    text('max-duration', 'max ms', 'number', filter.maxDurationMs === undefined ? '' : String(filter.maxDurationMs), (value) =>
      assign('maxDurationMs', number(value)),
    ),
    since,
  );
}

function renderTable(shell: AppShell, shown: readonly TraceSummary[], redraw: () => void): HTMLElement {
  const state = shell.list;
  const body = el('tbody', null);
  for (const summary of shown) {
    const href = traceHref(shell, summary.traceId, null);
    const outcome = summary.outcome;
    const pick = el('input', { attrs: { type: 'checkbox', 'data-compare': summary.traceId, 'aria-label': 'Select to compare' } });
    pick.checked = state.selected.has(summary.traceId);
    pick.addEventListener('click', (event) => event.stopPropagation());
    pick.addEventListener('change', () => {
      if (pick.checked) state.selected.add(summary.traceId);
      else state.selected.delete(summary.traceId);
      while (state.selected.size > 2) state.selected.delete([...state.selected][0] as string);
      redraw();
    });
    body.append(
      el(
        'tr',
        { attrs: { 'data-trace-id': summary.traceId }, onClick: () => navigate(shell, href) },
        el('td', { className: 'pick' }, pick),
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
        el('td', { className: 'num', attrs: { 'data-duration': String(summary.durationMs) } }, formatDuration(summary.durationMs)),
        el('td', { className: 'num' }, new Date(summary.startMs).toLocaleString()),
      ),
    );
  }
  const header = el('tr', null, el('th', { className: 'pick' }));
  for (const column of SORTABLE) {
    const active = state.sortKey === column.key;
    const button = el(
      'button',
      { className: 'sort', attrs: { 'data-sort': column.key } },
      column.label,
      active ? (state.descending ? ' ▾' : ' ▴') : '',
    );
    button.addEventListener('click', () => {
      state.descending = state.sortKey === column.key ? !state.descending : column.numeric;
      state.sortKey = column.key;
      redraw();
    });
    header.append(
      el(
        'th',
        {
          className: column.numeric ? 'num' : '',
          attrs: { 'aria-sort': active ? (state.descending ? 'descending' : 'ascending') : 'none' },
        },
        button,
      ),
    );
  }
  if (shown.length === 0) return el('div', { className: 'empty', attrs: { 'data-list-empty': '' } }, 'No trace matches these filters.');
  return el('table', { className: 'list' }, el('thead', null, header), body);
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
