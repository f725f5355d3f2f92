import { type AttributeQuery, parseAttributeQuery, type SpanMatch, searchTraces, spanMatches } from '../../model/attribute-query.js';
import { compareRuns } from '../../model/compare-runs.js';
import { summarizeTrace } from '../../model/summarize.js';
import type { InspectorTrace, TraceSummary } from '../../model/types.js';
import type { AppShell, Bootstrap, TracePage } from './app-types.js';
import { card, el, replaceChildren } from './dom.js';
import { navigate, traceHref, writeLocation } from './navigation.js';
import { renderComparison } from './render-comparison.js';
import { renderDetails } from './render-details.js';
import { renderFileComparison } from './render-file-comparison.js';
import { compareFilesHref, renderSearchResults, renderTraceList } from './render-list.js';
import { refreshSpanTree } from './render-span-tree.js';
import { refreshTimeline } from './render-timeline.js';
import { applyHighlights, openTracePage, relayoutPage, selectSpan } from './trace-page.js';
import { parseLocation } from './url-state.js';

/** Entry point of the page's script: builds the shell, routes, and marks `data-ready` once drawn. */
export function startApp(boot: Bootstrap): void {
  const shell = createShell(boot);
  const initial = parseLocation(boot.mode, location);
  if (initial.q !== null) shell.searchInput.value = initial.q;
  let first = true;
  const show = (): void => {
    route(shell)
      .then(async () => {
        // A list page opened with ?q= shows that search's hits, as if it had just been submitted.
        if (first && shell.page === null && initial.q !== null) await runSearch(shell, initial.q);
      })
      .catch((error: unknown) => showError(shell, error))
      .finally(() => {
        first = false;
        document.body.setAttribute('data-ready', 'true');
      });
  };
  if (boot.mode === 'static') window.addEventListener('hashchange', show);
  if (boot.mode === 'live') listenForUpdates(shell);
  window.addEventListener('resize', () => relayoutPage());
  document.addEventListener('keydown', (event) => {
    // Escape closes the open search results first (the search box handles that), then the details panel.
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    const page = shell.page;
    if (page !== null && page.selectedSpanId !== null) selectSpan(page, null, false);
  });
  show();
}

/** The top bar (brand, attribute search), the main area and the detail panel. */
export function createShell(boot: Bootstrap): AppShell {
  const searchInput = el('input', {
    attrs: {
      type: 'search',
      placeholder: 'Search spans by attribute: key=value',
      title: 'e.g. tooltrace.step.status=error, or a bare key to find spans that have it',
      'aria-label': 'Search spans by attribute',
      spellcheck: 'false',
      'data-search': '',
    },
  });
  const searchResults = el('div', { className: 'search-results' });
  const searchStatus = el('span', { className: 'search-status', attrs: { 'data-search-status': '' } });
  const homeHref = boot.mode === 'live' ? '/' : '#/';
  const shell: AppShell = {
    boot,
    main: el(
      'main',
      null,
      el('section', { className: 'card', attrs: { 'data-loading': '' } }, el('div', { className: 'empty' }, 'Loading traces…')),
    ),
    details: el('aside', { className: 'details', attrs: { 'aria-label': 'Span details', 'data-details': '' } }),
    searchInput,
    searchStatus,
    searchResults,
    page: null,
    list: { filter: {}, sinceIndex: 0, sortKey: 'startMs', descending: true, selected: new Set() },
  };
  const form = el('form', { className: 'search', attrs: { role: 'search' } }, searchInput, searchResults);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    runSearch(shell, searchInput.value).catch((error: unknown) => {
      searchStatus.textContent = error instanceof Error ? error.message : String(error);
    });
  });
  searchInput.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !searchResults.classList.contains('open')) return;
    searchResults.classList.remove('open');
    event.preventDefault();
  });
  document.addEventListener('click', (event) => {
    if (!form.contains(event.target as Node)) searchResults.classList.remove('open');
  });
  const topbar = el(
    'header',
    { className: 'topbar' },
    el(
      'a',
      { className: 'brand', attrs: { href: homeHref } },
      el('span', { className: 'brand-mark' }, 't'),
      'tooltrace',
      el('span', { className: 'brand-sub' }, 'inspector'),
    ),
    form,
    searchStatus,
    el('a', { className: 'button small', attrs: { href: compareFilesHref(boot.mode), 'data-compare-files-link': '' } }, 'Compare files'),
    el('span', { className: `mode-badge ${boot.mode}` }, boot.mode === 'live' ? 'live' : 'static file'),
  );
  document.body.replaceChildren(topbar, shell.main, shell.details);
  return shell;
}

/**
 * Shows the list or a trace, from the path and query (live) or the hash (static); see
 * `parseLocation`. A live trace that is not (yet) on the server gets a waiting page.
 */
export async function route(shell: AppShell): Promise<void> {
  const boot = shell.boot;
  shell.page = null;
  document.body.classList.remove('has-details');
  document.body.removeAttribute('data-waiting');
  if (isFileComparison(boot.mode, location)) {
    replaceChildren(shell.main, renderFileComparison());
    document.title = 'Compare files · tooltrace inspector';
    return;
  }
  const compared = comparedTraceIds(boot.mode, location);
  if (compared !== null) {
    await showComparison(shell, compared[0], compared[1]);
    return;
  }
  const state = parseLocation(boot.mode, location);
  if (boot.mode === 'live') {
    const traceId = state.traceId;
    if (traceId === null) {
      const summaries = (await fetchJson('/api/traces')) as TraceSummary[];
      replaceChildren(shell.main, renderTraceList(shell, summaries));
      document.title = 'tooltrace inspector';
      return;
    }
    let trace: InspectorTrace;
    try {
      trace = (await fetchJson(`/api/traces/${encodeURIComponent(traceId)}`)) as InspectorTrace;
    } catch (error) {
      if (error instanceof Error && Reflect.get(error, 'status') === 404) {
        showWaiting(shell, traceId);
        return;
      }
      throw error;
    }
    showTrace(shell, trace, '/', state.spanId);
    return;
  }
  const traces = boot.traces ?? [];
  const listHref = traces.length > 1 ? '#/' : null;
  const wanted = state.traceId;
  const trace = wanted === null ? (traces.length === 1 ? traces[0] : undefined) : traces.find((each) => each.traceId === wanted);
  if (trace === undefined) {
    if (wanted !== null) throw new Error(`Trace ${wanted} is not in this file.`);
    replaceChildren(
      shell.main,
      renderTraceList(
        shell,
        traces.map((each) => summarizeTrace(each)),
      ),
    );
    document.title = 'tooltrace inspector';
    return;
  }
  showTrace(shell, trace, listHref, state.spanId);
}

/** The two trace ids of a comparison address (live `/compare/a/b`, static `#/compare/a/b`), else null. */
export function comparedTraceIds(mode: 'live' | 'static', where: { pathname: string; hash: string }): [string, string] | null {
  const match = /^\/compare\/([0-9a-fA-F]{32})\/([0-9a-fA-F]{32})\/?$/.exec(
    mode === 'live' ? where.pathname : where.hash.replace(/^#/, ''),
  );
  return match === null ? null : [(match[1] ?? '').toLowerCase(), (match[2] ?? '').toLowerCase()];
}

/** Whether the address is the comparison of two picked files (live `/compare`, static `#/compare`). */
export function isFileComparison(mode: 'live' | 'static', where: { pathname: string; hash: string }): boolean {
  return /^\/compare\/?$/.test(mode === 'live' ? where.pathname : where.hash.replace(/^#/, ''));
}

/** Shows two runs side by side (see `compareRuns`). */
async function showComparison(shell: AppShell, beforeId: string, afterId: string): Promise<void> {
  const load = async (traceId: string): Promise<InspectorTrace> => {
    if (shell.boot.mode === 'live') return (await fetchJson(`/api/traces/${traceId}`)) as InspectorTrace;
    const trace = shell.boot.traces?.find((each) => each.traceId === traceId);
    if (trace === undefined) throw new Error(`Trace ${traceId} is not in this file.`);
    return trace;
  };
  const [before, after] = await Promise.all([load(beforeId), load(afterId)]);
  replaceChildren(shell.main, renderComparison(compareRuns(before, after), { hrefOf: (traceId) => traceHref(shell, traceId, null) }));
  document.title = 'Compare runs · tooltrace inspector';
}

/** Live mode: the page of a trace the server does not have yet; the event stream reloads it when it arrives. */
export function showWaiting(shell: AppShell, traceId: string): void {
  document.body.setAttribute('data-waiting', traceId);
  replaceChildren(
    shell.main,
    card(
      'waiting',
      'Trace not received yet',
      [],
      el(
        'div',
        { className: 'waiting' },
        el('p', { attrs: { 'data-waiting-message': '' } }, `Waiting for trace ${traceId}… (exporters batch spans for a few seconds)`),
        el(
          'p',
          null,
          'This page opens the trace as soon as the inspector receives it. ',
          el('a', { attrs: { href: '/' } }, 'Back to the trace list'),
        ),
      ),
    ),
  );
  document.title = 'Waiting for trace · tooltrace inspector';
}

/** Opens a trace page, re-applies the current search, and selects a span if asked. */
export function showTrace(shell: AppShell, trace: InspectorTrace, listHref: string | null, spanId: string | null): void {
  const page = openTracePage(shell, trace, listHref);
  const query = parseAttributeQuery(shell.searchInput.value);
  if (query !== null) applyTraceSearch(page, query, false);
  if (spanId !== null && page.spanById.has(spanId)) selectSpan(page, spanId, true);
}

/** Runs the search box: on a trace page it marks matching spans; on the list it finds spans in all traces. */
export async function runSearch(shell: AppShell, text: string): Promise<void> {
  const query = parseAttributeQuery(text);
  const page = shell.page;
  writeLocation(shell);
  if (page !== null) {
    applyTraceSearch(page, query, true);
    return;
  }
  if (query === null) {
    shell.searchStatus.textContent = '';
    shell.searchResults.classList.remove('open');
    return;
  }
  let hits: SpanMatch[];
  if (shell.boot.mode === 'live') {
    const params = new URLSearchParams({ attr: query.attribute });
    if (query.value !== undefined) params.set('value', query.value);
    hits = (await fetchJson(`/api/search?${params.toString()}`)) as SpanMatch[];
  } else {
    hits = searchTraces(shell.boot.traces ?? [], query);
  }
  shell.searchStatus.textContent = `${hits.length} matching span${hits.length === 1 ? '' : 's'}`;
  renderSearchResults(shell, hits, (hit) => navigate(shell, traceHref(shell, hit.traceId, hit.spanId)));
}

/** Marks the spans of the shown trace that match (client-side: the whole trace is loaded). */
export function applyTraceSearch(page: TracePage, query: AttributeQuery | null, openResults: boolean): void {
  const shell = page.shell;
  page.query = query;
  page.matches = new Set(query === null ? [] : page.view.trace.spans.filter((span) => spanMatches(span, query)).map((span) => span.spanId));
  refreshTimeline(page);
  refreshSpanTree(page);
  applyHighlights(page);
  if (page.selectedSpanId !== null) renderDetails(page, page.selectedSpanId);
  shell.searchStatus.textContent = query === null ? '' : `${page.matches.size} matching span${page.matches.size === 1 ? '' : 's'}`;
  if (!openResults || query === null) {
    shell.searchResults.classList.remove('open');
    return;
  }
  const hits = page.view.trace.spans
    .filter((span) => page.matches.has(span.spanId))
    .map((span) => ({ traceId: span.traceId, spanId: span.spanId, spanName: spanLabel(page, span.spanId), value: null }));
  renderSearchResults(shell, hits, (hit) => {
    shell.searchResults.classList.remove('open');
    selectSpan(page, hit.spanId, true);
  });
}

/** A span's name as the page shows it: the step id for steps. */
export function spanLabel(page: TracePage, spanId: string): string {
  const step = page.stepByKey.get(spanId);
  if (step !== undefined) return `${step.stepId} · ${step.span.name}`;
  return page.spanById.get(spanId)?.name ?? spanId;
}

/** GETs JSON from the inspector's API; on failure throws with the server's message (`{ error: { message } }`). */
export async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) {
    const text = await response.text();
    let message = text.slice(0, 300);
    try {
      const body = JSON.parse(text) as { error?: { message?: unknown } };
      if (typeof body.error?.message === 'string') message = body.error.message;
    } catch {
      // Not JSON: keep the text.
    }
    // `status` lets callers tell a missing trace (404) from a failure.
    throw Object.assign(new Error(`${response.status} ${response.statusText}${message === '' ? '' : `: ${message}`}`), {
      status: response.status,
    });
  }
  return response.json();
}

/** Shows a failure (unknown trace, server down) in place of the page. */
export function showError(shell: AppShell, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  document.body.setAttribute('data-error', message);
  replaceChildren(shell.main, card(null, 'Could not show this page', [], el('div', { className: 'error-box' }, message)));
}

/**
 * Live mode: listens to the server's event stream (`/api/events`: `trace-updated` with the trace's
 * summary, `trace-evicted` with `{ traceId }`) and redraws the list, or the shown trace when it is
 * the one that changed. Bursts are coalesced; a server without the stream just ends the connection.
 */
export function listenForUpdates(shell: AppShell): void {
  if (typeof EventSource === 'undefined') return;
  const source = new EventSource('/api/events');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onEvent = (message: MessageEvent<string>): void => {
    // Picked files are not on the server: an update has nothing to redraw there (and would drop them).
    if (isFileComparison(shell.boot.mode, location)) return;
    const page = shell.page;
    let traceId: unknown = null;
    try {
      traceId = (JSON.parse(message.data) as { traceId?: unknown }).traceId ?? null;
    } catch {
      traceId = null;
    }
    if (page !== null && typeof traceId === 'string' && traceId !== page.view.trace.traceId) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const selected = shell.page?.selectedSpanId ?? null;
      route(shell)
        .then(() => {
          const page = shell.page;
          if (selected !== null && page?.spanById.has(selected)) selectSpan(page, selected, false);
        })
        .catch((error: unknown) => showError(shell, error));
    }, 300);
  };
  for (const type of ['message', 'trace-updated', 'trace-evicted']) {
    source.addEventListener(type, (event) => onEvent(event as MessageEvent<string>));
  }
}
