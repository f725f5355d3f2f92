#!/usr/bin/env node
// Bundles the web view's browser code (src/web/client/main.ts and everything it imports: the model
// code the server also runs, dagre) into one script, dist/web/app.bundle.js, which renderAppPage
// inlines. Runs after `tsc -b` in the workspace build, and before the tests (vitest global setup).
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const packageRoot = new URL('../', import.meta.url);

/** Where the bundle is written; src/web/page.ts reads it from the same place. */
export const BUNDLE_PATH = fileURLToPath(new URL('dist/web/app.bundle.js', packageRoot));

/** Builds the bundle; resolves when it is written. */
export async function bundleWebClient() {
  // dagre's license travels with the page that inlines it.
  const dagreLicense = readFileSync(
    createRequire(import.meta.url)
      .resolve('@dagrejs/dagre/package.json')
      .replace(/package\.json$/, 'dist/dagre.esm.js.LEGAL.txt'),
    'utf8',
  );
  mkdirSync(fileURLToPath(new URL('dist/web/', packageRoot)), { recursive: true });
  await build({
    entryPoints: [fileURLToPath(new URL('src/web/client/main.ts', packageRoot))],
    outfile: BUNDLE_PATH,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    banner: { js: `/*! @dagrejs/dagre${dagreLicense.replace(/^\/\*|\*\/\s*$/g, '').replace(/\*\//g, '* /')}*/` },
    // The core's contract constants from source: no build order between core and this bundle.
    alias: { '@tooltrace/core': fileURLToPath(new URL('../core/src/index.ts', packageRoot)) },
    tsconfigRaw: {},
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await bundleWebClient();
}
