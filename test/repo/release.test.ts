import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TRACE_CONTRACT_VERSION, VERSION } from '@tooltrace/core';
import { afterAll, describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string, from = root) => readFileSync(join(from, path), 'utf8');
const publishedPackages = ['core', 'testing', 'node', 'inspector'];

/** Pending changesets (not yet released) that name @tooltrace/core. */
function pendingCoreChangesets(from = root): string[] {
  return readdirSync(join(from, '.changeset'))
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .map((file) => read(join('.changeset', file), from))
    .filter((text) => /^['"]?@tooltrace\/core['"]?:/m.test(text));
}

const contractVersionsStated = (text: string) => [...text.matchAll(/Trace contract v(\d+)/g)].map((match) => Number(match[1]));

describe('versioning with changesets', () => {
  test("the core's CHANGELOG, with the pending changesets, states the trace contract version the code exports", () => {
    const stated = contractVersionsStated([read('packages/core/CHANGELOG.md'), ...pendingCoreChangesets()].join('\n'));
    expect(Math.max(...stated)).toBe(TRACE_CONTRACT_VERSION);
  });

  test("the core's VERSION (the instrumentation scope version) is its package.json version", () => {
    expect(VERSION).toBe(JSON.parse(read('packages/core/package.json')).version);
  });

  describe('pnpm version-packages, run on a copy of the workspace', () => {
    const copy = mkdtempSync(join(tmpdir(), 'tooltrace-release-'));
    afterAll(() => rm(copy, { recursive: true, force: true }));

    test('bumps the four packages together and writes a CHANGELOG section for each; the core states the contract', async () => {
      for (const path of ['package.json', 'pnpm-workspace.yaml', '.changeset', 'packages/core/src/version.ts']) {
        cpSync(join(root, path), join(copy, path), { recursive: true });
      }
      for (const directory of [...publishedPackages.map((name) => `packages/${name}`), 'examples', 'test']) {
        mkdirSync(join(copy, directory), { recursive: true });
        for (const file of ['package.json', 'CHANGELOG.md']) {
          if (existsSync(join(root, directory, file))) cpSync(join(root, directory, file), join(copy, directory, file));
        }
      }
      // One changeset of this test's own, so there is always something to release.
      writeFileSync(join(copy, '.changeset/release-test.md'), "---\n'@tooltrace/testing': patch\n---\n\nA release test's change.\n");
      const before = JSON.parse(read('packages/core/package.json')).version as string;

      await new Promise<void>((resolve, reject) => {
        execFile(process.execPath, [join(root, 'scripts/version-packages.mjs'), copy], { cwd: copy }, (error, _stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(),
        );
      });

      const versions = publishedPackages.map((name) => JSON.parse(read(`packages/${name}/package.json`, copy)).version as string);
      expect(new Set(versions).size).toBe(1);
      const [released = ''] = versions;
      expect(released).not.toBe(before);
      for (const name of publishedPackages) {
        expect(read(`packages/${name}/CHANGELOG.md`, copy)).toMatch(
          new RegExp(`^# @tooltrace/${name}\\n\\n## ${released.replaceAll('.', '\\.')}\\n`),
        );
      }
      const coreChangelog = read('packages/core/CHANGELOG.md', copy);
      expect(Math.max(...contractVersionsStated(coreChangelog))).toBe(TRACE_CONTRACT_VERSION);
      expect(read('packages/core/src/version.ts', copy)).toContain(`export const VERSION = '${released}';`);
      expect(read('packages/testing/CHANGELOG.md', copy)).toContain("A release test's change.");
      expect(readdirSync(join(copy, '.changeset')).sort()).toEqual(['README.md', 'config.json']);
    });
  });
});
