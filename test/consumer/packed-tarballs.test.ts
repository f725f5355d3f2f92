import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// The four packages as npm users get them: packed with `pnpm pack` (workspace:* replaced, `files`
// applied), installed from the tarballs into projects outside the workspace with npm and with pnpm,
// then type-checked and run there. A packaging mistake fails here, not for a user.

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = fileURLToPath(new URL('./project/', import.meta.url));
const packages = ['core', 'testing', 'node', 'inspector'] as const;
const managers = ['npm', 'pnpm'] as const;
type Manager = (typeof managers)[number];

const manifest = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const pnpm = ['npx', '-y', `pnpm@${manifest('package.json').packageManager.split('@')[1]}`];
// The project's own TypeScript (pinned in the root package.json) checks the consumer projects.
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const bin = (name: string) => join(root, 'node_modules/.bin', name);

// Children must not inherit this vitest run (VITEST_*) or the pnpm script that started it (npm_config_*).
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(VITEST|npm_|TOOLTRACE_TEST_REPORT$|NODE_OPTIONS$|NODE_ENV$)/.test(key)),
);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string[], cwd: string): Promise<Outcome> {
  const [file = '', ...args] = command;
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function succeed(command: string[], cwd: string): Promise<string> {
  const outcome = await run(command, cwd);
  if (outcome.code !== 0) {
    throw new Error(`\`${command.join(' ')}\` in ${cwd} exited ${outcome.code}:\n${outcome.stdout}\n${outcome.stderr}`);
  }
  return outcome.stdout;
}

/** The first TypeScript block of the root README, and the output its last comment promises. */
function readmeQuickstart(): { source: string; printed: string } {
  const source = /```ts\n([\s\S]*?)```/.exec(readFileSync(join(root, 'README.md'), 'utf8'))?.[1] ?? '';
  const printed = /console\.log\(.*\/\/ (.+)\n$/.exec(source)?.[1] ?? '';
  return { source, printed };
}

const work = mkdtempSync(join(tmpdir(), 'tooltrace-consumer-'));
const tarballs = join(work, 'tarballs');
const projects = { npm: join(work, 'npm'), pnpm: join(work, 'pnpm') } satisfies Record<Manager, string>;
const compiled: Partial<Record<Manager, Outcome>> = {};

function tarball(name: (typeof packages)[number]): string {
  const file = readdirSync(tarballs).find((entry) => entry.startsWith(`tooltrace-${name}-`));
  if (!file) throw new Error(`pnpm pack wrote no tarball for @tooltrace/${name}`);
  return join(tarballs, file);
}

/** A user's package.json: the tarballs plus what the README asks for, at the workspace's pinned versions. */
function consumerManifest(manager: Manager): object {
  const core = manifest('packages/core/package.json');
  const testing = manifest('packages/testing/package.json');
  const tooltrace = Object.fromEntries(packages.map((name) => [`@tooltrace/${name}`, `file:${tarball(name)}`]));
  // testing and inspector depend on @tooltrace/core by version, which is not on the registry yet.
  const overrides = { '@tooltrace/core': manager === 'npm' ? '$@tooltrace/core' : `file:${tarball('core')}` };
  return {
    name: 'tooltrace-consumer',
    private: true,
    type: 'module',
    dependencies: {
      ...tooltrace,
      '@opentelemetry/api': core.devDependencies['@opentelemetry/api'],
      '@opentelemetry/sdk-trace-base': testing.dependencies['@opentelemetry/sdk-trace-base'],
      '@types/node': manifest('package.json').devDependencies['@types/node'],
      vitest: testing.devDependencies.vitest,
      zod: core.devDependencies.zod,
    },
    ...(manager === 'npm' ? { overrides } : { pnpm: { overrides } }),
  };
}

async function install(manager: Manager): Promise<void> {
  const project = projects[manager];
  cpSync(fixture, project, { recursive: true });
  writeFileSync(join(project, 'src/quickstart.ts'), readmeQuickstart().source);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify(consumerManifest(manager), null, 2)}\n`);
  // Third-party packages come from the registry, from the local cache or pnpm store when they are there.
  const command =
    manager === 'npm'
      ? ['npm', 'install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']
      : [...pnpm, 'install', '--prefer-offline', '--no-frozen-lockfile', '--reporter=silent'];
  await succeed(command, project);
  compiled[manager] = await run([process.execPath, tsc, '-p', 'tsconfig.json'], project);
}

beforeAll(async () => {
  await succeed([process.execPath, tsc, '-b', ...packages.map((name) => `packages/${name}`)], root);
  mkdirSync(tarballs);
  const filters = packages.flatMap((name) => ['--filter', `@tooltrace/${name}`]);
  await succeed([...pnpm, '-r', ...filters, 'pack', '--pack-destination', tarballs], root);
  await Promise.all(managers.map(install));
}, 600_000);

afterAll(() => rm(work, { recursive: true, force: true }), 120_000);

// One concurrent suite: the checks below wait on separate processes, so they overlap.
describe.concurrent('npm users of the packed tarballs', { timeout: 120_000 }, () => {
  describe('the packed tarballs', () => {
    test.each(packages)('@tooltrace/%s passes publint (strict) and attw (esm-only profile)', async (name) => {
      const [publint, attw] = await Promise.all([
        run([bin('publint'), '--strict', tarball(name)], work),
        run([bin('attw'), tarball(name), '--profile', 'esm-only', '--format', 'ascii'], work),
      ]);
      expect(publint, publint.stdout).toMatchObject({ code: 0 });
      expect(publint.stdout).toContain('All good!');
      expect(attw, attw.stdout).toMatchObject({ code: 0 });
    });

    test.each(packages)('@tooltrace/%s ships its LICENSE, README, CHANGELOG and the ESM-only require() file', async (name) => {
      const files = (await succeed(['tar', '-tzf', tarball(name)], work)).split('\n');
      expect(files).toEqual(
        expect.arrayContaining([
          'package/LICENSE',
          'package/README.md',
          'package/CHANGELOG.md',
          'package/esm-only.cjs',
          'package/dist/index.js',
        ]),
      );
      expect(files.filter((file) => file.includes('/test/') || file.endsWith('.tsbuildinfo'))).toEqual([]);
    });
  });

  describe.each(managers)('installed with %s', (manager) => {
    const project = projects[manager];

    test('the project type-checks (strict, nodenext) with the README quickstart in it', () => {
      expect(compiled[manager]).toEqual({ code: 0, stdout: '', stderr: '' });
    });

    test('the README quickstart runs and prints what its comment says', async () => {
      const stdout = await succeed([process.execPath, 'dist/src/quickstart.js'], project);
      const { printed } = readmeQuickstart();
      expect(printed).not.toBe('');
      expect(stdout.replace(/\s/g, '')).toBe(printed.replace(/\s/g, '').replaceAll('"', "'"));
    });

    test('vitest runs tests that use the matchers, registered by the @tooltrace/testing/setup file', async () => {
      const report = join(project, 'vitest-report.json');
      await succeed([join(project, 'node_modules/.bin/vitest'), 'run', '--reporter=json', `--outputFile=${report}`], project);
      const results = JSON.parse(readFileSync(report, 'utf8'));
      expect(results).toMatchObject({ numTotalTests: 2, numPassedTests: 2, numFailedTests: 0 });
    });

    test('the installed tooltrace-inspector bin prints --help, and prints and renders a trace that @tooltrace/node exported', async () => {
      const inspector = join(project, 'node_modules/.bin/tooltrace-inspector');
      const help = await succeed([inspector, '--help'], project);
      expect(help).toContain('Usage: tooltrace-inspector <command>');
      await succeed([process.execPath, 'dist/src/write-trace.js', 'trace.json'], project);
      const printed = await succeed([inspector, 'print', 'trace.json', '--no-color'], project);
      expect(printed).toContain('execute_tool ci_lookup [primary]');
      expect(printed).toContain('execute_tool metrics_query [metrics]');
      // render inlines the web view's bundle, which only the build writes into dist/.
      await succeed([inspector, 'render', 'trace.json', '-o', 'run.html'], project);
      expect(readFileSync(join(project, 'run.html'), 'utf8')).toContain('@dagrejs/dagre');
    });

    test('require() fails saying the package is ESM-only; await import() from CommonJS works', async () => {
      const lines = (await succeed([process.execPath, 'dist/src/from-commonjs.cjs'], project)).trim().split('\n');
      expect(lines).toEqual([
        ...['core', 'testing', 'testing/setup', 'node', 'inspector'].map((specifier) => {
          const name = specifier.split('/')[0];
          return `@tooltrace/${specifier}: ERR_REQUIRE_ESM @tooltrace/${name} is ESM-only and cannot be loaded with require(). Import it from an ES module, or from CommonJS use \`const { ... } = await import('@tooltrace/${name}')\`.`;
        }),
        'await import(): ok',
      ]);
    });
  });

  // Resolving a types entry does not depend on the package manager's layout: checked in the npm project only.
  test('a test file that does not import @tooltrace/testing gets the matcher types from @tooltrace/testing/vitest', async () => {
    const [withEntry, withoutEntry] = await Promise.all([
      run([process.execPath, tsc, '-p', 'tsconfig.matchers.json'], projects.npm),
      run([process.execPath, tsc, '-p', 'tsconfig.matchers.json', '--types', 'node'], projects.npm),
    ]);
    expect(withEntry).toEqual({ code: 0, stdout: '', stderr: '' });
    // Without the entry the same file fails: the entry is what brings the types.
    expect(withoutEntry.stdout).toContain("error TS2339: Property 'toHaveSpan' does not exist");
  });
});
