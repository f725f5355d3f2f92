import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_STEP_ID, ATTR_STEP_STATUS, ATTR_TOOL_NAME, explain } from '@tooltrace/core';
import { type InspectorTrace, type RunningInspector, renderAppPage, renderStaticHtml, startInspector } from '@tooltrace/inspector';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureTrace } from '../../packages/inspector/test/web/fixtures.js';
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

  const newPage = async (width = 1440): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width, height: 1000 } });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    pages.push(page);
    return page;
  };

  const openStatic = async (trace: InspectorTrace, width = 1440, html = renderStaticHtml([trace]), hash = ''): Promise<Page> => {
    const file = join(directory, `${trace.traceId}.html`);
    writeFileSync(file, html);
    const page = await newPage(width);
    await page.goto(pathToFileURL(file).href + hash);
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
    // Short stages are named beside their bars in full (a bar too narrow for its name used to read "p…").
    const stageLabels = await page.$$eval('[data-stage-label]', (labels) =>
      labels.map((label) => [label.firstChild?.textContent, label.scrollWidth <= label.clientWidth + 1]),
    );
    expect(stageLabels.map(([name]) => name)).toEqual(['plan', 'execute', 'compose']);
    expect(stageLabels.filter(([name]) => name !== 'execute')).toEqual([
      ['plan', true],
      ['compose', true],
    ]);
    const critical = await page.$$eval('svg .edge.is-critical', (elements) => elements.map((element) => element.getAttribute('data-edge')));
    expect(critical.sort()).toEqual(['correlate->summarize', 'metrics->correlate', 'primary->metrics']);
    expect(await page.$$eval('[data-section="spans"] [data-tree-row]', (rows) => rows.length)).toBe(run.spanCount);
    expect(await texts(page, '[data-tree-row][data-kind="server"] .name, [data-tree-row][data-kind="http client"] .name')).toEqual([
      'POST /incidents',
      'GET /cmdb/ci',
    ]);
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
    // Its timeline bar, its graph node and its span-tree row.
    expect(matched).toEqual(['events', 'events', 'events']);
    await page.click('[data-search-hit]');
    await poll(() => page.textContent('[data-details-title]')).toBe('events');
  });

  it('shows hostile names, attribute keys and values as text, never as markup', async () => {
    const check = async (page: Page): Promise<void> => {
      await page.click('[data-tree-row][data-kind="http client"]');
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
    await page.waitForURL(`**/trace/${run.traceId}?span=*`);
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

  it('waits for a trace the server has not received yet, with a link back to the list', async () => {
    const page = await newPage();
    const traceId = `${'0'.repeat(31)}1`;
    await page.goto(`${inspector.url}/trace/${traceId}`);
    await page.waitForSelector('body[data-ready]');
    expect(await page.getAttribute('body', 'data-waiting')).toBe(traceId);
    expect(await page.getAttribute('body', 'data-error')).toBeNull();
    expect(await page.textContent('[data-waiting-message]')).toBe(
      `Waiting for trace ${traceId}… (exporters batch spans for a few seconds)`,
    );
    expect(await page.getAttribute('[data-section="waiting"] a', 'href')).toBe('/');
    expect(problems).toEqual([]);
  });

  it('shows a failure banner and counts failed steps as errors', async () => {
    const page = await openStatic(storedTrace(run.traceId));
    expect(await page.textContent('[data-failure-banner] .failure-title')).toBe('1 of 7 steps failed: events');
    expect(await page.textContent('[data-failure-message]')).toBe('event index unavailable');
    expect(await page.textContent('[data-failure-skipped]')).toBe('1 step skipped');
    const errors = await page.$$eval('.fact', (facts) =>
      facts
        .filter((fact) => fact.querySelector('.fact-label')?.textContent === 'Errors')
        .map((fact) => fact.querySelector('.fact-value')?.textContent),
    );
    expect(errors).toEqual(['1']);
    expect(await page.$$eval('.lane .lane-sub:nth-child(2)', (subs) => subs.map((sub) => sub.textContent))).toContain('1 step');
    await page.click('[data-failure-banner] [data-step-link="events"]');
    await poll(() => page.textContent('[data-details-title]')).toBe('events');
    expect(problems).toEqual([]);
  });

  for (const width of [1440, 1024]) {
    it(`keeps every timeline label inside its track at ${width}px, with the details panel open`, async () => {
      const page = await openStatic(storedTrace(run.traceId), width);
      await page.click('[data-section="timeline"] .tl-bar[data-step-id="metrics"]');
      await poll(() => page.textContent('[data-details-title]')).toBe('metrics');
      const escapes = await page.$$eval('.tl-label', (labels) =>
        labels.flatMap((label) => {
          const track = label.closest('.lane-track, .wf-track')?.getBoundingClientRect();
          const box = label.getBoundingClientRect();
          if (track === undefined) return [`${label.textContent}: no track`];
          return box.left >= track.left - 0.5 && box.right <= track.right + 0.5
            ? []
            : [`${label.textContent}: ${box.left}-${box.right} outside ${track.left}-${track.right}`];
        }),
      );
      expect(escapes).toEqual([]);
      expect(await page.$$eval('.tl-label[data-label-side]', (labels) => labels.length)).toBeGreaterThanOrEqual(8);
      const layout = await page.evaluate(() => ({
        main: document.querySelector('main')?.getBoundingClientRect().width ?? 0,
        position: getComputedStyle(document.querySelector('[data-details]') as Element).position,
        graph: [...document.querySelectorAll('.graph-wrap')].map((wrap) => {
          const svg = wrap.querySelector('svg')?.getBoundingClientRect();
          return (svg?.width ?? 0) <= wrap.clientWidth + 0.5 || wrap.scrollWidth > wrap.clientWidth;
        }),
      }));
      expect(layout.position).toBe('fixed');
      // Below 1200 px the panel overlays the page instead of narrowing it.
      if (width < 1200) expect(layout.main).toBeGreaterThan(width - 100);
      expect(layout.graph).toEqual([true]);
      expect(problems).toEqual([]);
    });
  }

  it('closes the details with Escape and keeps the selection and the search in the URL (static)', async () => {
    const trace = storedTrace(run.traceId);
    const page = await openStatic(trace);
    const events = trace.spans.find((span) => span.attributes[ATTR_STEP_ID] === 'events');
    await page.click('[data-section="timeline"] .tl-bar[data-step-id="events"]');
    await poll(() => page.evaluate(() => location.hash)).toBe(`#/trace/${run.traceId}/span/${events?.spanId}`);
    await page.keyboard.press('Escape');
    await poll(() => page.evaluate(() => document.body.classList.contains('has-details'))).toBe(false);
    expect(await page.evaluate(() => location.hash)).toBe(`#/trace/${run.traceId}`);
    await page.fill('[data-search]', `${ATTR_STEP_STATUS}=error`);
    await page.press('[data-search]', 'Enter');
    await page.click('[data-search-hit]');
    await poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toBe(
      `#/trace/${run.traceId}/span/${events?.spanId}?q=${ATTR_STEP_STATUS}=error`,
    );
    await page.reload();
    await page.waitForSelector('body[data-ready]');
    await poll(() => page.textContent('[data-details-title]')).toBe('events');
    expect(await page.inputValue('[data-search]')).toBe(`${ATTR_STEP_STATUS}=error`);
    expect(await page.textContent('[data-search-status]')).toBe('1 matching span');
    expect(problems).toEqual([]);
  });

  it('keeps the selection and the search in the query string (live)', async () => {
    const trace = storedTrace(run.traceId);
    const correlate = trace.spans.find((span) => span.attributes[ATTR_STEP_ID] === 'correlate');
    const page = await newPage();
    await page.goto(`${inspector.url}/trace/${run.traceId}?span=${correlate?.spanId}&q=${encodeURIComponent(`${ATTR_STEP_ID}=correlate`)}`);
    await page.waitForSelector('body[data-ready]');
    await poll(() => page.textContent('[data-details-title]')).toBe('correlate');
    expect(await page.textContent('[data-search-status]')).toBe('1 matching span');
    await page.click('[data-section="timeline"] .tl-bar[data-step-id="primary"]');
    const primary = trace.spans.find((span) => span.attributes[ATTR_STEP_ID] === 'primary');
    await poll(() => page.evaluate(() => location.search)).toBe(
      `?span=${primary?.spanId}&q=${encodeURIComponent(`${ATTR_STEP_ID}=correlate`)}`,
    );
    await page.keyboard.press('Escape');
    await poll(() => page.evaluate(() => location.search)).toBe(`?q=${encodeURIComponent(`${ATTR_STEP_ID}=correlate`)}`);
    expect(problems).toEqual([]);
  });

  it('shows JSON string values pretty-printed and breaks attribute keys only at dots', async () => {
    const trace = fixtureTrace([
      { id: 'a', start: 0, end: 10, group: 0, attributes: { 'app.request.payload': '{"ci":{"id":"web-01"},"tags":["a","b"]}' } },
    ]);
    const page = await openStatic(trace, 1024);
    await page.click('.tl-bar[data-step-id="a"]');
    await poll(() => page.textContent('[data-details-title]')).toBe('a');
    const row = '[data-details] [data-attr="app.request.payload"]';
    expect(await page.$$eval(`${row} .key wbr`, (breaks) => breaks.length)).toBe(2);
    expect(await page.textContent(`${row} .key`)).toBe('app.request.payload');
    expect(await page.getAttribute(`${row} details[data-json]`, 'open')).toBeNull();
    await page.click(`${row} details[data-json] summary`);
    expect(await page.textContent(`${row} pre.json-body`)).toBe(JSON.stringify({ ci: { id: 'web-01' }, tags: ['a', 'b'] }, null, 2));
    expect(problems).toEqual([]);
  });

  it('shows every span in a collapsible tree, and the execution plan event of the orchestrate span as the plan', async () => {
    const page = await openStatic(storedTrace(run.traceId));
    const orchestrate = '[data-tree-row][data-kind="orchestrate"]';
    expect(await page.$$eval('[data-tree-row][data-kind="step"]', (rows) => rows.length)).toBe(INCIDENT_PLAN.steps.length);
    await page.click(`${orchestrate} [data-toggle]`);
    expect(await page.$$eval('[data-tree-row][data-kind="step"]', (rows) => rows.length)).toBe(0);
    await page.click(`${orchestrate} [data-toggle]`);
    expect(await page.$$eval('[data-tree-row][data-kind="step"]', (rows) => rows.length)).toBe(INCIDENT_PLAN.steps.length);
    await page.click(orchestrate);
    await poll(() => page.textContent('[data-details-title]')).toBe('orchestrate dag');
    const planned = await page.$$eval('[data-details] [data-execution-plan] [data-plan-step]', (rows) =>
      rows.map((row) => [row.getAttribute('data-plan-group'), row.getAttribute('data-plan-step')]),
    );
    expect(planned).toEqual(explain(INCIDENT_PLAN).groups.flatMap((group) => group.stepIds.map((id) => [String(group.index), id])));
    expect(await page.textContent('[data-details] [data-plan-step="correlate"]')).toContain('← metrics, changes');
    await page.click('[data-details] [data-execution-plan] [data-step-link="events"]');
    await poll(() => page.textContent('[data-details-title]')).toBe('events');
    await page.click('[data-tree-row][data-kind="http client"]');
    await poll(() => page.textContent('[data-details-title]')).toBe('GET /cmdb/ci');
    expect(await texts(page, '[data-details] [data-facts] dd')).toContain('client');
    expect(problems).toEqual([]);
  });

  it("shows a group's timing in its details, the figures of its swimlane label", async () => {
    const page = await openStatic(storedTrace(run.traceId));
    const lane = '[data-section="timeline"] .lane[data-group-index="1"]';
    const label = await page.textContent(`${lane} [data-group-timing]`);
    expect(label).toMatch(/ wall · .* busy/);
    await page.click('[data-tree-row][data-kind="group"]:has-text("group 1")');
    await poll(() => page.textContent('[data-details-title]')).toBe('group 1');
    expect(await page.getAttribute('[data-details] [data-group-timing]', 'data-group-timing')).toBe(label);
    const keptOpen = await page.getAttribute(`${lane} [data-kept-open]`, 'data-kept-open');
    expect(['metrics', 'events']).toContain(keptOpen);
    expect(await page.textContent('[data-details] [data-group-timing] [data-step-link]')).toBe(keptOpen);
    expect(problems).toEqual([]);
  });

  it('always shows failed steps in a capped swimlane', async () => {
    const steps = Array.from({ length: 8 }, (_, index) => ({
      id: `s${index}`,
      start: index,
      end: index + 5,
      group: 0,
      executionOrder: index,
      status: index === 6 ? ('timed_out' as const) : index === 7 ? ('cancelled' as const) : ('ok' as const),
    }));
    const trace = fixtureTrace(steps);
    const page = await openStatic(trace, 1440, renderAppPage({ mode: 'static', traces: [trace], limits: { laneRows: 2 } }));
    const shown = await page.$$eval('[data-section="timeline"] .tl-bar[data-step-id]', (bars) =>
      bars.map((bar) => bar.getAttribute('data-step-id')),
    );
    expect(shown).toContain('s6');
    expect(shown).toContain('s7');
    expect(shown).not.toContain('s3');
    expect(problems).toEqual([]);
  });
});
