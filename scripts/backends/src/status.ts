import { existsSync, readFileSync } from 'node:fs';
import { goVersion, isExecutable } from './build.js';
import { BACKENDS, type BackendName, cachedBinaryPath, failureLogPath } from './definitions.js';

/** Whether the backend tests can run on this machine, and if not, why. */
export type BackendStatus = { ready: true; binaries: Record<BackendName, string> } | { ready: false; reason: string };

/**
 * Ready when every backend has a cached build of the current inputs. Otherwise the reason names
 * what is missing: a failed build (with the end of its log), Go not being installed, or a build
 * that simply has not run yet.
 */
export function backendStatus(env: NodeJS.ProcessEnv = process.env): BackendStatus {
  const binaries = {} as Record<BackendName, string>;
  const missing: BackendName[] = [];
  for (const backend of Object.values(BACKENDS)) {
    const path = cachedBinaryPath(backend, env);
    if (isExecutable(path)) binaries[backend.name] = path;
    else missing.push(backend.name);
  }
  if (missing.length === 0) return { ready: true, binaries };
  for (const name of missing) {
    const log = failureLogPath(BACKENDS[name], env);
    if (existsSync(log)) {
      const tail = readFileSync(log, 'utf8').trimEnd().split('\n').slice(-8).join('\n');
      return { ready: false, reason: `the ${name} build failed (log: ${log}):\n${tail}` };
    }
  }
  const where = missing.map((name) => cachedBinaryPath(BACKENDS[name], env)).join(', ');
  if (goVersion(env) === undefined) {
    return { ready: false, reason: `Go is not installed (no \`go\` on PATH) and there is no cached build at ${where}` };
  }
  return { ready: false, reason: `no cached build at ${where}; build it with \`pnpm backends --build-only\`` };
}
