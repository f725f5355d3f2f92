#!/usr/bin/env node
// Runs before `pnpm test`: the browser tests drive Debian's Chromium with playwright-core (never a
// browser download). Installs it with apt-get when missing and we are root; otherwise says how.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.TOOLTRACE_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !existsSync('/usr/bin/apt-get')) {
  console.error(`Chromium not found at ${path}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium)`);
  console.error('or point TOOLTRACE_CHROMIUM at a Chromium binary, then run the tests again.');
  process.exit(1);
}
console.log('Installing Debian chromium for the browser tests (apt-get)...');
const apt = (...args) =>
  execFileSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
apt('update', '-qq');
apt('install', '-y', '-qq', '--no-install-recommends', 'chromium');
if (!existsSync(path)) {
  console.error(`apt-get finished but ${path} is still missing`);
  process.exit(1);
}
