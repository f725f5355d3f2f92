import { type InspectorTrace, type RunningInspector, startInspector } from '@tooltrace/inspector';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixture, fixtureTrace, span } from '../../packages/inspector/test/web/fixtures.js';
import { launchChromium } from './chromium.js';

const withTraceId = (trace: InspectorTrace, traceId: string, shiftMs: number): InspectorTrace => ({
  traceId,
  spans: trace.spans.map((each) => ({ ...each, traceId, startMs: each.startMs + shiftMs, endMs: each.endMs + shiftMs })),
});

const BEFORE = 'a'.repeat(32);
const AFTER = 'b'.repeat(32);
const HTTP = 'c'.repeat(32);

describe('the trace list and run comparison in headless Chromium', () => {
  let inspector: RunningInspector;
  let browser: Browser;
  const pages: Page[] = [];
  const problems: string[] = [];

  const open = async (path: string, width = 1440): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    pages.push(page);
    await page.goto(`${inspector.url}${path}`);
    await page.waitForSelector('body[data-ready]');
    return page;
  };
  const rowIds = (page: Page) => page.$$eval('tr[data-trace-id]', (rows) => rows.map((row) => row.getAttribute('data-trace-id')));

  beforeAll(async () => {
    inspector = await startInspector({ port: 0 });
    const slower = fixtureTrace([
      { id: 'primary', tool: 'ci_lookup', start: 0, end: 42, group: 0, executionOrder: 0 },
      { id: 'metrics', tool: 'metrics_query', dependsOn: ['primary'], start: 44, end: 330, group: 1, executionOrder: 0 },
      { id: 'events', tool: 'event_search', dependsOn: ['primary'], start: 45, end: 80, group: 1, executionOrder: 1 },
      { id: 'changes', tool: 'change_log', dependsOn: ['primary'], start: 60, end: 95, group: 1, executionOrder: 2 },
      { id: 'correlate', tool: 'correlate', dependsOn: ['metrics', 'changes'], start: 333, end: 370, group: 2, executionOrder: 0 },
      { id: 'timeline', tool: 'timeline', dependsOn: ['events'], start: 80, end: 90, group: 2, executionOrder: 1 },
      { id: 'summarize', tool: 'summarize', dependsOn: ['correlate'], start: 371, end: 440, group: 3, executionOrder: 0 },
    ]);
    const server = span({
      name: 'GET',
      spanId: '1'.repeat(16),
      startMs: Date.now() - 5_000,
      endMs: Date.now() - 4_990,
      kind: 'SERVER',
      attributes: { 'http.request.method': 'GET', 'http.route': '/cart' },
      resource: { 'service.name': 'checkout' },
      scope: { name: '@opentelemetry/instrumentation-http' },
    });
    inspector.store.addTraces([
      withTraceId(demoFixture(), BEFORE, 0),
      withTraceId(slower, AFTER, 60_000),
      { traceId: HTTP, spans: [{ ...server, traceId: HTTP }] },
    ]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const page of pages) await page.close();
    await browser?.close();
    await inspector?.close();
  });

  it('filters by outcome, service and root name, and sorts by a column', async () => {
    const page = await open('/');
    expect(await rowIds(page)).toEqual([HTTP, AFTER, BEFORE]);
    expect(await page.textContent(`tr[data-trace-id="${HTTP}"] .row-title`)).toBe('GET /cart');
    await page.selectOption('[data-filter="outcome"]', 'error');
    expect(await rowIds(page)).toEqual([BEFORE]);
    expect(await page.textContent('[data-list-count]')).toBe('1 of 3 traces');
    await page.selectOption('[data-filter="outcome"]', '');
    await page.selectOption('[data-filter="service"]', 'checkout');
    expect(await rowIds(page)).toEqual([HTTP]);
    await page.selectOption('[data-filter="service"]', '');
    await page.fill('[data-filter="root"]', 'INCIDENT');
    expect(await rowIds(page)).toEqual([AFTER, BEFORE]);
    await page.fill('[data-filter="min-duration"]', '300');
    expect(await rowIds(page)).toEqual([AFTER]);
    await page.fill('[data-filter="min-duration"]', '');
    await page.fill('[data-filter="root"]', '');
    await page.click('[data-sort="durationMs"]');
    expect(await rowIds(page)).toEqual([AFTER, BEFORE, HTTP]);
    await page.click('[data-sort="durationMs"]');
    expect(await rowIds(page)).toEqual([HTTP, BEFORE, AFTER]);
    expect(await page.getAttribute('th:has([data-sort="durationMs"])', 'aria-sort')).toBe('ascending');
    expect(problems).toEqual([]);
  });

  it('is readable at 1024 px: no column cut off, nothing to scroll sideways', async () => {
    const page = await open('/', 1024);
    const fits = await page.evaluate(() => {
      const table = document.querySelector('table.list');
      const card = document.querySelector('[data-section="trace-list"]');
      return table !== null && card !== null && table.scrollWidth <= card.clientWidth + 1 && document.documentElement.scrollWidth <= 1024;
    });
    expect(fits).toBe(true);
    expect(problems).toEqual([]);
  });

  it('compares two selected runs: per-step then and now, both critical paths, what got slower', async () => {
    const page = await open('/');
    await page.check(`[data-compare="${BEFORE}"]`);
    await page.check(`[data-compare="${AFTER}"]`);
    await page.click('[data-compare-selected]');
    await page.waitForURL(`**/compare/${BEFORE}/${AFTER}`);
    await page.waitForSelector('[data-section="comparison"]');
    expect(await page.getAttribute('[data-compare-step="metrics"] [data-delta]', 'data-delta')).toBe('200');
    expect(await page.textContent('[data-compare-step="events"] [data-then]')).toContain('error');
    expect(await page.textContent('[data-compare-step="events"] [data-now]')).toContain('ok');
    expect(await page.getAttribute('[data-critical-then]', 'data-critical-then')).toBe('primary metrics correlate summarize');
    expect(await page.getAttribute('[data-critical-now]', 'data-critical-now')).toBe('primary metrics correlate summarize');
    expect(await page.getAttribute('[data-slower]', 'data-slower')).toBe('metrics');
    expect(problems).toEqual([]);
  });
});
