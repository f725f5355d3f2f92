import { execFile, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const distEntry = pathToFileURL(join(repositoryRoot, 'packages/node/dist/index.js')).href;

/**
 * The snippet, with an exporter timeout far above the flush limit: before the fix the
 * exporter's retries and open request held the process for most of that timeout after shutdown.
 */
const EXPORTER_TIMEOUT_MILLIS = 30_000;
const childScript = `
import { startTracing } from ${JSON.stringify(distEntry)};
const tracing = startTracing({ serviceName: 'x', endpoint: process.argv[1], register: false, flushTimeoutMillis: 1000, timeoutMillis: ${EXPORTER_TIMEOUT_MILLIS} });
tracing.provider.getTracer('t').startSpan('one').end();
tracing.meterProvider.getMeter('m').createCounter('c').add(1);
await tracing.shutdown();
process.stdout.write('shut down\\n');
`;

type Collector = { url: string; close: () => Promise<void> };

async function collector(handle: (socket: Socket, respond: (status: number) => void) => void): Promise<Collector> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => handle(req.socket, (status) => res.writeHead(status).end()));
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function refusingCollector(): Promise<Collector> {
  const closed = await collector(() => undefined);
  await closed.close();
  return { url: closed.url, close: async () => undefined };
}

/** Runs the snippet against `url`; how long the process lived after shutdown() resolved. */
function exitAfterShutdown(url: string): Promise<{ code: number | null; printed: string; afterShutdownMs: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', childScript, url], { cwd: repositoryRoot });
    let printed = '';
    let shutDownAt = Number.NaN;
    child.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      if (printed.includes('shut down') && Number.isNaN(shutDownAt)) shutDownAt = performance.now();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
    });
    child.on('exit', (code) => resolve({ code, printed, afterShutdownMs: performance.now() - shutDownAt }));
  });
}

beforeAll(async () => {
  // The child imports the built package.
  await new Promise<void>((resolve) => {
    execFile(
      process.execPath,
      [join(repositoryRoot, 'node_modules/typescript/bin/tsc'), '-b', 'packages/node'],
      { cwd: repositoryRoot },
      () => resolve(),
    );
  });
}, 120_000);

describe('after shutdown() nothing of tooltrace (traces and metrics) keeps the process alive', () => {
  const collectors: Collector[] = [];
  afterAll(async () => {
    await Promise.all(collectors.map((c) => c.close()));
  });

  test('the process exits promptly against refusing, 503, resetting and hanging collectors', async () => {
    const scenarios: [string, Collector][] = [
      ['refused', await refusingCollector()],
      ['503', await collector((_socket, respond) => respond(503))],
      ['reset', await collector((socket) => socket.resetAndDestroy())],
      ['hanging', await collector(() => undefined)],
    ];
    collectors.push(...scenarios.map(([, c]) => c));
    const outcomes = await Promise.all(
      scenarios.map(async ([name, { url }]) => {
        const { code, printed, afterShutdownMs } = await exitAfterShutdown(url);
        return { name, code, printed: printed.trim(), exitedPromptly: afterShutdownMs < 6000 };
      }),
    );
    // A generous bound: the exporter alone (30 s timeout, retries of up to 5 s) held it far longer.
    expect(outcomes).toEqual(scenarios.map(([name]) => ({ name, code: 0, printed: 'shut down', exitedPromptly: true })));
  }, 60_000);
});
