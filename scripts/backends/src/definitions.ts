import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is scripts/backends/{src,dist}/definitions.*). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** docker/: the configuration files native runs share with docker compose. */
export const DOCKER_DIR = join(REPO_ROOT, 'docker');

/** The Collector Builder (ocb) that turns docker/native/collector-builder.yaml into a Collector. */
export const OCB_MODULE = 'go.opentelemetry.io/collector/cmd/builder';
export const OCB_VERSION = 'v0.153.0';

export type BackendName = 'otelcol' | 'jaeger';

/** One backend built from Go sources pinned in docker/native/. */
export interface BackendDefinition {
  name: BackendName;
  /** What the build produces: the release it corresponds to. */
  version: string;
  /** The file name of the binary inside its cache directory. */
  binary: string;
  /** Files (relative to the repo root) whose content decides the build; they name the cache directory. */
  inputs: string[];
  /** Extra strings that decide the build besides the files (tool versions). */
  inputsExtra: string[];
}

export const BACKENDS: Record<BackendName, BackendDefinition> = {
  otelcol: {
    name: 'otelcol',
    version: '0.153.0',
    binary: 'otelcol-tooltrace',
    inputs: ['docker/native/collector-builder.yaml'],
    inputsExtra: [`${OCB_MODULE}@${OCB_VERSION}`],
  },
  jaeger: {
    name: 'jaeger',
    // Module github.com/jaegertracing/jaeger v1.76.0 is the Jaeger v2.13.0 release.
    version: '2.13.0',
    binary: 'jaeger',
    inputs: ['docker/native/jaeger/go.mod', 'docker/native/jaeger/go.sum', 'docker/native/jaeger/tools.go'],
    inputsExtra: [],
  },
};

/** ~/.cache/tooltrace/backends (or $XDG_CACHE_HOME/tooltrace/backends, or $TOOLTRACE_BACKENDS_CACHE). */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TOOLTRACE_BACKENDS_CACHE) return env.TOOLTRACE_BACKENDS_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'tooltrace', 'backends');
}

/** First 12 hex digits of a SHA-256 over the build inputs: a changed manifest or go.mod builds anew. */
export function inputsHash(backend: BackendDefinition): string {
  const hash = createHash('sha256');
  for (const input of backend.inputs)
    hash
      .update(`${input}\0`)
      .update(readFileSync(join(REPO_ROOT, input)))
      .update('\0');
  for (const extra of backend.inputsExtra) hash.update(`${extra}\0`);
  return hash.digest('hex').slice(0, 12);
}

/** Where a backend's binary lives once built: <cache>/<name>-<version>-<hash>/<binary>. */
export function cachedBinaryPath(backend: BackendDefinition, env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDirectory(backend, env), backend.binary);
}

export function cacheDirectory(backend: BackendDefinition, env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheRoot(env), `${backend.name}-${backend.version}-${inputsHash(backend)}`);
}

/** Where the last failed build of this exact input set left its log. */
export function failureLogPath(backend: BackendDefinition, env: NodeJS.ProcessEnv = process.env): string {
  return `${cacheDirectory(backend, env)}.failed.log`;
}
