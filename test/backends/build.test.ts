import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { BackendBuildError, ensureBackend } from '../../scripts/backends/src/build.js';
import { BACKENDS, cachedBinaryPath, failureLogPath } from '../../scripts/backends/src/definitions.js';
import { backendStatus } from '../../scripts/backends/src/status.js';

const saved = { cache: process.env.TOOLTRACE_BACKENDS_CACHE, path: process.env.PATH };
const scratch: string[] = [];

afterEach(() => {
  for (const [key, value] of [
    ['TOOLTRACE_BACKENDS_CACHE', saved.cache],
    ['PATH', saved.path],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test('a cached build is used as it is: nothing is built, nothing is printed', async () => {
  const lines: string[] = [];
  await expect(ensureBackend(BACKENDS.otelcol, (line) => lines.push(line))).resolves.toBe(cachedBinaryPath(BACKENDS.otelcol));
  expect(lines).toEqual([]);
});

test('a build that fails names the backend, the step and the cause, keeps a log, and leaves no half-built directory', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'tooltrace-backends-cache-'));
  scratch.push(cache);
  process.env.TOOLTRACE_BACKENDS_CACHE = cache;
  process.env.PATH = join(cache, 'no-go-here');
  const lines: string[] = [];

  const failure = await ensureBackend(BACKENDS.jaeger, (line) => lines.push(line)).catch((error: unknown) => error);

  expect(failure).toBeInstanceOf(BackendBuildError);
  const error = failure as BackendBuildError;
  expect(error.backend).toBe('jaeger');
  expect(error.step).toMatch(/^go list -deps github\.com\/jaegertracing\/jaeger\/cmd\/jaeger/);
  expect(error.message).toContain('cannot run go');
  expect(lines[0]).toMatch(/^Building jaeger 2\.13\.0 from Go sources/);
  expect(existsSync(failureLogPath(BACKENDS.jaeger))).toBe(true);
  expect(readdirSync(cache)).toEqual([`${failureLogPath(BACKENDS.jaeger).split('/').at(-1)}`]);
  // What vitest.config.ts prints when the backend tests cannot run.
  const status = backendStatus();
  expect(status.ready).toBe(false);
  expect(status.ready ? '' : status.reason).toContain('the jaeger build failed');
  expect(readFileSync(failureLogPath(BACKENDS.jaeger), 'utf8')).toContain('go list');
});
