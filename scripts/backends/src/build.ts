import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  BACKENDS,
  type BackendDefinition,
  type BackendName,
  cacheDirectory,
  cachedBinaryPath,
  failureLogPath,
  OCB_MODULE,
  OCB_VERSION,
  REPO_ROOT,
} from './definitions.js';

/** A backend build that failed: which backend, which step, and the end of its output. */
export class BackendBuildError extends Error {
  override readonly name = 'BackendBuildError';
  readonly code = 'BACKEND_BUILD_FAILED';
  constructor(
    readonly backend: BackendName,
    readonly step: string,
    readonly outputTail: string,
    readonly logPath: string,
  ) {
    super(`building ${backend} failed at "${step}":\n${outputTail}\nFull log: ${logPath}`);
  }
}

/** Where progress lines go (the CLIs pass stderr). */
export type ProgressLog = (line: string) => void;

/** `go version` output, or undefined when Go is not on PATH. */
export function goVersion(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const result = spawnSync('go', ['version'], { env, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Returns the path of the backend's binary, building it first when this exact input set has no
 * cached build. Builds into a temporary directory and renames it into place, so a cancelled or
 * concurrent build never leaves a half-written binary behind.
 */
export async function ensureBackend(backend: BackendDefinition, log: ProgressLog): Promise<string> {
  const binary = cachedBinaryPath(backend);
  if (isExecutable(binary)) return binary;
  const finalDir = cacheDirectory(backend);
  const workDir = `${finalDir}.tmp-${process.pid}`;
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const started = Date.now();
  const output: string[] = [];
  log(`Building ${backend.name} ${backend.version} from Go sources into ${finalDir} (first run only; minutes on 2 cores)`);
  try {
    await BUILDERS[backend.name]({ backend, workDir, log, output });
    writeFileSync(
      join(workDir, 'build.json'),
      `${JSON.stringify({ backend: backend.name, version: backend.version, go: goVersion(), seconds: (Date.now() - started) / 1000 }, null, 2)}\n`,
    );
    rmSync(join(workDir, 'src'), { recursive: true, force: true });
    rmSync(join(workDir, 'tools'), { recursive: true, force: true });
    try {
      renameSync(workDir, finalDir);
    } catch (error) {
      // Another process finished the same build first: keep theirs.
      if (!isExecutable(binary)) throw error;
      rmSync(workDir, { recursive: true, force: true });
    }
    rmSync(failureLogPath(backend), { force: true });
    log(`Built ${backend.name} ${backend.version} in ${formatDuration(Date.now() - started)}: ${binary}`);
    return binary;
  } catch (error) {
    rmSync(workDir, { recursive: true, force: true });
    writeFileSync(failureLogPath(backend), output.join(''));
    if (error instanceof BackendBuildError) throw error;
    throw new BackendBuildError(backend.name, 'prepare', String(error), failureLogPath(backend));
  }
}

/** Builds (or finds cached) every backend, one after the other (each `go build` uses every core). */
export async function ensureBackends(log: ProgressLog): Promise<Record<BackendName, string>> {
  return {
    otelcol: await ensureBackend(BACKENDS.otelcol, log),
    jaeger: await ensureBackend(BACKENDS.jaeger, log),
  };
}

interface BuildContext {
  backend: BackendDefinition;
  workDir: string;
  log: ProgressLog;
  /** Everything the build printed, for the failure log. */
  output: string[];
}

const BUILDERS: Record<BackendName, (context: BuildContext) => Promise<void>> = {
  jaeger: async (context) => {
    // Build from a copy: a checkout or rebase during a long build must not pull the module away.
    const source = join(context.workDir, 'src');
    mkdirSync(source, { recursive: true });
    for (const input of context.backend.inputs) copyFileSync(join(REPO_ROOT, input), join(source, basename(input)));
    await goBuild(context, source, 'github.com/jaegertracing/jaeger/cmd/jaeger', ['-mod=readonly']);
  },
  otelcol: async (context) => {
    const { workDir } = context;
    const tools = join(workDir, 'tools');
    const source = join(workDir, 'src');
    mkdirSync(source, { recursive: true });
    await run(context, `go install ${OCB_MODULE}@${OCB_VERSION}`, 'go', ['install', `${OCB_MODULE}@${OCB_VERSION}`], workDir, {
      GOBIN: tools,
    });
    copyFileSync(join(REPO_ROOT, 'docker/native/collector-builder.yaml'), join(source, 'collector-builder.yaml'));
    // ocb writes the sources and go.mod; `go build -mod=mod` then resolves only what the binary
    // imports (ocb's own `go mod tidy` also wants test-only modules the checksum database may not serve).
    await run(
      context,
      'ocb: generate the Collector sources',
      join(tools, 'builder'),
      ['--config', 'collector-builder.yaml', '--skip-compilation', '--skip-get-modules'],
      source,
    );
    await goBuild(context, join(source, 'build'), '.', ['-mod=mod']);
  },
};

/** `go build -v`, with a progress line from the packages it compiles out of `go list -deps`. */
async function goBuild(context: BuildContext, cwd: string, target: string, modFlags: string[]): Promise<void> {
  const { backend, workDir, log } = context;
  const output = join(workDir, backend.binary);
  const listed = await run(context, `go list -deps ${target} (downloads modules)`, 'go', ['list', ...modFlags, '-deps', target], cwd);
  const total = listed.split('\n').filter((line) => line.trim() !== '').length;
  let compiled = 0;
  let lastReport = 0;
  const started = Date.now();
  await run(context, `go build ${target}`, 'go', ['build', ...modFlags, '-trimpath', '-v', '-o', output, target], cwd, {}, (line) => {
    if (!/^[\w.-]+(\/[\w.~-]+)*$/.test(line)) return;
    compiled += 1;
    const now = Date.now();
    if (now - lastReport < 15_000) return;
    lastReport = now;
    log(`  ${backend.name}: compiled ${compiled} of at most ${total} packages (${formatDuration(now - started)})`);
  });
}

/**
 * Runs one build step; resolves with its stdout. Every output line goes to the build's log (and
 * to `onLine`); a non-zero exit rejects with a BackendBuildError that names the step.
 */
function run(
  context: BuildContext,
  step: string,
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  onLine: (line: string) => void = () => {},
): Promise<string> {
  const { backend, output } = context;
  output.push(`$ (cd ${cwd} && ${command} ${args.join(' ')})\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let partial = '';
    const collect = (chunk: Buffer, isStdout: boolean) => {
      const text = chunk.toString('utf8');
      output.push(text);
      if (isStdout) stdout += text;
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    };
    child.stdout.on('data', (chunk: Buffer) => collect(chunk, true));
    child.stderr.on('data', (chunk: Buffer) => collect(chunk, false));
    child.on('error', (error) =>
      reject(new BackendBuildError(backend.name, step, `cannot run ${command}: ${error.message}`, failureLogPath(backend))),
    );
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(stdout);
      const tail = output.join('').split('\n').slice(-25).join('\n');
      const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(new BackendBuildError(backend.name, step, `${command} ${why}\n${tail}`, failureLogPath(backend)));
    });
  });
}

export function formatDuration(millis: number): string {
  const seconds = Math.round(millis / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}
