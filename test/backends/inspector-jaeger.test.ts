import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ATTR_LINK_KIND, LINK_KIND_DEPENDS_ON } from '@tooltrace/core';
import {
  decodeTraceDocument,
  groupIntoTraces,
  type InspectorSpan,
  type InspectorTrace,
  jaegerBackend,
  loadTraceFiles,
  type RunningInspector,
  startInspector,
  type TraceSummary,
} from '@tooltrace/inspector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JaegerApi, useBackends } from './harness.js';
import { type OtlpRecorder, startOtlpRecorder } from './otlp-recorder.js';

// `tooltrace-inspector` over the real Jaeger v2: the demo exports through a recorder (which keeps its
// own export as sent) to the real Collector, which sends it to Jaeger; the inspector then reads the
// same traces back through Jaeger's query API.

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(repositoryRoot, 'packages/inspector/dist/cli.js');
const demo = join(repositoryRoot, 'examples/dist/incident-demo/main.js');
/** Jaeger notes what its sanitizer changed in this span attribute. */
const JAEGER_WARNINGS = '@jaeger@warnings';
/** Tests that start CLI processes get more time on a loaded machine. */
const CLI_TEST_TIMEOUT_MS = 60_000;

interface DemoRun {
  traceId: string;
  /** What the demo exported, as it sent it (JSONL of OTLP/JSON requests). */
  file: string;
  trace: InspectorTrace;
}

const backends = useBackends();
let queryUrl: string;
let recorder: OtlpRecorder | undefined;
let directory: string;
let runs: { ok: DemoRun; fail: DemoRun };

/** Runs the built CLI as a user does; resolves with its exit code and output. */
async function inspectorCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Runs the demo exporting through the recorder; returns its trace id and what it exported. */
async function runDemo(name: 'ok' | 'fail', through: OtlpRecorder): Promise<DemoRun> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OTEL_')));
  const before = through.bodies.length;
  const { stdout } = await run(process.execPath, [demo, '--exit', ...(name === 'fail' ? ['--fail'] : [])], {
    env: { ...clean, OTEL_EXPORTER_OTLP_ENDPOINT: through.url },
    timeout: 30_000,
  });
  const traceId = /Trace ([0-9a-f]{32}) exported/.exec(stdout)?.[1];
  if (traceId === undefined) throw new Error(`the demo printed no trace id:\n${stdout}`);
  const file = join(directory, `demo-${name}.jsonl`);
  const requests = through.bodies.slice(before).map((body) => JSON.stringify(JSON.parse(body.toString('utf8'))));
  await writeFile(file, `${requests.join('\n')}\n`);
  const trace = (await loadTraceFiles([file])).traces.find((each) => each.traceId === traceId);
  if (trace === undefined) throw new Error(`the demo's export holds no trace ${traceId}`);
  await new JaegerApi(queryUrl).waitForTrace(traceId, { spans: trace.spans.length });
  return { traceId, file, trace };
}

function withoutJaegerWarnings(span: InspectorSpan): InspectorSpan {
  const { [JAEGER_WARNINGS]: _warnings, ...attributes } = span.attributes;
  return { ...span, attributes };
}

beforeAll(async () => {
  for (const built of [cli, demo]) if (!existsSync(built)) throw new Error(`${built} is missing: run \`pnpm build\` first`);
  const { collector, jaeger } = backends();
  queryUrl = jaeger.queryUrl;
  directory = await mkdtemp(join(tmpdir(), 'inspector-jaeger-'));
  recorder = await startOtlpRecorder(collector.otlpHttpUrl);
  runs = { ok: await runDemo('ok', recorder), fail: await runDemo('fail', recorder) };
}, 120_000);

afterAll(async () => {
  await recorder?.close();
  await rm(directory, { recursive: true, force: true });
});

describe('tooltrace-inspector print, export, render over the real Jaeger', () => {
  it.each(['ok', 'fail'] as const)(
    'print of the %s demo trace fetched from Jaeger draws the same tree as from the demo own export',
    async (name) => {
      const { traceId, file } = runs[name];
      const options = ['--width', '100', '--no-color'];
      const fromExport = await inspectorCli(['print', file, '--trace', traceId, ...options]);
      expect(fromExport.code).toBe(0);
      expect(fromExport.stdout).toContain(`trace ${traceId}`);
      expect(fromExport.stdout).toContain('execute_tool event_search [events]');
      const sources = [
        [`${queryUrl}/trace/${traceId}`],
        [`${queryUrl}/api/v3/traces/${traceId}`],
        [`${queryUrl}/api/traces/${traceId}`],
        ['--jaeger', queryUrl, '--trace', traceId],
      ];
      const fromJaeger = await Promise.all(sources.map((source) => inspectorCli(['print', ...source, ...options])));
      for (const result of fromJaeger) expect(result).toEqual(fromExport);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it('reads back from API v3 every span as exported: ids, parents, kinds, times, attributes, events, links, statuses', async () => {
    const decoded = await jaegerBackend(queryUrl).getTrace(runs.fail.traceId);
    expect(decoded.rejected).toEqual([]);
    const [trace] = groupIntoTraces(decoded.spans);
    // Jaeger's sanitizer gives a zero-length span (a skipped step) 1 ns, below the model's µs, and says so.
    const warned = trace?.spans.filter((span) => JAEGER_WARNINGS in span.attributes).map((span) => span.spanId);
    const zeroLength = runs.fail.trace.spans.filter((span) => span.durationMs === 0).map((span) => span.spanId);
    expect(warned?.length).toBeGreaterThan(0);
    for (const spanId of warned ?? []) expect(zeroLength).toContain(spanId);
    expect(trace?.spans.map(withoutJaegerWarnings)).toEqual(runs.fail.trace.spans);
  });

  it(
    'export from a Jaeger trace URL writes OTLP/JSON that reads back as the demo export',
    async () => {
      const output = join(directory, 'exported.json');
      const result = await inspectorCli(['export', `${queryUrl}/trace/${runs.ok.traceId}`, '-o', output]);
      expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
      expect((await loadTraceFiles([output])).traces).toEqual([runs.ok.trace]);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'exits 1 naming Jaeger for a trace it does not hold',
    async () => {
      const missing = 'f'.repeat(32);
      expect(await inspectorCli(['render', '--jaeger', queryUrl, '--trace', missing, '-o', '-'])).toEqual({
        code: 1,
        stdout: '',
        stderr: `tooltrace-inspector render: trace ${missing} not found in Jaeger at ${queryUrl}\n`,
      });
    },
    CLI_TEST_TIMEOUT_MS,
  );
});

describe('serve --jaeger over the real Jaeger', () => {
  let inspector: RunningInspector | undefined;

  beforeAll(async () => {
    inspector = await startInspector({ port: 0, backend: jaegerBackend(queryUrl) });
  });

  afterAll(async () => {
    await inspector?.close();
  });

  it('lists the demo traces found through Jaeger search API, newest first, with their outcomes', async () => {
    const summaries = (await (await fetch(`${inspector?.url}/api/traces`)).json()) as TraceSummary[];
    const demoRows = summaries.filter((summary) => summary.traceId === runs.ok.traceId || summary.traceId === runs.fail.traceId);
    expect(demoRows.map((summary) => [summary.traceId, summary.rootName, summary.outcome, summary.spanCount])).toEqual([
      [runs.fail.traceId, 'pipeline incident-lookup', 'error', runs.fail.trace.spans.length],
      [runs.ok.traceId, 'pipeline incident-lookup', 'ok', runs.ok.trace.spans.length],
    ]);
  });

  it('opens a trace by id from Jaeger with the same spans as the demo export, and its OTLP download', async () => {
    const response = await fetch(`${inspector?.url}/api/traces/${runs.ok.traceId}`);
    expect(response.status).toBe(200);
    const linkKinds = runs.ok.trace.spans.flatMap((span) => span.links.map((link) => link.attributes[ATTR_LINK_KIND]));
    expect(linkKinds).toContain(LINK_KIND_DEPENDS_ON);
    expect(await response.json()).toEqual(runs.ok.trace);
    const otlp = await (await fetch(`${inspector?.url}/api/traces/${runs.ok.traceId}/otlp`)).text();
    expect(groupIntoTraces(decodeTraceDocument(otlp).spans)).toEqual([runs.ok.trace]);
  });

  it('answers 404 naming Jaeger for an id it does not hold', async () => {
    const missing = 'e'.repeat(32);
    const response = await fetch(`${inspector?.url}/api/traces/${missing}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'TRACE_NOT_FOUND', message: `trace ${missing} not found in Jaeger at ${queryUrl}` },
    });
  });
});
