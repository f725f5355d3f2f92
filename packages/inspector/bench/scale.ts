/**
 * Scale benchmark of the web view (a script, not a test): a 10,000-step DAG trace (20 dependency
 * levels) through the model, the static page and headless Chromium. Prints timings; asserts nothing.
 *
 *   pnpm tsc -b && pnpm tsc -p packages/inspector/bench && node packages/inspector/bench/dist/bench/scale.js
 *
 * Options: --levels 20 --per-level 500 --screenshot test-results/inspector-10k.png
 */

import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ATTR_STEP_STATUS } from '@tooltrace/core';
import { chromium } from 'playwright-core';
import { buildTrace } from '../src/model/build-trace.js';
import { timedCriticalPath } from '../src/model/run-critical-path.js';
import { buildTraceView } from '../src/model/trace-view.js';
import { decodeOtlpJson } from '../src/otlp/decode-json.js';
import { traceToOtlpJson } from '../src/otlp/encode-json.js';
import { renderAppPage } from '../src/web/page.js';
import { generateDagTrace } from './generate-dag-trace.js';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

async function timed<T>(label: string, action: () => T | Promise<T>, note: (value: T) => string = () => ''): Promise<T> {
  const started = performance.now();
  const value = await action();
  const elapsed = performance.now() - started;
  const extra = note(value);
  console.log(`${label.padEnd(44)} ${elapsed.toFixed(1).padStart(9)} ms${extra === '' ? '' : `   ${extra}`}`);
  return value;
}

async function main(): Promise<void> {
  const levels = Number(option('levels', '20'));
  const perLevel = Number(option('per-level', '500'));
  const screenshot = resolve(option('screenshot', 'test-results/inspector-10k.png'));
  console.log(`tooltrace inspector scale benchmark: ${levels * perLevel} steps in ${levels} levels (node ${process.version})\n`);

  const generated = await timed(
    'generate trace (model objects)',
    () => generateDagTrace({ levels, stepsPerLevel: perLevel, failureRate: 0.01, failingLevels: 3, httpSpanEvery: 10, seed: 7 }),
    (trace) => `${trace.spans.length} spans`,
  );
  const wire = await timed(
    'encode OTLP/JSON (JSON.stringify)',
    () => JSON.stringify(traceToOtlpJson(generated)),
    (text) => `${(text.length / 1e6).toFixed(1)} MB`,
  );
  const trace = await timed('model build (JSON.parse + decode + buildTrace)', () => {
    const decoded = decodeOtlpJson(JSON.parse(wire));
    return buildTrace(generated.traceId, decoded.spans);
  });
  const view = await timed(
    'view model (buildTraceView, also run in page)',
    () => buildTraceView(trace),
    (result) => `${result.runs[0]?.groups.length ?? 0} groups`,
  );
  await timed(
    'critical path',
    () => timedCriticalPath(view.runs[0]?.steps ?? []),
    (path) => `${path.length} steps long`,
  );
  await timed('renderAppPage static (first: assembles script)', () => renderAppPage({ mode: 'static', traces: [trace] }));
  const html = await timed(
    'renderAppPage static (again)',
    () => renderAppPage({ mode: 'static', traces: [trace] }),
    (text) => `${(text.length / 1e6).toFixed(1)} MB`,
  );

  const directory = mkdtempSync(join(tmpdir(), 'tooltrace-scale-'));
  const file = join(directory, 'scale.html');
  writeFileSync(file, html);
  const browser = await timed('launch chromium', () => chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS }));
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on('pageerror', (error) => console.log(`page error: ${error.message}`));
    await timed('load in chromium until data-ready', async () => {
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('body[data-ready]', { timeout: 300_000 });
    });
    mkdirSync(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
    const counts = await page.evaluate(() => ({
      elements: document.getElementsByTagName('*').length,
      bars: document.querySelectorAll('.tl-bar[data-step-id]').length,
      nodes: document.querySelectorAll('svg .node').length,
      rows: document.querySelectorAll('[data-tree-row]').length,
    }));
    console.log(
      `${''.padEnd(44)}   DOM: ${counts.elements} elements, ${counts.bars} step bars, ${counts.nodes} graph nodes, ${counts.rows} span-tree rows`,
    );
    await timed('click a step until its details show', async () => {
      await page.locator('.tl-bar[data-step-id]').nth(5).click();
      await page.waitForSelector('body.has-details [data-facts]');
    });
    await timed(
      'search tooltrace.step.status=error',
      async () => {
        await page.fill('[data-search]', `${ATTR_STEP_STATUS}=error`);
        await page.press('[data-search]', 'Enter');
        await page.waitForFunction(() => document.querySelector('[data-search-status]')?.textContent?.includes('matching') === true);
      },
      () => '',
    );
    await timed('expand a swimlane (show all 500 steps)', async () => {
      await page.keyboard.press('Escape');
      await page.locator('[data-show-lane]').first().click();
      await page.waitForFunction(() => document.querySelectorAll('.lane').length > 0);
    });
    console.log(`\nscreenshot: ${screenshot} (${(statSync(screenshot).size / 1024).toFixed(0)} KiB)`);
  } finally {
    await browser.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
