import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * vitest global setup: one `tsc -b` of the workspace before any worker starts. Test files that run
 * built code (the CLI, the demo, packed tarballs) call `tsc -b` themselves; after this they find
 * everything up to date and write nothing, so files running in parallel workers never race to
 * rebuild the same outputs. After `pnpm test`'s own build this is a quick up-to-date check.
 */
export default async function setup(): Promise<void> {
  await promisify(execFile)(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b'], { cwd: root });
}
