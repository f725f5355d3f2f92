/**
 * Runs before vitest in `pnpm test` and `pnpm test:backends`: builds the Collector and Jaeger from
 * Go sources on first use (cached afterwards), or says clearly why the backend tests will not run.
 * Never fails the command: vitest.config.ts reports the backend tests as NOT RUN with the same
 * reason, and .ci/run fails when they did not run.
 */
import { BackendBuildError, ensureBackends, goVersion } from './build.js';
import { backendStatus } from './status.js';

const log = (line: string) => process.stderr.write(`${line}\n`);
const banner = (reason: string) => log(`\n*** backend tests (test/backends) will NOT RUN: ${reason}\n`);

const status = backendStatus();
if (!status.ready) {
  if (goVersion() === undefined) {
    banner(`${status.reason}\n*** Install Go (https://go.dev/dl/) to build them.`);
  } else {
    try {
      await ensureBackends(log);
    } catch (error) {
      if (!(error instanceof BackendBuildError)) throw error;
      banner(error.message);
    }
  }
}
