import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeOtlpJson, groupIntoTraces, loadTraceFiles, type TraceSummary } from '../../src/index.js';
import { exportSpans } from '../support/export-spans.js';
import { recordIncidentRun } from '../support/incident-run.js';

const ESC = String.fromCharCode(27);
const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const cliPath = join(repositoryRoot, 'packages/inspector/dist/cli.js');

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI in a child process (stdout is a pipe, not a terminal). */
function runCli(args: string[], cwd = repositoryRoot): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let directory: string;
let spans: ReadableSpan[];
let traceId: string;
let fixture: string;
let server: ChildProcess | undefined;

beforeAll(async () => {
  // The CLI runs from dist: build it (type errors fail the separate `tsc -b` typecheck, not this).
  await new Promise<void>((resolve) => {
    execFile(
      process.execPath,
      [join(repositoryRoot, 'node_modules/typescript/bin/tsc'), '-b', 'packages/inspector'],
      { cwd: repositoryRoot },
      () => resolve(),
    );
  });
  expect(existsSync(cliPath)).toBe(true);
  directory = await mkdtemp(join(tmpdir(), 'inspector-cli-'));
  ({ spans } = await recordIncidentRun());
  traceId = spans[0]?.spanContext().traceId ?? '';
  fixture = join(directory, 'run.json');
  await writeFile(fixture, JsonTraceSerializer.serializeRequest(spans) ?? '');
});

afterEach(() => {
  server?.kill('SIGKILL');
  server = undefined;
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('tooltrace-inspector print', () => {
  it('draws the trace tree without colours when stdout is not a terminal', async () => {
    const { code, stdout, stderr } = await runCli(['print', fixture, '--width', '100']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).not.toContain(`${ESC}[`);
    expect(stdout.split('\n')[0]).toContain(`trace ${traceId}`);
    expect(stdout).toMatch(/└─ execute_tool summarize \[summary\] +2 {5}skipped/);
    expect(stdout).toContain('✗ TypeError: events backend <down> & "unreachable"');
    for (const line of stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(100);
  });

  it('uses colours when asked', async () => {
    const { stdout } = await runCli(['print', fixture, '--color']);
    expect(stdout).toContain(`${ESC}[32mok`);
  });

  it('exits 1 naming the available traces for an unknown --trace', async () => {
    const { code, stderr } = await runCli(['print', fixture, '--trace', '0af7651916cd43dd8448eb211c80319c']);
    expect(code).toBe(1);
    expect(stderr).toContain(`Trace 0af7651916cd43dd8448eb211c80319c not found. Available: ${traceId}`);
  });

  it('exits 1 with the reason for a file that is not a trace', async () => {
    const notATrace = join(directory, 'package.json');
    await writeFile(notATrace, '{"name": "x"}');
    const { code, stderr } = await runCli(['print', notATrace]);
    expect(code).toBe(1);
    expect(stderr).toContain(`cannot read ${notATrace}: not a trace document`);
  });
});

describe('tooltrace-inspector render', () => {
  it('writes one self-contained HTML file', async () => {
    const output = join(directory, 'out.html');
    const { code, stdout } = await runCli(['render', fixture, '-o', output, '--trace', traceId]);
    expect(code).toBe(0);
    expect(stdout).toBe(`wrote ${output} (1 trace(s), ${spans.length} spans)\n`);
    const html = await readFile(output, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain(traceId);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  });

  it('names the output after the input by default', async () => {
    const { code } = await runCli(['render', fixture]);
    expect(code).toBe(0);
    expect(existsSync(join(directory, 'run.html'))).toBe(true);
  });
});

describe('tooltrace-inspector export', () => {
  it('writes the trace as OTLP/JSON that loads back to the same trace', async () => {
    const output = join(directory, 'exported.json');
    const { code } = await runCli(['export', fixture, '--trace', traceId, '-o', output]);
    expect(code).toBe(0);
    expect(await loadTraceFiles([output])).toEqual(await loadTraceFiles([fixture]));
  });
});

describe('tooltrace-inspector serve', () => {
  it('loads files, receives OTLP from the real exporter, serves the API, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0', '--load', fixture], { cwd: repositoryRoot });
    server = child;
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const endpoint = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const match = /OTLP endpoint: +(\S+)/.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('close', () => reject(new Error(`serve exited early: ${stdout}`)));
    });
    const base = endpoint.replace(/\/v1\/traces$/, '');
    expect(stdout).toContain('loaded:         1 trace(s)');

    const { spans: secondRun } = await recordIncidentRun('second');
    const exporter = new OTLPTraceExporter({ url: endpoint });
    expect((await exportSpans(exporter, secondRun)).code).toBe(0);
    await exporter.shutdown();

    const list = (await (await fetch(`${base}/api/traces`)).json()) as TraceSummary[];
    expect(list.map((summary) => summary.serviceName)).toEqual(['second', 'incident-demo']);
    const trace = await (await fetch(`${base}/api/traces/${traceId}/otlp`)).json();
    expect(groupIntoTraces(decodeOtlpJson(trace).spans)).toEqual((await loadTraceFiles([fixture])).traces);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

describe('tooltrace-inspector usage', () => {
  it('prints help and exits 0, and exits 2 on an unknown command or option', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: tooltrace-inspector <command>');
    const renderHelp = await runCli(['render', '--help']);
    expect(renderHelp.stdout).toContain('Usage: tooltrace-inspector render <file...>');
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const badOption = await runCli(['print', fixture, '--colour']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain("Unknown option '--colour'");
  });
});
