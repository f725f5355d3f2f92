import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  ATTR_BLOCKED_BY,
  ATTR_CRITICAL_PATH,
  ATTR_CRITICAL_PATH_MS,
  ATTR_OUTCOME,
  ATTR_SKIP_REASON,
  ATTR_STEP_ID,
  ATTR_STEP_STATUS,
  EVENT_STEP_SKIPPED,
} from '@tooltrace/core';
import { startInspector } from '@tooltrace/inspector';
import { beforeAll, describe, expect, test } from 'vitest';

// The README's main job, run as a user runs it (built by `pnpm test`'s `tsc -b` step).
const demo = fileURLToPath(new URL('../dist/incident-demo/main.js', import.meta.url));
const run = promisify(execFile);

function runDemo(args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OTEL_')));
  return run(process.execPath, [demo, ...args], { env: { ...clean, ...env }, timeout: 30_000 });
}

describe('pnpm demo', () => {
  beforeAll(() => {
    if (!existsSync(demo)) throw new Error(`${demo} is missing: run \`pnpm build\` (pnpm test does) first`);
  });

  test('with no endpoint: exports to the embedded inspector, prints the span tree and writes the HTML', async () => {
    const html = join(mkdtempSync(join(tmpdir(), 'demo-')), 'run.html');
    const { stdout } = await runDemo(['--exit', '--html', html]);
    expect(stdout).toContain('Most likely: checkout v2.14.0 shrank the DB pool');
    expect(stdout).toMatch(/strategy dag {2}· {2}outcome ok/);
    for (const line of [
      'stage plan',
      'orchestrate dag',
      'group 3',
      'execute_tool ci_lookup [primary]',
      'execute_tool summarize [summarize]',
      'stage present',
    ]) {
      expect(stdout).toContain(line);
    }
    expect(stdout).toMatch(/execute_tool change_history \[changes\] +1 +2 ok/);
    const page = readFileSync(html, 'utf8');
    expect(page.startsWith('<!doctype html>') || page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain('incident-lookup');
  });

  test('--fail: the failing branch is reported and its dependents skipped; the demo still completes', async () => {
    const { stdout } = await runDemo(['--exit', '--fail', '--html', join(mkdtempSync(join(tmpdir(), 'demo-')), 'run.html')]);
    expect(stdout).toContain('[partial: events (error), correlate (skipped), summarize (skipped)]');
    expect(stdout).toContain('Error: event store returned 503 Service Unavailable');
  });

  test('--flaky: the metrics step succeeds on its third try, each try visible in the tree with its error', async () => {
    const { stdout } = await runDemo(['--exit', '--flaky', '--html', join(mkdtempSync(join(tmpdir(), 'demo-')), 'run.html')]);
    expect(stdout).toContain('Most likely: checkout v2.14.0 shrank the DB pool');
    expect(stdout).not.toContain('[partial');
    expect(stdout).toMatch(/strategy dag {2}· {2}outcome ok/);
    expect(stdout).toMatch(/execute_tool metrics_query \[metrics\] ×3 attempts +1 +\d ok/);
    expect(stdout).toMatch(/attempt 1 +error/);
    expect(stdout).toMatch(/attempt 2 +error/);
    expect(stdout).toMatch(/attempt 3 +ok/);
    expect(stdout).toContain('Error: metrics backend returned 503 Service Unavailable (try 2)');
    expect(stdout.match(/GET \/api\/v1\/query_range/g)).toHaveLength(3);
  });

  test('with OTEL_EXPORTER_OTLP_ENDPOINT: exports the trace over OTLP/HTTP to that endpoint', async () => {
    const collector = await startInspector();
    try {
      const { stdout } = await runDemo([], { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
      const traceId = /Trace ([0-9a-f]{32}) exported to/.exec(stdout)?.[1];
      expect(traceId).toBeDefined();
      const trace = collector.store.get(traceId as string);
      expect(trace?.spans.map((span) => span.name)).toEqual(
        expect.arrayContaining(['pipeline incident-lookup', 'orchestrate dag', 'execute_tool correlate']),
      );
      expect(trace?.spans).toHaveLength(16);
      // The endpoint is a tooltrace inspector, so that is where the demo says to look.
      expect(stdout).toContain(`Inspector: ${collector.url}/trace/${traceId}`);
    } finally {
      await collector.close();
    }
  });

  test('--fail over OTLP (contract v2): the pipeline root carries the outcome and ERROR, skipped steps their event, orchestrate the measured critical path', async () => {
    const collector = await startInspector();
    try {
      const { stdout } = await runDemo(['--fail'], { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
      const traceId = /Trace ([0-9a-f]{32}) exported to/.exec(stdout)?.[1];
      const spans = collector.store.get(traceId as string)?.spans ?? [];
      const pipeline = spans.find((span) => span.parentSpanId === null);
      expect(pipeline?.name).toBe('pipeline incident-lookup');
      expect(pipeline?.attributes[ATTR_OUTCOME]).toBe('error');
      expect(pipeline?.status.code).toBe('ERROR');
      const skipped = spans.filter((span) => span.attributes[ATTR_STEP_STATUS] === 'skipped');
      expect(skipped.length).toBeGreaterThan(0);
      for (const step of skipped) {
        const event = step.events.find((each) => each.name === EVENT_STEP_SKIPPED);
        expect(event?.attributes[ATTR_SKIP_REASON]).toBe(step.attributes[ATTR_SKIP_REASON]);
        expect(event?.attributes[ATTR_BLOCKED_BY]).toBe(step.attributes[ATTR_BLOCKED_BY]);
      }
      const orchestrate = spans.find((span) => span.name === 'orchestrate dag');
      const path = orchestrate?.attributes[ATTR_CRITICAL_PATH];
      expect(Array.isArray(path) && path.length > 0).toBe(true);
      const stepIds = new Set(spans.map((span) => span.attributes[ATTR_STEP_ID]));
      for (const id of path as string[]) expect(stepIds.has(id)).toBe(true);
      expect(orchestrate?.attributes[ATTR_CRITICAL_PATH_MS]).toBeGreaterThan(0);
    } finally {
      await collector.close();
    }
  });

  test('with an endpoint that answers 200 to everything but is no inspector: no Inspector link', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    try {
      const { stdout } = await runDemo([], { OTEL_EXPORTER_OTLP_ENDPOINT: url });
      expect(stdout).toMatch(/Trace [0-9a-f]{32} exported to/);
      expect(stdout).not.toContain('Inspector:');
      expect(stdout).toContain('With the docker/ stack');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('with the collector down: the answer is printed, the export failure is reported, and it exits 0', async () => {
    const { stdout, stderr } = await runDemo([], { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' });
    expect(stdout).toContain('Most likely:');
    expect(stderr).toMatch(/Could not export trace [0-9a-f]{32} to http:\/\/127\.0\.0\.1:9\/v1\/traces/);
  });

  test('bad options print the usage and exit 2; --help prints it and exits 0', async () => {
    await expect(runDemo(['--bogus'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--bogus'") });
    await expect(runDemo(['--port', '99999'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--port must be an integer'),
    });
    const { stdout } = await runDemo(['--help']);
    expect(stdout).toContain('Usage: pnpm demo [options]');
  });
});
