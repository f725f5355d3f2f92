import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InspectorTrace } from '../model/types.js';
import { BOOTSTRAP_ELEMENT_ID, type Bootstrap, type RenderLimits } from './client/app-types.js';
import { WebViewAssemblyError } from './errors.js';
import { inlineJson, inlineScript } from './inline-json.js';
import { PAGE_STYLES } from './page-styles.js';

/**
 * The page's script, bundled at build time by scripts/bundle-web.mjs into dist/web/app.bundle.js
 * of this package. Found from this module upwards (src/web/page.ts, dist/web/page.js, or a copy
 * compiled elsewhere, as the benchmark's), by the package's name.
 */
function bundlePath(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === '@tooltrace/inspector') {
      return join(directory, 'dist', 'web', 'app.bundle.js');
    }
    const parent = dirname(directory);
    if (parent === directory) throw new WebViewAssemblyError('Cannot find the @tooltrace/inspector package around the web view module.');
    directory = parent;
  }
}

/** What the page draws before summarising; the defaults keep a 10,000-step trace responsive. */
export const DEFAULT_RENDER_LIMITS: RenderLimits = { graphNodes: 300, laneRows: 12, spanRows: 400, spanChildren: 50 };

/**
 * How to render the inspector page: `live` pages read the inspector's HTTP API (`/api/traces`...);
 * `static` pages embed their traces and need no server.
 */
export type AppPageOptions = ({ mode: 'live' } | { mode: 'static'; traces: InspectorTrace[] }) & {
  /** Overrides of {@link DEFAULT_RENDER_LIMITS}. */
  limits?: Partial<RenderLimits>;
};

/** The tab icon, inline (the CSP's `img-src data:` allows it): the brand's violet "t" tile. */
export const FAVICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#4f5bd5"/><stop offset="1" stop-color="#7c3aed"/></linearGradient></defs><rect width="32" height="32" rx="8" fill="url(#g)"/><text x="16" y="23" font-family="system-ui,sans-serif" font-size="19" font-weight="700" fill="#fff" text-anchor="middle">t</text></svg>',
)}`;

let cachedScript: { text: string; hash: string } | undefined;

/**
 * A complete, self-contained HTML document for the inspector's web view: styles and the page's
 * bundled script (dagre included) are inline, and a Content-Security-Policy allows only that script,
 * by its hash.
 * Serve it for `/` and `/trace/:id` (live), or write it to a file (static).
 *
 * @example writeFileSync('run.html', renderAppPage({ mode: 'static', traces: [trace] }))
 */
export function renderAppPage(options: AppPageOptions): string {
  const boot: Bootstrap = {
    mode: options.mode,
    traces: options.mode === 'static' ? options.traces : null,
    limits: { ...DEFAULT_RENDER_LIMITS, ...options.limits },
  };
  const script = pageScript();
  const policy = [
    "default-src 'none'",
    `script-src 'sha256-${script.hash}'`,
    "style-src 'unsafe-inline'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<title>tooltrace inspector</title>',
    `<link rel="icon" href="${FAVICON}">`,
    `<style>${PAGE_STYLES}</style>`,
    '</head>',
    '<body>',
    '<noscript>The tooltrace inspector needs JavaScript.</noscript>',
    `<script type="application/json" id="${BOOTSTRAP_ELEMENT_ID}">${inlineJson(boot)}</script>`,
    `<script>${script.text}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The inline script and its CSP hash; read once per process (it depends only on the package's build). */
function pageScript(): { text: string; hash: string } {
  if (cachedScript === undefined) {
    const path = bundlePath();
    let bundle: string;
    try {
      bundle = readFileSync(path, 'utf8');
    } catch (cause) {
      throw new WebViewAssemblyError(
        `The web view's script ${path} is missing: build the inspector first (\`pnpm build\` in the workspace).`,
        {
          cause,
        },
      );
    }
    const text = inlineScript(bundle);
    cachedScript = { text, hash: createHash('sha256').update(text, 'utf8').digest('base64') };
  }
  return cachedScript;
}
