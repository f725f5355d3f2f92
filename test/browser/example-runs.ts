import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// The examples and the inspector's CLI as a user runs them, built by `pnpm test`'s build step.
const INSPECTOR_CLI = fileURLToPath(new URL('../../packages/inspector/bin/tooltrace-inspector.js', import.meta.url));
const INCIDENT_DEMO = fileURLToPath(new URL('../../examples/dist/incident-demo/main.js', import.meta.url));
const HTTP_EXAMPLE = fileURLToPath(new URL('../../examples/dist/existing-pipeline/main.js', import.meta.url));

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OTEL_')));
  return { ...clean, ...extra };
}

function requireBuilt(path: string): void {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`pnpm build\` (pnpm test does) first`);
}

/** Runs `pnpm demo --fail` exporting to `endpoint`; resolves with the trace id it printed. */
export function runFailingDemo(endpoint: string): Promise<string> {
  return runDemo(endpoint, ['--fail']);
}

/** Runs `pnpm demo` with `flags` exporting to `endpoint`; resolves with the trace id it printed. */
export async function runDemo(endpoint: string, flags: string[] = []): Promise<string> {
  requireBuilt(INCIDENT_DEMO);
  const { stdout } = await promisify(execFile)(process.execPath, [INCIDENT_DEMO, ...flags], {
    env: cleanEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }),
    timeout: 30_000,
  });
  const traceId = /Trace ([0-9a-f]{32}) exported to/.exec(stdout)?.[1];
  if (traceId === undefined) throw new Error(`the demo printed no trace id:\n${stdout}`);
  return traceId;
}

/** Runs `tooltrace-inspector export <inspector> --trace <traceId> -o <file>`: one trace as OTLP/JSON. */
export async function exportTrace(inspectorUrl: string, traceId: string, file: string): Promise<void> {
  await promisify(execFile)(process.execPath, [INSPECTOR_CLI, 'export', inspectorUrl, '--trace', traceId, '-o', file], {
    env: cleanEnv({}),
    timeout: 30_000,
  });
}

/**
 * Runs the HTTP example (examples/existing-pipeline: NodeSDK, HTTP auto-instrumentation, two
 * services) exporting to `endpoint`, asks it about a host the inventory does not know (the
 * inventory answers 404, so the lookup step and its HTTP client span fail), and stops it, which
 * flushes its spans.
 */
export async function runFailingHttpExample(endpoint: string): Promise<void> {
  requireBuilt(HTTP_EXAMPLE);
  const child = spawn(process.execPath, [HTTP_EXAMPLE], {
    env: cleanEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, PORT: '0', INVENTORY_PORT: '0', OTEL_BSP_SCHEDULE_DELAY: '50' }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await firstMatch(child, /curl '(http:\/\/127\.0\.0\.1:\d+)\/incidents/);
    const response = await fetch(`${url}/incidents?host=nowhere-01`);
    await response.arrayBuffer();
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

function firstMatch(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = pattern.exec(text)?.[1];
      if (match !== undefined) resolve(match);
    });
    child.once('exit', (code) => reject(new Error(`the example exited (${code}) before printing ${pattern}:\n${text}`)));
  });
}
