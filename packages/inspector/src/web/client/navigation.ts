import type { AppShell } from './app-types.js';
import { formatLocation, parseLocation } from './url-state.js';

/** Writes the shown trace, the selected span and the search into the address (history.replaceState). */
export function writeLocation(shell: AppShell): void {
  const page = shell.page;
  const q = shell.searchInput.value.trim();
  const href = formatLocation(shell.boot.mode, {
    traceId: page === null ? parseLocation(shell.boot.mode, location).traceId : page.view.trace.traceId,
    spanId: page?.selectedSpanId ?? null,
    q: q === '' ? null : q,
  });
  const current = shell.boot.mode === 'live' ? location.pathname + location.search : location.hash === '' ? '#/' : location.hash;
  if (href !== current) history.replaceState(history.state, '', href);
}

/** The link to a trace (and a span in it) for the current mode. */
export function traceHref(shell: AppShell, traceId: string, spanId: string | null): string {
  const q = shell.searchInput.value.trim();
  return formatLocation(shell.boot.mode, { traceId, spanId, q: q === '' ? null : q });
}

/** Follows an in-app link: a page load in live mode, a hash change in static mode. */
export function navigate(shell: AppShell, href: string): void {
  if (shell.boot.mode === 'static') {
    location.hash = href.slice(1);
    return;
  }
  location.assign(href);
}
