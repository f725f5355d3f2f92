import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// `pnpm bench` and bench:instructions run these in fresh processes; a script that broke would only
// show there. Run here compiled (examples/dist, as the benches run them).
const run = promisify(execFile);
const script = (name: string) => fileURLToPath(new URL(`../dist/bench/${name}.js`, import.meta.url));

describe.each(['first-run', 'first-run-hand-written'])('%s', (name) => {
  it('reports the window from the first run to its first step, in wall and CPU milliseconds', async () => {
    const { stdout, stderr } = await run(process.execPath, [script(name)]);
    expect(stderr).toBe('');
    const window = JSON.parse(stdout) as { firstStepMs: number; firstStepCpuMs: number };
    expect(window.firstStepMs).toBeGreaterThan(0);
    expect(window.firstStepCpuMs).toBeGreaterThan(0);
  });

  it.each(['stop-before-run', 'stop-at-first-step'])('exits at %s, printing nothing', async (stop) => {
    await expect(run(process.execPath, [script(name), stop])).resolves.toEqual({ stdout: '', stderr: '' });
  });
});
