import type { InspectorTrace } from '../model/types.js';
import { renderAppPage } from './app-page.js';

/**
 * One self-contained HTML file (inline scripts and styles, no network access) showing `traces` in
 * the web view: what `tooltrace-inspector render` writes.
 *
 * @example
 * writeFileSync('run.html', renderStaticHtml([store.get(traceId)!]));
 */
export function renderStaticHtml(traces: readonly InspectorTrace[]): string {
  return renderAppPage({ mode: 'static', traces: [...traces] });
}
