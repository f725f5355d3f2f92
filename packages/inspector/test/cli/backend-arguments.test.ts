import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, decodeOtlpJson, groupIntoTraces, type InspectorTrace, loadTraceFiles, runCli } from '../../src/index.js';
import { recordIncidentRun } from '../support/incident-run.js';
import { startTempoFixture, type TempoFixture, tempoTrace } from '../support/tempo-fixture.js';

let directory: string;
let file: string;
let incident: InspectorTrace;
let tempo: TempoFixture | undefined;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'inspector-backend-cli-'));
  const { spans } = await recordIncidentRun('cli-backend-test');
  const request = new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans));
  [incident] = groupIntoTraces(decodeOtlpJson(JSON.parse(request)).spans) as [InspectorTrace];
  file = join(directory, 'run.json');
  await writeFile(file, request);
});

afterEach(async () => {
  await tempo?.close();
  tempo = undefined;
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Runs the CLI in this process with captured output. */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
    untilStopped: () => Promise.resolve(),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('print, render and export from Tempo', () => {
  it('print of a Tempo trace URL draws the same tree as print of the exported file', async () => {
    tempo = await startTempoFixture([incident]);
    const fromFile = await run(['print', file, '--width', '100', '--no-color']);
    const fromUrl = await run(['print', `${tempo.url}/api/v2/traces/${incident.traceId}`, '--width', '100', '--no-color']);
    const fromFlags = await run(['print', '--tempo', tempo.url, '--trace', incident.traceId, '--width', '100', '--no-color']);
    expect(fromFile).toMatchObject({ code: 0, stderr: '' });
    expect(fromFile.stdout).toContain('execute_tool event_search [events]');
    expect(fromUrl).toEqual(fromFile);
    expect(fromFlags).toEqual(fromFile);
  });

  it('export writes the Tempo trace as OTLP/JSON that reads back as the same trace', async () => {
    tempo = await startTempoFixture([incident]);
    const output = join(directory, 'from-tempo.json');
    expect(await run(['export', '--tempo', tempo.url, '--trace', incident.traceId, '-o', output])).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect((await loadTraceFiles([output])).traces).toEqual([incident]);
  });

  it('render names its default output after the fetched trace', async () => {
    tempo = await startTempoFixture([incident]);
    const output = join(directory, 'from-tempo.html');
    const { code, stdout } = await run(['render', `${tempo.url}/api/v2/traces/${incident.traceId}`, '-o', output]);
    expect(code).toBe(0);
    expect(stdout).toBe(`wrote ${output} (1 trace, ${incident.spans.length} spans)\n`);
    expect(await readFile(output, 'utf8')).toContain(incident.traceId);
  });
});

describe('a partial trace from Tempo', () => {
  it('is printed, with a warning on stderr', async () => {
    tempo = await startTempoFixture([]);
    const message = 'Trace exceeds maximum size of 5000000 bytes, a partial trace is returned';
    tempo.behave({ status: 200, body: JSON.stringify({ trace: tempoTrace(incident), status: 'PARTIAL', message }) });
    const result = await run(['print', '--tempo', tempo.url, '--trace', incident.traceId, '--no-color']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`trace ${incident.traceId}`);
    expect(result.stderr).toBe(`warning: Tempo at ${tempo.url}: ${message}\n`);
  });
});

describe('backend failures in the CLI', () => {
  it('exits 1 with one line when the backend cannot be reached', async () => {
    const port = await closedPort();
    const result = await run(['print', '--jaeger', `http://127.0.0.1:${port}`, '--trace', incident.traceId]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `tooltrace-inspector print: cannot reach Jaeger at http://127.0.0.1:${port} (GET /api/v3/traces/${incident.traceId}): connect ECONNREFUSED 127.0.0.1:${port}\n`,
    });
  });

  it('exits 1 naming the backend when it does not hold the trace', async () => {
    tempo = await startTempoFixture([]);
    expect(await run(['export', `${tempo.url}/api/v2/traces/${incident.traceId}`])).toEqual({
      code: 1,
      stdout: '',
      stderr: `tooltrace-inspector export: trace ${incident.traceId} not found in Tempo at ${tempo.url}\n`,
    });
  });

  it('exits 1 after --timeout when the backend does not answer', async () => {
    tempo = await startTempoFixture([incident]);
    tempo.behave('hang');
    const result = await run(['render', '--tempo', tempo.url, '--trace', incident.traceId, '--timeout', '100', '-o', '-']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `tooltrace-inspector render: Tempo at ${tempo.url} (GET /api/v2/traces/${incident.traceId}) did not answer within 100 ms\n`,
    );
  });
});

describe('backend arguments', () => {
  it.each([
    [['print', '--jaeger', 'http://127.0.0.1:16686'], '--jaeger needs --trace <id> (serve --jaeger lists recent traces)'],
    [['export', '--jaeger', 'http://a', '--tempo', 'http://b', '--trace', '1'], 'give --jaeger or --tempo, not both'],
    [['render', 'run.json', '--timeout', '100'], '--timeout applies to --jaeger, --tempo or a trace URL'],
    [['print', '--tempo', 'localhost:3200', '--trace', '1'], '--tempo must be an http:// or https:// URL, got "localhost:3200"'],
    [['serve', '--jaeger', 'http://127.0.0.1:16686', '--timeout', '0'], '--timeout must be an integer from 1 to 600000, got "0"'],
  ])('%j is a usage error: %s', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`tooltrace-inspector: ${message}`);
  });
});
