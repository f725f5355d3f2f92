import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer, type Server } from 'node:net';

/** Every child started here and not yet exited: killed when this process exits, whatever the reason. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

const MAX_OUTPUT_CHARS = 1_000_000;
/** How long a backend may take to stop on SIGTERM before it is killed. */
const STOP_GRACE_MILLIS = 10_000;

/** A backend process: its output, and a bounded stop. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Everything the process printed so far (stdout and stderr, interleaved). */
  output(): string;
  /** Whether the process has exited. */
  hasExited(): boolean;
  /** SIGTERM, then SIGKILL after a grace period; resolves once the process is gone. */
  stop(): Promise<void>;
}

export function spawnManaged(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ManagedProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > MAX_OUTPUT_CHARS) output = output.slice(-MAX_OUTPUT_CHARS / 2);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    const done = () => {
      exited = true;
      live.delete(child);
      resolve();
    };
    child.once('exit', done);
    child.once('error', (error) => {
      append(Buffer.from(`${name}: cannot start ${command}: ${error.message}\n`));
      done();
    });
  });
  let stopping: Promise<void> | undefined;
  return {
    name,
    pid: child.pid ?? -1,
    output: () => output,
    hasExited: () => exited,
    stop() {
      stopping ??= (async () => {
        if (exited) return;
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const killed = new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, STOP_GRACE_MILLIS);
        });
        await Promise.race([exit, killed]);
        clearTimeout(timer);
        await exit;
      })();
      return stopping;
    },
  };
}

/** A free TCP port on 127.0.0.1 (listen on 0, read the port, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A loopback port that accepts connections and closes them at once: an endpoint that stays
 * unreachable (nothing else can take the port while it is held). It does not keep the process
 * alive (unref), so it may outlive the backends that point at it.
 */
export async function startClosingListener(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server: Server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  server.unref();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Thrown when a backend does not become ready; carries the end of its output. */
export class BackendStartError extends Error {
  override readonly name = 'BackendStartError';
  readonly code = 'BACKEND_START_FAILED';
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(`${message}\n--- last output ---\n${output.split('\n').slice(-30).join('\n')}`);
  }
}

/**
 * Polls `isReady` every 100 ms, at most `attempts` times; fails early when the process exits.
 * Bounded retries, no fixed sleeps: a fast backend is ready as soon as it answers.
 */
export async function waitUntilReady(child: ManagedProcess, isReady: () => Promise<boolean>, attempts = 600): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (child.hasExited()) throw new BackendStartError(`${child.name} exited before it was ready`, child.output());
    if (await isReady().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await child.stop();
  throw new BackendStartError(`${child.name} was not ready after ${attempts} checks`, child.output());
}

/** GET `url` and report whether it answered with `status` (any status when omitted). */
export async function answers(url: string, status?: number): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await response.arrayBuffer();
  return status === undefined || response.status === status;
}

/** The environment for a backend: ours, minus OTEL_* (the binaries would trace themselves with them). */
export function backendEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('OTEL_')) env[key] = value;
  return { ...env, ...extra };
}
