import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderStaticHtml } from '@tooltrace/inspector';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomDag } from '../../packages/inspector/test/support/random-dag.js';
import { fixtureTrace } from '../../packages/inspector/test/web/fixtures.js';
import { launchChromium } from './chromium.js';

describe('a 100-step random DAG in headless Chromium', () => {
  let browser: Browser;
  let directory: string;
  let page: Page;
  const problems: string[] = [];
  const dag = randomDag(100, 42);

  beforeAll(async () => {
    browser = await launchChromium();
    directory = mkdtempSync(join(tmpdir(), 'tooltrace-dag-'));
    const file = join(directory, 'dag.html');
    writeFileSync(file, renderStaticHtml([fixtureTrace(dag.steps)]));
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready]');
  });

  afterAll(async () => {
    await page?.close();
    await browser?.close();
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  });

  const nodeBoxes = () =>
    page.$$eval('[data-section="graph"] svg .node[data-step-id]', (nodes) =>
      nodes.map((node) => {
        const box = node.querySelector('rect.box')?.getBoundingClientRect();
        const wrap = node.closest('.graph-wrap')?.getBoundingClientRect();
        return {
          group: Number(node.getAttribute('data-group')),
          left: Math.round(box?.left ?? Number.NaN),
          inside:
            box !== undefined &&
            wrap !== undefined &&
            box.left >= wrap.left - 0.5 &&
            box.right <= wrap.right + 0.5 &&
            box.top >= wrap.top - 0.5 &&
            box.bottom <= wrap.bottom + 0.5,
        };
      }),
    );

  it('draws one column per execution group, in group order, and clips no node', async () => {
    const boxes = await nodeBoxes();
    expect(boxes).toHaveLength(100);
    const columns = new Map<number, Set<number>>();
    for (const box of boxes) columns.set(box.group, (columns.get(box.group) ?? new Set()).add(box.left));
    expect(columns.size).toBe(dag.groups);
    expect([...columns.values()].every((lefts) => lefts.size === 1)).toBe(true);
    const lefts = [...columns.entries()].sort((a, b) => a[0] - b[0]).map(([, set]) => [...set][0] as number);
    expect(lefts).toEqual([...lefts].sort((a, b) => a - b));
    expect(new Set(lefts).size).toBe(dag.groups);
    expect(boxes.filter((box) => !box.inside)).toEqual([]);
    const badges = await page.$$eval('[data-section="graph"] svg .node[data-step-id] .badge', (texts) =>
      texts.map((text) => text.textContent),
    );
    expect(badges.every((badge) => /^G\d+( #\d+)?$/.test(badge ?? ''))).toBe(true);
    expect(problems).toEqual([]);
  });

  it('zooms in and pans a part of the graph, and shows it whole again', async () => {
    const svg = '[data-section="graph"] svg';
    await page.click('[data-zoom="in"]');
    await page.click('[data-zoom="in"]');
    expect(await page.getAttribute(svg, 'data-zoomed')).toBe('');
    const before = await page.getAttribute(svg, 'viewBox');
    const box = await page.locator(svg).boundingBox();
    if (box === null) throw new Error('no graph');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 - 40, { steps: 4 });
    await page.mouse.up();
    expect(await page.getAttribute(svg, 'viewBox')).not.toBe(before);
    await page.click('[data-zoom="fit"]');
    expect(await page.getAttribute(svg, 'data-zoomed')).toBeNull();
    expect((await nodeBoxes()).filter((each) => !each.inside)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
