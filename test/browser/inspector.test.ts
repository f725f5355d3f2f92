import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_STEP_ID, ATTR_STEP_STATUS, ATTR_TOOL_NAME, explain } from '@tooltrace/core';
import { type InspectorTrace, type RunningInspector, renderStaticHtml, startInspector } from '@tooltrace/inspector';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { createProvider, INCIDENT_PLAN, type RecordedRun, recordIncidentRun } from './incident-run.js';

const SCREENSHOT = fileURLToPath(new URL('../../test-results/inspector.png', import.meta.url));
const HOSTILE = '<img src=x onerror=alert(1)>';
// Page updates are synchronous after an event, but a loaded CI machine may be slow to deliver it.
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

describe('the inspector web view in headless Chromium', () => {
  let inspector: RunningInspector;
  let provider: NodeTracerProvider;
  let memory: InMemorySpanExporter;
  let browser: Browser;
  let directory: string;
  let run: RecordedRun;
  let hostileRun: RecordedRun;
  const pages: Page[] = [];
  const problems: string[] = [];

  const storedTrace = (traceId: string): InspectorTrace => {
    const trace = inspector.store.get(traceId);
    if (trace === undefined) throw new Error(`trace ${traceId} did not reach the inspector`);
    return trace;
  };

  const newPage = async (): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    pages.push(page);
    return page;
  };

  const openStatic = async (trace: InspectorTrace): Promise<Page> => {
    const file = join(directory, `${trace.traceId}.html`);
    writeFileSync(file, renderStaticHtml([trace]));
    const page = await newPage();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready]');
    return page;
  };

  const texts = (page: Page, selector: string): Promise<string[]> =>
    page.$$eval(selector, (elements) => elements.map((element) => element.textContent ?? ''));

  beforeAll(async () => {
    inspector = await startInspector({ port: 0 });
    ({ provider, memory } = createProvider(inspector.tracesUrl));
    run = await recordIncidentRun(provider, memory);
    hostileRun = await recordIncidentRun(provider, memory, {
      pipeline: HOSTILE,
      eventsError: HOSTILE,
      httpSpan: HOSTILE,
      attributeKey: HOSTILE,
    });
    browser = await launchChromium();
    directory = mkdtempSync(join(tmpdir(), 'tooltrace-inspector-'));
  });

  afterAll(async () => {
    for (const page of pages) await page.close();
    await browser?.close();
    await provider?.shutdown();
    await inspector?.close();
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  });

  it('receives every span of the run over OTLP/HTTP', () => {
    expect(storedTrace(run.traceId).spans).toHaveLength(run.spanCount);
    expect(run.result.steps.map((step) => [step.id, step.status])).toEqual([
      ['primary', 'ok'],
      ['metrics', 'ok'],
      ['events', 'error'],
      ['changes', 'ok'],
      ['correlate', 'ok'],
      ['timeline', 'skipped'],
      ['summarize', 'ok'],
    ]);
  });

  it('draws one graph edge per planned dependency, and steps in their status colours', async () => {
    const page = await openStatic(storedTrace(run.traceId));
    const planned = INCIDENT_PLAN.steps.flatMap((step) => (step.dependsOn ?? []).map((dependency) => `${dependency}->${step.id}`));
    const edges = await page.$$eval('svg [data-edge]', (elements) => elements.map((element) => element.getAttribute('data-edge')));
    expect(edges.sort()).toEqual(planned.sort());
    const nodes = await page.$$eval('svg .node[data-step-id]', (elements) =>
      elements.map((element) => [element.getAttribute('data-step-id'), /status-(\w+)/.exec(element.getAttribute('class') ?? '')?.[1]]),
    );
    expect(Object.fromEntries(nodes)).toEqual(Object.fromEntries(run.result.steps.map((step) => [step.id, step.status])));
    expect(problems).toEqual([]);
  });

  it('shows the strategy, one swimlane per execution group, execution order and the critical path', async () => {
    const page = await openStatic(storedTrace(run.traceId));
    expect(await texts(page, '[data-strategy]')).toEqual(['dag']);
    expect(await texts(page, '[data-outcome]')).toEqual(['error']);
    const lanes = await page.$$eval('[data-section="timeline"] .lane[data-group-index]', (elements) =>
      elements.map((element) => element.getAttribute('data-group-index')),
    );
    expect(lanes).toEqual(explain(INCIDENT_PLAN).groups.map((group) => String(group.index)));
    for (const step of run.result.steps) {
      const order = await texts(page, `.tl-row:has(.tl-bar[data-step-id="${step.id}"]) .order`);
      expect(order, step.id).toEqual(step.executionOrder === null ? [] : [`#${step.executionOrder}`]);
    }
    expect(await page.getAttribute('[data-critical-path]', 'data-critical-path')).toBe('primary metrics correlate summarize');
    const critical = await page.$$eval('svg .edge.is-critical', (elements) => elements.map((element) => element.getAttribute('data-edge')));
    expect(critical.sort()).toEqual(['correlate->summarize', 'metrics->correlate', 'primary->metrics']);
    expect(await texts(page, '[data-section="waterfall"] [data-waterfall-row] .name')).toEqual(['POST /incidents', 'GET /cmdb/ci']);
  });

  it("opens a step's details: attributes, dependencies both ways, the exception", async () => {
    const page = await openStatic(storedTrace(run.traceId));
    await page.click('svg .node[data-step-id="metrics"]');
    await poll(() => page.textContent('[data-details-title]')).toBe('metrics');
    expect(await texts(page, `[data-details] [data-attr="${ATTR_STEP_ID}"] .value`)).toEqual(['metrics']);
    expect(await texts(page, `[data-details] [data-attr="${ATTR_TOOL_NAME}"] .value`)).toEqual(['metrics_query']);
    expect(await texts(page, '[data-details] [data-depends-on] [data-step-link]')).toEqual(['primary']);
    expect(await texts(page, '[data-details] [data-depended-on-by] [data-step-link]')).toEqual(['correlate']);
    await page.click('[data-details] [data-depended-on-by] [data-step-link="correlate"]');
    await poll(() => page.textContent('[data-details-title]')).toBe('correlate');
    await page.click('[data-section="timeline"] .tl-bar[data-step-id="events"]');
    await poll(() => page.textContent('[data-details-title]')).toBe('events');
    expect(await texts(page, '[data-details] [data-exceptions] .exception-type')).toEqual(['TypeError']);
    expect(await texts(page, '[data-details] [data-exceptions] .exception-message')).toEqual(['event index unavailable']);
    await page.focus('[data-section="timeline"] .tl-bar[data-step-id="primary"]');
    await page.keyboard.press('Enter');
    await poll(() => page.textContent('[data-details-title]')).toBe('primary');
    await page.click('[data-section="graph"] .node[data-step-id="metrics"]');
    await poll(() => page.textContent('[data-details-title]')).toBe('metrics');
    await page.evaluate(() => window.scrollTo(0, 0));
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(problems).toEqual([]);
  });

  it('highlights the spans that match an attribute search', async () => {
    const page = await openStatic(storedTrace(run.traceId));
    await page.fill('[data-search]', `${ATTR_STEP_STATUS}=error`);
    await page.press('[data-search]', 'Enter');
    await poll(() => page.textContent('[data-search-status]')).toBe('1 matching span');
    const matched = await page.$$eval('.is-match', (elements) => elements.map((element) => element.getAttribute('data-step-id')));
    expect(matched).toEqual(['events', 'events']);
    await page.click('[data-search-hit]');
    await poll(() => page.textContent('[data-details-title]')).toBe('events');
  });

  it('shows hostile names, attribute keys and values as text, never as markup', async () => {
    const check = async (page: Page): Promise<void> => {
      await page.click('[data-waterfall-row]:has-text("onerror")');
      await poll(() => page.textContent('[data-details-title]')).toBe(HOSTILE);
      expect(await texts(page, '[data-details] [data-attributes] td.key')).toContain(HOSTILE);
      await page.click('.tl-bar[data-step-id="events"]');
      await poll(() => page.textContent('[data-details] .exception-message')).toBe(HOSTILE);
      expect(await texts(page, '.lane-sub')).toContain(`pipeline ${HOSTILE}`);
      expect(await page.$$eval('img, b', (elements) => elements.length)).toBe(0);
    };
    await check(await openStatic(storedTrace(hostileRun.traceId)));
    const live = await newPage();
    await live.goto(`${inspector.url}/trace/${hostileRun.traceId}`);
    await live.waitForSelector('body[data-ready]');
    await check(live);
    expect(problems).toEqual([]);
  });

  it('lists traces from the live API, searches across them and opens a trace', async () => {
    const page = await newPage();
    await page.goto(`${inspector.url}/`);
    await page.waitForSelector('body[data-ready]');
    expect(await page.$$eval('tr[data-trace-id]', (rows) => rows.map((row) => row.getAttribute('data-trace-id')).sort())).toEqual(
      [run.traceId, hostileRun.traceId].sort(),
    );
    await page.fill('[data-search]', `${ATTR_STEP_ID}=correlate`);
    await page.press('[data-search]', 'Enter');
    await poll(() => page.textContent('[data-search-status]')).toBe('2 matching spans');
    await page.click(
      `[data-search-hit="${storedTrace(run.traceId).spans.find((span) => span.attributes[ATTR_STEP_ID] === 'correlate')?.spanId}"]`,
    );
    await page.waitForURL(`**/trace/${run.traceId}#span=*`);
    await page.waitForSelector('body[data-ready]');
    await poll(() => page.textContent('[data-details-title]')).toBe('correlate');
    expect(await page.$$eval('svg [data-edge]', (elements) => elements.length)).toBe(
      INCIDENT_PLAN.steps.reduce((sum, step) => sum + (step.dependsOn?.length ?? 0), 0),
    );
    expect(await page.getAttribute('a[download]', 'href')).toBe(`/api/traces/${run.traceId}/otlp`);
    expect(problems).toEqual([]);
  });

  it('adds a new trace to the open live list when the server announces it', async () => {
    const page = await newPage();
    await page.goto(`${inspector.url}/`);
    await page.waitForSelector('body[data-ready]');
    const before = await page.$$eval('tr[data-trace-id]', (rows) => rows.length);
    const next = await recordIncidentRun(provider, memory);
    await page.waitForSelector(`tr[data-trace-id="${next.traceId}"]`);
    expect(await page.$$eval('tr[data-trace-id]', (rows) => rows.length)).toBe(before + 1);
    expect(problems).toEqual([]);
  });

  it('explains an unknown trace id instead of drawing an empty page', async () => {
    const page = await newPage();
    await page.goto(`${inspector.url}/trace/${'0'.repeat(31)}1`);
    await page.waitForSelector('body[data-ready]');
    expect(await page.getAttribute('body', 'data-error')).toMatch(/^404 /);
    expect(await page.textContent('.error-box')).toMatch(/^404 /);
  });
});
