import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type InspectorTrace, type RunningInspector, renderStaticHtml, startInspector, traceToOtlpJson } from '@tooltrace/inspector';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../packages/inspector/src/model/compare-runs.js';
import { formatDuration } from '../../packages/inspector/src/web/client/time-scale.js';
import { fixtureTrace } from '../../packages/inspector/test/web/fixtures.js';
import { openPageSession, type PageSession } from './chromium.js';
import { exportTrace, runDemo } from './example-runs.js';

const COMPARISON = '[data-file-comparison] [data-section="comparison"]';

describe('comparing two trace files picked in the browser, in headless Chromium', () => {
  let inspector: RunningInspector;
  let session: PageSession;
  let directory: string;
  let okTrace: InspectorTrace;
  let failedTrace: InspectorTrace;
  const file = (name: string): string => join(directory, name);

  const open = (url: string): Promise<Page> => session.open(url);

  const stored = (traceId: string): InspectorTrace => {
    const trace = inspector.store.get(traceId);
    if (trace === undefined) throw new Error(`trace ${traceId} did not reach the inspector`);
    return trace;
  };

  beforeAll(async () => {
    inspector = await startInspector({ port: 0 });
    directory = mkdtempSync(join(tmpdir(), 'tooltrace-compare-files-'));
    // The demo as a user runs it, once fine and once with --fail, each exported with the CLI.
    const okId = await runDemo(inspector.url);
    const failedId = await runDemo(inspector.url, ['--fail']);
    await exportTrace(inspector.url, okId, file('ok.json'));
    await exportTrace(inspector.url, failedId, file('failed.json'));
    okTrace = stored(okId);
    failedTrace = stored(failedId);
    // Two runs in one file, one OTLP/JSON request per line (as the Collector's file exporter writes).
    writeFileSync(
      file('both.jsonl'),
      `${readFileSync(file('ok.json'), 'utf8').trim()}\n${readFileSync(file('failed.json'), 'utf8').trim()}\n`,
    );
    writeFileSync(file('notes.txt'), 'these are not spans\n');
    session = await openPageSession({ width: 1280, consoleErrors: true });
  });

  afterAll(async () => {
    await session?.close();
    await inspector?.close();
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  });

  it('compares the exports of an ok run and a --fail run: steps, statuses, durations, critical paths, and nothing is uploaded', async () => {
    const page = await open(`${inspector.url}/`);
    await page.click('[data-compare-files]');
    await page.waitForURL('**/compare');
    await page.waitForSelector('[data-section="compare-files"]');
    expect(await page.textContent('[data-local-only]')).toBe('Files are read in this browser and never uploaded.');
    const requests: string[] = [];
    page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
    await page.setInputFiles('[data-compare-file="before"]', file('ok.json'));
    await page.setInputFiles('[data-compare-file="after"]', file('failed.json'));
    await page.waitForSelector(COMPARISON);

    const expected = compareRuns(okTrace, failedTrace);
    const rows = await page.$$eval(`${COMPARISON} [data-compare-step]`, (elements) =>
      elements.map((element) => element.getAttribute('data-compare-step')),
    );
    expect(rows).toEqual(expected.steps.map((step) => step.stepId));
    expect(rows).toEqual(expect.arrayContaining(['events', 'correlate', 'summarize']));
    for (const step of expected.steps) {
      const then = await page.textContent(`${COMPARISON} [data-compare-step="${step.stepId}"] [data-then]`);
      const now = await page.textContent(`${COMPARISON} [data-compare-step="${step.stepId}"] [data-now]`);
      expect(then).toContain(step.before?.status.replace('_', ' '));
      expect(now).toContain(step.after?.status.replace('_', ' '));
      if (step.before?.durationMs != null) expect(then).toContain(formatDuration(step.before.durationMs));
      if (step.after?.durationMs != null) expect(now).toContain(formatDuration(step.after.durationMs));
    }
    expect(await page.textContent(`${COMPARISON} [data-compare-step="events"] [data-then]`)).toContain('ok');
    expect(await page.textContent(`${COMPARISON} [data-compare-step="events"] [data-now]`)).toContain('error');
    expect(await page.getAttribute('[data-critical-then]', 'data-critical-then')).toBe(expected.before.criticalPath.join(' '));
    expect(await page.getAttribute('[data-critical-now]', 'data-critical-now')).toBe(expected.after.criticalPath.join(' '));
    expect(expected.before.criticalPath.length).toBeGreaterThan(0);
    expect(await page.getAttribute('[data-slower]', 'data-slower')).toBe(expected.slower.map((step) => step.stepId).join(' '));
    expect(await page.$$('[data-plan-differences]')).toHaveLength(0);
    expect(await page.textContent(`${COMPARISON} .compare-run`)).toContain('ok.json');
    expect(requests).toEqual([]);
    expect(session.problems).toEqual([]);
  });

  it('says a file is not a trace, and asks which run to compare in a file with several', async () => {
    const page = await open(`${inspector.url}/compare`);
    await page.setInputFiles('[data-compare-file="before"]', file('notes.txt'));
    await page.waitForSelector('[data-file-error="before"]');
    expect(await page.textContent('[data-file-error="before"]')).toMatch(/^notes\.txt is not a trace file: not valid JSON/);

    await page.setInputFiles('[data-compare-file="before"]', file('both.jsonl'));
    await page.waitForSelector('[data-trace-choice="before"]');
    expect(await page.$$('[data-file-error="before"]')).toHaveLength(0);
    expect(await page.textContent('[data-file-several]')).toBe('both.jsonl holds 2 traces: choose the run to compare.');
    const choices = await page.$$eval('[data-trace-choice="before"] option', (options) =>
      options.map((option) => (option as HTMLOptionElement).value),
    );
    expect(choices).toEqual(['', okTrace.traceId, failedTrace.traceId]);
    await page.setInputFiles('[data-compare-file="after"]', file('failed.json'));
    await page.waitForSelector('[data-file-read="after"]');
    expect(await page.$$(COMPARISON)).toHaveLength(0);
    await page.selectOption('[data-trace-choice="before"]', okTrace.traceId);
    await page.waitForSelector(COMPARISON);
    expect(await page.textContent(`${COMPARISON} [data-compare-step="events"] [data-now]`)).toContain('error');
    expect(session.problems).toEqual([]);
  });

  it('works on a static page from file:// too, and says what differs between two plans while comparing the common steps', async () => {
    const html = file('static.html');
    writeFileSync(html, renderStaticHtml([okTrace]));
    const shorter = fixtureTrace([
      { id: 'primary', tool: 'ci_lookup', start: 0, end: 40, group: 0, executionOrder: 0 },
      { id: 'metrics', tool: 'metrics_query_v2', dependsOn: ['primary'], start: 41, end: 500, group: 1, executionOrder: 0 },
    ]);
    writeFileSync(file('shorter.json'), JSON.stringify(traceToOtlpJson(shorter)));
    const page = await open(pathToFileURL(html).href);
    await page.click('[data-compare-files-link]');
    await page.waitForSelector('[data-section="compare-files"]');
    await page.setInputFiles('[data-compare-file="before"]', file('ok.json'));
    await page.setInputFiles('[data-compare-file="after"]', file('shorter.json'));
    await page.waitForSelector(COMPARISON);
    const differences = await page.$$eval('[data-plan-differences] > div', (lines) => lines.map((line) => line.textContent));
    const plan = compareRuns(okTrace, shorter).plan;
    expect(differences[0]).toBe("The runs' plans differ; the 2 steps both have are compared.");
    expect(differences).toContain(`Only then: ${plan.onlyBefore.length} steps (${plan.onlyBefore.slice(0, 6).join(', ')}).`);
    expect(differences).toContain('Tool of metrics: metrics_query then, metrics_query_v2 now.');
    expect(await page.textContent(`${COMPARISON} [data-compare-step="events"] [data-now]`)).toBe('not in this run');
    expect(await page.textContent(`${COMPARISON} [data-compare-step="metrics"] [data-now]`)).toContain(formatDuration(459));
    expect(session.problems).toEqual([]);
  });
});
