import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ATTR_STEP_ID } from '@tooltrace/core';
import { formatTraceTree, type InspectorTrace, type RunningInspector, renderStaticHtml, startInspector } from '@tooltrace/inspector';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPageSession, type PageSession } from './chromium.js';
import { runFailingDemo, runFailingHttpExample } from './example-runs.js';

/** The error count each view shows for one trace. */
interface Counts {
  terminal: number | null;
  liveList: string | null;
  livePage: string | null;
  staticList: string | null;
  staticPage: string | null;
}

describe('one error count on every view, for the --fail demo and the HTTP example', () => {
  let inspector: RunningInspector;
  let session: PageSession;
  let directory: string;
  let demoTraceId: string;
  let httpTraceId: string;

  const open = (url: string): Promise<Page> => session.open(url);

  const stored = (traceId: string): InspectorTrace => {
    const trace = inspector.store.get(traceId);
    if (trace === undefined) throw new Error(`trace ${traceId} did not reach the inspector`);
    return trace;
  };

  const countsOf = async (traceId: string): Promise<Counts> => {
    const trace = stored(traceId);
    const others = inspector.store.list().map((summary) => stored(summary.traceId));
    const file = join(directory, `${traceId}.html`);
    writeFileSync(file, renderStaticHtml(others));
    const row = `tr[data-trace-id="${traceId}"] [data-error-count]`;
    const header = '.facts [data-error-count]';
    const liveList = await open(`${inspector.url}/`);
    const livePage = await open(`${inspector.url}/trace/${traceId}`);
    const staticList = await open(pathToFileURL(file).href);
    const staticPage = await open(`${pathToFileURL(file).href}#/trace/${traceId}`);
    const terminal = /(\d+) errors?\b/.exec(formatTraceTree(trace, { width: 120 }))?.[1];
    return {
      terminal: terminal === undefined ? 0 : Number(terminal),
      liveList: await liveList.getAttribute(row, 'data-error-count'),
      livePage: await livePage.getAttribute(header, 'data-error-count'),
      staticList: await staticList.getAttribute(row, 'data-error-count'),
      staticPage: await staticPage.getAttribute(header, 'data-error-count'),
    };
  };

  beforeAll(async () => {
    inspector = await startInspector({ port: 0 });
    directory = mkdtempSync(join(tmpdir(), 'tooltrace-errors-'));
    demoTraceId = await runFailingDemo(inspector.url);
    const before = new Set(inspector.store.list().map((summary) => summary.traceId));
    await runFailingHttpExample(inspector.url);
    const added = inspector.store.list().filter((summary) => !before.has(summary.traceId));
    if (added.length !== 1) throw new Error(`the HTTP example should add one trace, added ${added.length}`);
    httpTraceId = added[0]?.traceId ?? '';
    session = await openPageSession();
  });

  afterAll(async () => {
    await session?.close();
    await inspector?.close();
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  });

  it('the --fail demo: 1 error (the failed events step) in the terminal, the live list and page, the static list and page', async () => {
    const trace = stored(demoTraceId);
    // The failure reaches the group, orchestrate, stage and pipeline spans too: ERROR spans are not errors.
    expect(trace.spans.filter((span) => span.status.code === 'ERROR').length).toBeGreaterThan(1);
    expect(await countsOf(demoTraceId)).toEqual({ terminal: 1, liveList: '1', livePage: '1', staticList: '1', staticPage: '1' });
    expect(session.problems).toEqual([]);
  });

  it('the HTTP example: 1 error (the lookup step, not also its failed HTTP client span) everywhere, listed by its route', async () => {
    const trace = stored(httpTraceId);
    const lookup = trace.spans.find((span) => span.attributes[ATTR_STEP_ID] === 'inventory');
    const client = trace.spans.find((span) => span.kind === 'CLIENT' && span.parentSpanId === lookup?.spanId);
    expect(lookup?.status.code).toBe('ERROR');
    expect(client?.status.code).toBe('ERROR');
    expect(await countsOf(httpTraceId)).toEqual({ terminal: 1, liveList: '1', livePage: '1', staticList: '1', staticPage: '1' });
    const list = await open(`${inspector.url}/`);
    expect(await list.textContent(`tr[data-trace-id="${httpTraceId}"] .row-title`)).toBe('GET /incidents');
    expect(session.problems).toEqual([]);
  });
});
