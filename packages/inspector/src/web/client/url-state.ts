/** What the address says: which trace, which span is selected and what was searched. */
export interface LocationState {
  /** The trace shown, or null for the list (or a static page's only trace). */
  traceId: string | null;
  spanId: string | null;
  /** The search box's text. */
  q: string | null;
}

/**
 * Reads the page state from the address. Live pages use the path and the query string
 * (`/trace/{id}?span={spanId}&q={search}`; the older `#span=` is still read). Static pages use only
 * the hash (`#/trace/{id}/span/{spanId}?q={search}`) because a file:// page should not change its
 * query string (that would be another file URL to the browser).
 */
export function parseLocation(mode: 'live' | 'static', location: { pathname: string; search: string; hash: string }): LocationState {
  const decode = (text: string | undefined): string | null => {
    if (text === undefined || text === '') return null;
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  if (mode === 'live') {
    const match = /^\/trace\/([^/]+)\/?$/.exec(location.pathname);
    const query = new URLSearchParams(location.search);
    const legacy = new URLSearchParams(location.hash.replace(/^#/, ''));
    return {
      traceId: decode(match?.[1]),
      spanId: query.get('span') || legacy.get('span') || null,
      q: query.get('q') || null,
    };
  }
  const hash = location.hash.replace(/^#/, '');
  const mark = hash.indexOf('?');
  const path = mark === -1 ? hash : hash.slice(0, mark);
  const query = new URLSearchParams(mark === -1 ? '' : hash.slice(mark + 1));
  const match = /^\/trace\/([^/]+)(?:\/span\/([^/]+))?\/?$/.exec(path);
  return { traceId: decode(match?.[1]), spanId: decode(match?.[2]), q: query.get('q') || null };
}

/** The address (path, query and hash; relative to the page) for a state, the inverse of {@link parseLocation}. */
export function formatLocation(mode: 'live' | 'static', state: LocationState): string {
  const params = new URLSearchParams();
  if (mode === 'live' && state.spanId !== null && state.traceId !== null) params.set('span', state.spanId);
  if (state.q !== null && state.q !== '') params.set('q', state.q);
  const query = params.toString() === '' ? '' : `?${params.toString()}`;
  const trace = state.traceId === null ? '' : `/trace/${encodeURIComponent(state.traceId)}`;
  if (mode === 'live') return `${trace === '' ? '/' : trace}${query}`;
  const span = state.traceId !== null && state.spanId !== null ? `/span/${encodeURIComponent(state.spanId)}` : '';
  return `#${trace === '' ? '/' : trace}${span}${query}`;
}
