#!/usr/bin/env node
// Committed (unlike dist/) so that package managers can link the command before the first build.
try {
  await import('../dist/cli.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli.js')) throw error;
  console.error('tooltrace-inspector is not built yet: run `pnpm build` (or `pnpm inspector ...`) in the workspace first.');
  process.exitCode = 1;
}
