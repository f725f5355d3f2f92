import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { BACKENDS, cachedBinaryPath, DOCKER_DIR } from '../../scripts/backends/src/definitions.js';
import { type NativeJaeger, startJaeger } from './harness.js';

const run = promisify(execFile);
const otelcol = cachedBinaryPath(BACKENDS.otelcol);
const jaegerBinary = cachedBinaryPath(BACKENDS.jaeger);

/** Which program checks each file under docker/ in these tests. */
const CHECKED_BY: Record<string, string> = {
  'collector.yaml': 'otelcol validate, and the Collector every backend test starts',
  'jaeger.yaml': 'jaeger validate, and the Jaeger every backend test starts',
  'jaeger-ui.json': 'Jaeger at start (served in its page as JAEGER_CONFIG)',
  'native/collector-builder.yaml': 'ocb (the build), and `otelcol components` below',
  'native/jaeger/go.mod': 'go build (scripts/backends)',
  'native/jaeger/go.sum': 'go build (scripts/backends)',
  'native/jaeger/tools.go': 'go build (scripts/backends)',
};
/** Files no program can read on this machine, and why: only test/docker's parser checks them. */
const NOT_CHECKABLE_HERE: Record<string, string> = {
  'compose.yaml': 'no Docker engine on the project machines',
  'tempo.yaml': 'Tempo cannot be built: the Go module proxy does not serve github.com/grafana/tempo',
  'grafana/provisioning/datasources/datasources.yaml': 'Grafana is not built natively (not a Go-module build)',
  'grafana/provisioning/dashboards/dashboards.yaml': 'Grafana is not built natively (not a Go-module build)',
  'grafana/dashboards/tooltrace-tools.json': 'Grafana is not built natively; its PromQL is not run (no Prometheus here)',
  'prometheus.yaml': 'no Prometheus is built or run natively (only the Collector and Jaeger are)',
  'README.md': 'documentation',
};

function dockerFiles(dir = DOCKER_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? dockerFiles(join(dir, entry.name)) : [relative(DOCKER_DIR, join(dir, entry.name))],
  );
}

/** Runs `<binary> validate --config <file>`; resolves with the exit code and output. */
async function validate(binary: string, config: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(binary, ['validate', '--config', config], { env: { PATH: process.env.PATH, ...env } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'tooltrace-docker-configs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of a docker/ file with one substitution, to prove a check can fail. */
function brokenCopy(file: string, from: string, to: string): string {
  const text = readFileSync(join(DOCKER_DIR, file), 'utf8');
  expect(text).toContain(from);
  const path = join(scratch, file.replace(/\//g, '_'));
  writeFileSync(path, text.replace(from, to));
  return path;
}

describe('docker/ is checked by the programs that read it', () => {
  test('every file under docker/ is either checked here or listed with the reason it cannot be', () => {
    const unaccounted = dockerFiles().filter((file) => !(file in CHECKED_BY) && !(file in NOT_CHECKABLE_HERE));
    expect(unaccounted).toEqual([]);
  });

  test.each([
    ['compose defaults (no variables set)', {}],
    [
      'native loopback endpoints',
      {
        COLLECTOR_OTLP_HTTP_ENDPOINT: '127.0.0.1:14318',
        COLLECTOR_JAEGER_ENDPOINT: '127.0.0.1:24317',
        COLLECTOR_PROMETHEUS_OTLP_ENDPOINT: 'http://127.0.0.1:19090/api/v1/otlp',
      },
    ],
  ])('otelcol validate accepts docker/collector.yaml with %s', async (_, env) => {
    const result = await validate(otelcol, join(DOCKER_DIR, 'collector.yaml'), env);
    expect(result.output).not.toMatch(/error/i);
    expect(result.code).toBe(0);
  });

  test('otelcol validate rejects a collector.yaml with a misspelt key, naming it', async () => {
    const broken = brokenCopy('collector.yaml', 'insecure: true', 'insecur: true');
    const result = await validate(otelcol, broken);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('insecur');
  });

  test('otelcol validate rejects a metrics pipeline naming an exporter that is not configured', async () => {
    const broken = brokenCopy('collector.yaml', 'exporters: [otlp_http/prometheus]', 'exporters: [otlp_http/prometheos]');
    const result = await validate(otelcol, broken);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('otlp_http/prometheos');
  });

  test('jaeger validate accepts docker/jaeger.yaml', async () => {
    const result = await validate(jaegerBinary, join(DOCKER_DIR, 'jaeger.yaml'));
    expect(result.output).not.toMatch(/error/i);
    expect(result.code).toBe(0);
  });

  test('jaeger validate rejects a jaeger.yaml with a misspelt key, naming it', async () => {
    const broken = brokenCopy('jaeger.yaml', 'max_traces:', 'max_trace:');
    const result = await validate(jaegerBinary, broken);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('max_trace');
  });

  test('the Collector built from collector-builder.yaml has exactly the components collector.yaml uses', async () => {
    const { stdout } = await run(otelcol, ['components']);
    const built = parse(stdout) as Record<string, Array<{ name: string; module: string }> | null>;
    const config = parse(readFileSync(join(DOCKER_DIR, 'collector.yaml'), 'utf8')) as Record<string, Record<string, unknown>>;
    const manifest = parse(readFileSync(join(DOCKER_DIR, 'native/collector-builder.yaml'), 'utf8')) as Record<
      string,
      Array<{ gomod: string }>
    >;
    for (const kind of ['receivers', 'processors', 'exporters', 'extensions', 'connectors'] as const) {
      const used = new Set(Object.keys(config[kind] ?? {}).map((id) => id.split('/')[0]));
      expect(new Set((built[kind] ?? []).map((component) => component.name)), kind).toEqual(used);
      expect(new Set((built[kind] ?? []).map((component) => component.module)), kind).toEqual(
        new Set((manifest[kind] ?? []).map((entry) => entry.gomod)),
      );
    }
  });
});

describe('Jaeger started with docker/jaeger.yaml', () => {
  let jaeger: NativeJaeger | undefined;
  afterAll(() => jaeger?.stop());

  test('serves docker/jaeger-ui.json to its UI: tooltrace attributes listed first', async () => {
    jaeger = await startJaeger();
    const page = await (await fetch(`${jaeger.queryUrl}/`)).text();
    const uiConfig = JSON.parse(readFileSync(join(DOCKER_DIR, 'jaeger-ui.json'), 'utf8')) as { topTagPrefixes: string[] };
    expect(uiConfig.topTagPrefixes).toEqual(['tooltrace.']);
    expect(page).toContain(`JAEGER_CONFIG = ${JSON.stringify(uiConfig)};`);
  }, 120_000);
});
