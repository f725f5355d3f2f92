import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { REPO_ROOT } from '../../scripts/backends/src/definitions.js';
import { startBackends } from './harness.js';

const run = promisify(execFile);

/** Whether a process id is alive (signal 0 probes without signalling). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until `pid` is gone (bounded: 100 × 100 ms). */
async function gone(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

test('stop() ends both processes and frees their ports', async () => {
  const backends = await startBackends();
  const pids = [backends.collector.pid, backends.jaeger.pid];
  expect(pids.every(alive)).toBe(true);
  await backends.stop();
  expect(await Promise.all(pids.map(gone))).toEqual([true, true]);
  await expect(fetch(`${backends.jaeger.queryUrl}/api/v3/services`)).rejects.toThrow();
  await expect(fetch(`${backends.collector.otlpHttpUrl}/v1/traces`)).rejects.toThrow();
}, 120_000);

test('a process that dies of an uncaught error (a failing test) leaves no backend behind', async () => {
  const native = join(REPO_ROOT, 'scripts/backends/dist/native.js');
  expect(existsSync(native), `${native} is missing: build first (tsc -b)`).toBe(true);
  const script = `
    const { startJaeger, startCollector } = await import(${JSON.stringify(native)});
    const jaeger = await startJaeger();
    const collector = await startCollector({ jaegerEndpoint: jaeger.otlpGrpcEndpoint });
    console.log(JSON.stringify([jaeger.pid, collector.pid]));
    throw new Error('a test failed');
  `;
  const failure = await run(process.execPath, ['--input-type=module', '-e', script]).then(
    () => undefined,
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  expect(failure?.stderr).toContain('a test failed');
  const pids = JSON.parse(failure?.stdout.trim().split('\n').at(-1) ?? '[]') as number[];
  expect(pids).toHaveLength(2);
  expect(await Promise.all(pids.map(gone))).toEqual([true, true]);
}, 120_000);
