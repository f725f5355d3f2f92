import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../../scripts/backends/src/definitions.js';
import { jaegerTagSearches, parseTagSearch } from './doc-queries.js';
import { JaegerApi, useBackends } from './harness.js';
import type { JaegerTrace } from './jaeger-api.js';

const run = promisify(execFile);
const backends = useBackends();
const SERVICE = 'tooltrace-demo';
const searches = jaegerTagSearches();
let stored: JaegerTrace[];

/** Runs the built demo against the Collector; returns its trace id. */
async function demo(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [join(REPO_ROOT, 'examples/dist/incident-demo/main.js'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: backends().collector.otlpHttpUrl },
  });
  return /Trace ([0-9a-f]{32}) exported/.exec(stdout)?.[1] ?? '';
}

/** What Jaeger's tag search compares: a value as a string (arrays as their JSON). */
const asTagString = (value: unknown): string => (typeof value === 'object' ? JSON.stringify(value) : String(value));

/** The traces that have a span (or span event) where every key=value of the search holds. */
function tracesMatching(traces: readonly JaegerTrace[], tags: Record<string, string>): string[] {
  return traces
    .filter((trace) =>
      trace.spans.some((span) =>
        Object.entries(tags).every(([key, value]) =>
          [...span.tags, ...span.logs.flatMap((log) => log.fields)].some((tag) => tag.key === key && asTagString(tag.value) === value),
        ),
      ),
    )
    .map((trace) => trace.traceID)
    .sort();
}

beforeAll(async () => {
  const api = new JaegerApi(backends().jaeger.queryUrl);
  // The demo ok and failing (a failed step, skips), as the docs tell readers to run it.
  const ids = [await demo([]), await demo(['--fail'])];
  stored = [];
  for (const id of ids) {
    await api.waitForTrace(id, { spans: 1 });
    // Whole once the pipeline root (ended last) is there.
    for (let attempt = 0; attempt < 150; attempt += 1) {
      const trace = await api.traceV1(id);
      if (trace?.spans.some((span) => span.operationName.startsWith('pipeline '))) {
        stored.push(trace);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  expect(stored).toHaveLength(2);
}, 120_000);

describe('every Jaeger tag search printed in the docs finds, in real Jaeger, the traces it describes', () => {
  test('the docs print tag searches (parsed from every Markdown file)', () => {
    expect(searches.length).toBeGreaterThanOrEqual(4);
  });

  test.each(searches.map((search) => [search.query, search.where.join(', ')]))('%s (%s)', async (query) => {
    const tags = parseTagSearch(query);
    const found = await new JaegerApi(backends().jaeger.queryUrl).searchV1(SERVICE, tags);
    const expected = tracesMatching(stored, tags);
    // The demo traces must contain what the doc promises, and Jaeger must find exactly those.
    expect(expected.length, `no demo trace has a span with ${query}: the doc promises something the demo never emits`).toBeGreaterThan(0);
    expect(found.map((trace) => trace.traceID).sort()).toEqual(expected);
  });
});
