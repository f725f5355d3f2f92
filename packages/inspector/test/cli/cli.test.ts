import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeOtlpJson,
  groupIntoTraces,
  loadTraceFiles,
  type RunningInspector,
  startInspector,
  type TraceSummary,
  traceToOtlpJson,
} from '../../src/index.js';
import { exportSpans } from '../support/export-spans.js';
import { recordIncidentRun } from '../support/incident-run.js';
import { modelSpan, spanIdOf, traceIdOf } from '../support/model-spans.js';

const ESC = String.fromCharCode(27);
const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const cliPath = join(repositoryRoot, 'packages/inspector/dist/cli.js');

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI in a child process (stdout is a pipe, not a terminal), with `input` on stdin. */
function runCli(args: string[], cwd = repositoryRoot, input: string | Uint8Array = ''): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd });
    child.stdin.end(input);
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
let inspector: RunningInspector | undefined;

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

afterEach(async () => {
  server?.kill('SIGKILL');
  server = undefined;
  await inspector?.close();
  inspector = undefined;
});

/** An OTLP/JSON document of one trace per root name, the n-th starting n seconds after the first. */
function tracesDocument(rootNames: string[]): string {
  const traces = rootNames.map((name, index) => ({
    traceId: traceIdOf(index + 1),
    spans: [modelSpan({ traceId: traceIdOf(index + 1), spanId: spanIdOf(1), name, startMs: 1000 + index * 1000 })],
  }));
  return JSON.stringify({ resourceSpans: traces.flatMap((trace) => traceToOtlpJson(trace).resourceSpans) });
}

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
    expect(stdout).toBe(`wrote ${output} (1 trace, ${spans.length} spans)\n`);
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
    expect(stdout).toContain('loaded:         1 trace\n');

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

describe('standard input as "-"', () => {
  it('prints, renders and exports the traces read from standard input', async () => {
    const content = await readFile(fixture, 'utf8');
    const fromFile = await runCli(['print', fixture, '--width', '100']);
    const printed = await runCli(['print', '-', '--width', '100'], repositoryRoot, content);
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(fromFile.stdout);

    const rendered = await runCli(['render', '-', '-o', '-'], repositoryRoot, content);
    expect(rendered.code).toBe(0);
    expect(rendered.stdout).toMatch(/^<!doctype html>/i);
    expect(rendered.stdout).toContain(traceId);

    const output = join(directory, 'from-stdin.json');
    const exported = await runCli(['export', '-', '-o', output], repositoryRoot, content);
    expect(exported.code).toBe(0);
    expect(await loadTraceFiles([output])).toEqual(await loadTraceFiles([fixture]));
  });

  it('recognizes OTLP protobuf on standard input', async () => {
    const bytes = ProtobufTraceSerializer.serializeRequest(spans) ?? new Uint8Array();
    const printed = await runCli(['print', '-', '--width', '100'], repositoryRoot, bytes);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe((await runCli(['print', fixture, '--width', '100'])).stdout);
  });

  it('names the default render output traces.html, and refuses "-" twice', async () => {
    const content = await readFile(fixture, 'utf8');
    const rendered = await runCli(['render', '-'], directory, content);
    expect(rendered.code).toBe(0);
    expect(rendered.stdout).toBe(`wrote traces.html (1 trace, ${spans.length} spans)\n`);
    expect(existsSync(join(directory, 'traces.html'))).toBe(true);
    const twice = await runCli(['print', '-', '-'], repositoryRoot, content);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('"-" (standard input) can be given only once');
  });

  it('names standard input when it is not a trace', async () => {
    const { code, stderr } = await runCli(['print', '-'], repositoryRoot, '{"name": "x"}');
    expect(code).toBe(1);
    expect(stderr).toContain('cannot read standard input: not a trace document');
  });
});

describe('a reader that closes the pipe early', () => {
  it('ends export quietly with exit code 0', async () => {
    // Far more than a pipe buffer, so the CLI is still writing when the reader goes away.
    const big = Array.from({ length: 4000 }, (_, index) =>
      modelSpan({ traceId: traceIdOf(7), spanId: spanIdOf(index + 1), name: `span ${index}`, attributes: { text: 'x'.repeat(500) } }),
    );
    const bigFile = join(directory, 'big.json');
    await writeFile(bigFile, JSON.stringify(traceToOtlpJson({ traceId: traceIdOf(7), spans: big })));
    const child = spawn(process.execPath, [cliPath, 'export', bigFile], { cwd: repositoryRoot });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('argument validation', () => {
  it.each([
    [['serve', '--port', '70000'], '--port must be an integer from 0 to 65535, got "70000"'],
    [['serve', '--port', '-1'], "Option '--port' argument is ambiguous"],
    [['serve', '--port', '80.5'], '--port must be an integer from 0 to 65535, got "80.5"'],
    [['serve', '--max-traces', '0'], '--max-traces must be a positive integer, got "0"'],
    [['serve', '--max-traces', '1e3'], '--max-traces must be a positive integer, got "1e3"'],
    [['serve', '--body-limit', '0x10'], '--body-limit must be a positive integer, got "0x10"'],
    [['print', 'x.json', '--width', '0x10'], '--width must be a positive integer, got "0x10"'],
    [['print', 'x.json', '--width', '0'], '--width must be a positive integer, got "0"'],
    [['serve', '--colour'], "Unknown option '--colour'"],
    [['--colour'], 'unknown option "--colour"'],
  ])('%j is a usage error: exit 2, the usage, no stack trace', async (args, message) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`tooltrace-inspector: ${message}`);
    expect(stderr).toContain('Usage: tooltrace-inspector');
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});

describe('export without --trace', () => {
  it('takes the only trace of a running inspector', async () => {
    inspector = await startInspector({ host: '127.0.0.1', port: 0 });
    inspector.store.addTraces((await loadTraceFiles([fixture])).traces);
    const output = join(directory, 'only.json');
    const { code, stderr } = await runCli(['export', inspector.url, '-o', output]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(await loadTraceFiles([output])).toEqual(await loadTraceFiles([fixture]));
  });

  it('exits 1 listing the newest ten trace ids with their root names when the inspector holds several', async () => {
    inspector = await startInspector({ host: '127.0.0.1', port: 0 });
    const names = Array.from({ length: 12 }, (_, index) => `root ${index + 1}`);
    inspector.store.addTraces(decodeAndGroup(tracesDocument(names)));
    const { code, stdout, stderr } = await runCli(['export', inspector.url]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const expected = [12, 11, 10, 9, 8, 7, 6, 5, 4, 3].map((n) => `  ${traceIdOf(n)}  root ${n}`);
    expect(stderr).toBe(
      [
        `tooltrace-inspector export: the inspector at ${inspector.url.replace(/\/+$/, '')} holds 12 traces: choose one with --trace <id> (newest first):`,
        ...expected,
        '  … and 2 more',
        '',
      ].join('\n'),
    );
  });

  it('exits 1 listing the traces of a file that holds several', async () => {
    const file = join(directory, 'two.json');
    await writeFile(file, tracesDocument(['first', 'second']));
    const { code, stderr } = await runCli(['export', file]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${file} holds 2 traces: choose one with --trace <id>`);
    expect(stderr).toContain(`  ${traceIdOf(2)}  second\n  ${traceIdOf(1)}  first\n`);
  });

  it('explains a trace the inspector does not hold in one line', async () => {
    inspector = await startInspector({ host: '127.0.0.1', port: 0 });
    const { code, stderr } = await runCli(['export', inspector.url, '--trace', traceId]);
    expect(code).toBe(1);
    expect(stderr).toContain(`404 no trace "${traceId}" in the inspector`);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});

describe('pluralization and help', () => {
  it('counts one span as "1 span"', async () => {
    const file = join(directory, 'one-span.json');
    await writeFile(file, tracesDocument(['alone']));
    const { stdout } = await runCli(['render', file, '-o', join(directory, 'one-span.html')]);
    expect(stdout).toBe(`wrote ${join(directory, 'one-span.html')} (1 trace, 1 span)\n`);
  });

  it('shows -h and -v under an "Options:" heading in the general help', async () => {
    const { stdout } = await runCli(['--help']);
    expect(stdout).toMatch(/\nOptions:\n {2}-h, --help +show help\n {2}-v, --version +show the version\n$/);
  });
});

function decodeAndGroup(document: string) {
  return groupIntoTraces(decodeOtlpJson(JSON.parse(document)).spans);
}
