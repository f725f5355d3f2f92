import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type CliIo, type InspectorSpan, type RunningInspector, runCli, startInspector, traceToOtlpJson } from '@tooltrace/inspector';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPageSession, type PageSession } from './chromium.js';
import { runFailingDemo } from './example-runs.js';

// The demo runs compiled (examples/dist, with tsc's source maps); its failing tool throws here.
const TOOLS_SOURCE = fileURLToPath(new URL('../../examples/incident-demo/tools.ts', import.meta.url));
// An ES module: its stack names it by file URL.
const TOOLS_COMPILED = new URL('../../examples/dist/incident-demo/tools.js', import.meta.url).href;
const THROW_LINE =
  readFileSync(TOOLS_SOURCE, 'utf8')
    .split('\n')
    .findIndex((line) => line.includes("throw new Error('event store returned 503")) + 1;

describe('the --fail demo compiled to JavaScript: its exception stack at the TypeScript source in Chromium', () => {
  let inspector: RunningInspector;
  let session: PageSession;
  let directory: string;
  let traceId: string;
  let failed: InspectorSpan;

  const open = (url: string): Promise<Page> => session.open(url);

  /** The mapped frames in the open details panel, and the compiled frame each names. */
  const mappedFrames = (page: Page): Promise<Array<{ text: string; title: string }>> =>
    page.$$eval('[data-details] [data-exceptions] [data-mapped-frame]', (elements) =>
      elements.map((element) => ({ text: element.firstChild?.textContent ?? '', title: element.getAttribute('title') ?? '' })),
    );

  beforeAll(async () => {
    expect(THROW_LINE).toBeGreaterThan(0);
    inspector = await startInspector({ port: 0 });
    traceId = await runFailingDemo(inspector.url);
    const span = inspector.store
      .get(traceId)
      ?.spans.find((each) =>
        each.events.some((event) => String(event.attributes['exception.message']).includes('event store returned 503')),
      );
    if (span === undefined) throw new Error('the --fail demo recorded no exception for its failing tool');
    failed = span;
    session = await openPageSession();
    directory = mkdtempSync(join(tmpdir(), 'tooltrace-source-maps-'));
  });

  afterAll(async () => {
    await session?.close();
    await inspector?.close();
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  });

  it('the live trace page shows the throw at its line of tools.ts, the compiled tools.js frame on hover and under it', async () => {
    expect(String(failed.events.find((event) => event.name === 'exception')?.attributes['exception.stacktrace'])).toContain(TOOLS_COMPILED);
    const page = await open(`${inspector.url}/trace/${traceId}?span=${failed.spanId}`);
    await page.waitForSelector('[data-details] [data-mapped-frame]');
    const [thrown] = await mappedFrames(page);
    expect(thrown?.text).toMatch(new RegExp(`^\\s*at .*\\(${escapeRegExp(TOOLS_SOURCE)}:${THROW_LINE}:\\d+\\)$`));
    expect(thrown?.title).toMatch(new RegExp(`^compiled: ${escapeRegExp(TOOLS_COMPILED)}:\\d+:\\d+$`));
    expect(await page.textContent('[data-details] [data-mapped-frame] .stack-compiled')).toContain(`compiled: ${TOOLS_COMPILED}:`);
    // The stack as recorded is one click away, unchanged.
    await page.click('[data-details] [data-mapped-stack] summary');
    expect(await page.textContent('[data-details] [data-recorded-stack]')).toBe(
      failed.events.find((event) => event.name === 'exception')?.attributes['exception.stacktrace'],
    );
    expect(session.problems).toEqual([]);
  });

  it('the static page from `tooltrace-inspector render` shows the same frame', async () => {
    const traceFile = join(directory, 'fail.json');
    const htmlFile = join(directory, 'fail.html');
    writeFileSync(traceFile, JSON.stringify(traceToOtlpJson(inspector.store.get(traceId) ?? { traceId, spans: [] })));
    const io: CliIo = {
      stdout: { write: () => true },
      stderr: { write: () => true },
      env: {},
      untilStopped: () => new Promise(() => undefined),
    };
    expect(await runCli(['render', traceFile, '-o', htmlFile], io)).toBe(0);
    const page = await open(`${pathToFileURL(htmlFile).href}#/trace/${traceId}/span/${failed.spanId}`);
    await page.waitForSelector('[data-details] [data-mapped-frame]');
    const [thrown] = await mappedFrames(page);
    expect(thrown?.text).toMatch(new RegExp(`\\(${escapeRegExp(TOOLS_SOURCE)}:${THROW_LINE}:\\d+\\)$`));
    expect(session.problems).toEqual([]);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
