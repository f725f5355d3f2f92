import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { backendStatus } from './scripts/backends/src/status.js';

const packageSource = (name: string): string => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

// Tests import workspace packages from source, so one copy of each class exists
// (instanceof checks) and no build is needed between an edit and a test run.
const alias = [
  { find: /^@tooltrace\/testing\/setup$/, replacement: fileURLToPath(new URL('./packages/testing/src/setup.ts', import.meta.url)) },
  ...['core', 'testing', 'node', 'inspector'].map((name) => ({
    find: new RegExp(`^@tooltrace/${name}$`),
    replacement: packageSource(name),
  })),
];

// The backend tests (test/backends) run the real Collector and Jaeger, built from Go sources by
// `pnpm test`'s prepare step. Without those builds they do not run, and every run says why.
const backends = backendStatus();
const backendsNotRun = backends.ready ? undefined : `backend tests (test/backends) NOT RUN: ${backends.reason}`;
if (backendsNotRun) console.warn(`\n*** ${backendsNotRun}\n`);
const notRunReporter = { onTestRunEnd: () => console.warn(`\n*** ${backendsNotRun}\n`) };

// .ci/run sets TOOLTRACE_TEST_REPORT to read vitest's real counts from a JSON report.
const report = process.env.TOOLTRACE_TEST_REPORT;

// Test files that change process-wide state and leave it changed (the global OTel provider or
// context manager, a spy not restored), or start child processes, browsers and backends for most of
// their time. They run isolated, each in a fresh worker. Every other test file shares a worker with
// others (`isolate: false`), which saves a worker start and a fresh module graph per file (~1 s each
// on a 2-core machine); such a file restores what it changes (fake timers, environment variables,
// spies) before it ends. A new test file that cannot belongs in this list.
const needsIsolation = [
  'packages/core/test/schedule/retries.test.ts',
  'packages/core/test/trace/telemetry-faults.test.ts',
  'packages/inspector/test/cli/cli.test.ts',
  'packages/inspector/test/model/flat-layout.test.ts',
  'packages/node/test/metrics.test.ts',
  'packages/node/test/shutdown-exit.test.ts',
  'packages/node/test/start-tracing.test.ts',
  'packages/testing/test/capture/capture-spans.test.ts',
  'packages/testing/test/capture/capture.test.ts',
  'packages/testing/test/capture/runtime.*.test.ts',
  'test/backends/**/*.test.ts',
  'test/browser/**/*.test.ts',
  'test/consumer/**/*.test.ts',
  'test/otlp/**/*.test.ts',
  'test/pipeline/**/*.test.ts',
  'examples/bench/first-run.test.ts',
  'examples/bench/instruction-workload.test.ts',
  'examples/bench/plans.test.ts',
  'examples/incident-demo/**/*.test.ts',
  'examples/quickstart/**/*.test.ts',
];
const include = ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'];
const exclude = ['**/node_modules/**', '**/dist/**', 'test/consumer/project/**', ...(backendsNotRun ? ['test/backends/**'] : [])];

// What both projects run with. Not inherited from the root (`extends: true`): that would make each
// project run the root's globalSetup again.
const project = {
  // Registers @tooltrace/testing's span matchers (toHaveSpan, toMatchPlan, ...) for every test.
  setupFiles: ['./packages/testing/src/setup.ts'],
  testTimeout: 20_000,
  hookTimeout: 30_000,
};

export default defineConfig({
  test: {
    projects: [
      { resolve: { alias }, test: { ...project, name: 'shared', include, exclude: [...exclude, ...needsIsolation], isolate: false } },
      { resolve: { alias }, test: { ...project, name: 'isolated', include: needsIsolation, exclude } },
    ],
    // Once per run, before any project: builds the workspace (see build-workspace.ts), then bundles
    // the inspector's web view from the current sources (pages inline that bundle).
    globalSetup: ['./test/support/build-workspace.ts', './packages/inspector/test/support/bundle-web-setup.ts'],
    // Test files are independent (free ports, temporary directories) and many wait on child
    // processes, browsers and servers: one worker per core (vitest's default, cores − 1, is a single
    // worker on a 2-core machine). More than that made 20 s timeouts fire on a loaded 2-core machine.
    maxWorkers: Math.max(2, availableParallelism()),
    reporters: [...(report ? ['default', 'json'] : ['default']), ...(backendsNotRun ? [notRunReporter] : [])],
    ...(report ? { outputFile: { json: report } } : {}),
  },
});
