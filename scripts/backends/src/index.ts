// Native trace backends for tooltrace's tests and `pnpm backends`: build from Go sources, cache, start.
export { BackendBuildError, ensureBackend, ensureBackends, formatDuration, goVersion, type ProgressLog } from './build.js';
export {
  BACKENDS,
  type BackendDefinition,
  type BackendName,
  cacheDirectory,
  cachedBinaryPath,
  cacheRoot,
  DOCKER_DIR,
  REPO_ROOT,
} from './definitions.js';
export {
  type NativeBackend,
  type NativeCollector,
  type NativeJaeger,
  type StartCollectorOptions,
  type StartJaegerOptions,
  startCollector,
  startJaeger,
} from './native.js';
export { BackendStartError, freePort, startClosingListener } from './process.js';
export { type BackendStatus, backendStatus } from './status.js';
