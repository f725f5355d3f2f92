import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

const repositoryUrl = 'https://github.com/tooltrace/tooltrace';
const publishedPackages = ['core', 'testing', 'node', 'inspector'];

describe.each(publishedPackages)('packages/%s as published to npm', (name) => {
  const manifest = JSON.parse(read(`packages/${name}/package.json`)) as Record<string, unknown>;

  test('names the repository, homepage, issue tracker and supported Node versions', () => {
    expect(manifest).toMatchObject({
      license: 'Apache-2.0',
      repository: { type: 'git', url: `git+${repositoryUrl}.git`, directory: `packages/${name}` },
      homepage: `${repositoryUrl}/tree/main/packages/${name}#readme`,
      bugs: { url: `${repositoryUrl}/issues` },
      engines: { node: '>=20.6' },
    });
  });

  test('ships the Apache-2.0 LICENSE, identical to the repository one', () => {
    expect(manifest.files).toEqual(expect.arrayContaining(['LICENSE', 'CHANGELOG.md']));
    expect(read(`packages/${name}/LICENSE`)).toBe(read('LICENSE'));
  });

  test('README links work from the registry page: absolute URLs or in-page anchors only', () => {
    const targets = [...read(`packages/${name}/README.md`).matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '');
    expect(targets.filter((target) => !/^(https:\/\/|#)/.test(target))).toEqual([]);
  });
});

test('the root LICENSE is the Apache License 2.0 text', () => {
  const license = read('LICENSE');
  expect(license).toContain('Apache License\n                           Version 2.0, January 2004');
  expect(license).toContain('END OF TERMS AND CONDITIONS');
});

describe.each(publishedPackages)('packages/%s is ESM-only', (name) => {
  const manifest = JSON.parse(read(`packages/${name}/package.json`)) as { exports: Record<string, unknown>; files: string[] };

  test('every entry point with code sends require() to the file that says so', () => {
    const entries = Object.entries(manifest.exports).filter(([, target]) => typeof target === 'object' && target && 'import' in target);
    expect(entries.length).toBeGreaterThan(0);
    for (const [, target] of entries) {
      expect(target).toMatchObject({ require: { types: './esm-only.d.cts', default: './esm-only.cjs' } });
    }
    expect(manifest.files).toEqual(expect.arrayContaining(['esm-only.cjs', 'esm-only.d.cts']));
  });

  test('the README says so, with the await import() alternative', () => {
    const readme = read(`packages/${name}/README.md`);
    expect(readme).toContain('**ESM-only**');
    expect(readme).toContain(`await import('@tooltrace/${name}')`);
  });
});
