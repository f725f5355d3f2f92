#!/usr/bin/env node
// `pnpm version-packages`: changesets turns the pending .changeset/*.md files into version bumps and
// a section in each package's CHANGELOG.md; then the core's VERSION constant (the instrumentation
// scope version on every span) is set to the core's new package.json version.
// Usage: node scripts/version-packages.mjs [workspace root, default: this repository]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url));
const changeset = createRequire(import.meta.url).resolve('@changesets/cli/bin.js');
execFileSync(process.execPath, [changeset, 'version'], { cwd: root, stdio: 'inherit' });

const { version } = JSON.parse(readFileSync(join(root, 'packages/core/package.json'), 'utf8'));
const versionFile = join(root, 'packages/core/src/version.ts');
const source = readFileSync(versionFile, 'utf8');
const updated = source.replace(/export const VERSION = '[^']*';/, `export const VERSION = '${version}';`);
if (!updated.includes(`'${version}'`)) throw new Error(`${versionFile}: no \`export const VERSION = '...'\` line to update`);
writeFileSync(versionFile, updated);
console.log(`@tooltrace/core VERSION is ${version}`);
