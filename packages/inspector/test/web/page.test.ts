import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { BUNDLE_PATH } from '../../scripts/bundle-web.mjs';
import { BOOTSTRAP_ELEMENT_ID } from '../../src/web/client/app-types.js';
import { DEFAULT_RENDER_LIMITS, renderAppPage } from '../../src/web/page.js';
import { demoFixture, fixtureTrace } from '../web/fixtures.js';

const between = (html: string, start: string, end: string): string => {
  const from = html.indexOf(start);
  if (from === -1) throw new Error(`missing ${start}`);
  const to = html.indexOf(end, from + start.length);
  return html.slice(from + start.length, to);
};
const bootstrapOf = (html: string): unknown =>
  JSON.parse(between(html, `<script type="application/json" id="${BOOTSTRAP_ELEMENT_ID}">`, '</script>'));
const scriptOf = (html: string): string => between(html, '\n<script>', '</script>\n</body>');

describe('renderAppPage', () => {
  it('embeds static traces so that they parse back unchanged, even with hostile names', () => {
    const trace = fixtureTrace([{ id: '</script><img src=x onerror=alert(1)>\u2028', start: 0, end: 5, group: 0 }]);
    const html = renderAppPage({ mode: 'static', traces: [trace] });
    expect(bootstrapOf(html)).toEqual({ mode: 'static', traces: [trace], limits: DEFAULT_RENDER_LIMITS });
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<img');
  });

  it('gives live pages no traces and merges render limits', () => {
    const html = renderAppPage({ mode: 'live', limits: { graphNodes: 10 } });
    expect(bootstrapOf(html)).toEqual({
      mode: 'live',
      traces: null,

      limits: { ...DEFAULT_RENDER_LIMITS, graphNodes: 10 },
    });
  });

  it('inlines the bundled script (dagre and its license included), allowed by its CSP hash and nothing else', () => {
    const html = renderAppPage({ mode: 'static', traces: [demoFixture()] });
    const script = scriptOf(html);
    expect(() => new Script(script)).not.toThrow();
    expect(script).toBe(readFileSync(BUNDLE_PATH, 'utf8'));
    expect(script).toContain('Copyright (c) 2012-2014 Chris Pettitt');
    expect(script).toContain(BOOTSTRAP_ELEMENT_ID);
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(html).toContain("default-src 'none'");
    expect(html.startsWith('<!doctype html>')).toBe(true);
  });

  it('has an inline favicon that its CSP allows', () => {
    const html = renderAppPage({ mode: 'live' });
    expect(html).toMatch(/<link rel="icon" href="data:image\/svg\+xml,[^"]+">/);
    expect(between(html, 'Content-Security-Policy" content="', '"')).toContain("img-src 'self' data:");
  });
});
