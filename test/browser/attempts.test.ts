import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type InspectorTrace, renderStaticHtml } from '@tooltrace/inspector';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRetriedRun } from '../../packages/inspector/test/support/retried-run.js';
import { launchChromium } from './chromium.js';

describe('a retried step in the inspector web view (headless Chromium)', () => {
  let browser: Browser;
  let directory: string;
  let trace: InspectorTrace;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    trace = (await recordRetriedRun()).trace;
    browser = await launchChromium();
    directory = mkdtempSync(join(tmpdir(), 'tooltrace-attempts-'));
    const file = join(directory, 'retried.html');
    writeFileSync(file, renderStaticHtml([trace]));
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(`${pathToFileURL(file).href}#/trace/${trace.traceId}`);
    await page.waitForSelector('body[data-ready]');
  });

  afterAll(async () => {
    await page?.close();
    await browser?.close();
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  });

  it("draws each try inside the step's bar, failed tries marked, and ×3 on its label", async () => {
    const bar = '.tl-bar[data-step-id="fetch"]';
    expect(await page.$$eval(`${bar} .tl-attempt`, (elements) => elements.map((element) => element.className))).toEqual([
      'tl-attempt status-error',
      'tl-attempt status-error',
      'tl-attempt status-ok',
    ]);
    expect(await page.getAttribute(bar, 'title')).toContain('3 attempts (2 failed)');
    const label = await page.$$eval('.tl-label .attempts', (elements) => elements.map((element) => element.textContent));
    expect(label).toEqual(['×3', '×3']);
    expect(await page.$$eval('.tl-bar[data-step-id="after"] .tl-attempt', (elements) => elements.length)).toBe(0);
    expect(problems).toEqual([]);
  });

  it("lists the tries in the step's details, each opening its own span", async () => {
    await page.click('.tl-bar[data-step-id="fetch"]');
    const rows = await page.$$eval('[data-attempts] .attempt', (elements) => elements.map((element) => element.textContent ?? ''));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('#1 error');
    expect(rows[0]).toContain('503 Service Unavailable (call 1)');
    expect(rows[1]).toContain('backoff');
    expect(rows[2]).toContain('#3 ok');
    await page.click('[data-attempts] .attempt[data-attempt="2"] button');
    expect(await page.textContent('[data-details-title]')).toBe('attempt 2');
    expect(await page.textContent('.details-kind')).toBe('attempt');
    expect(problems).toEqual([]);
  });
});
