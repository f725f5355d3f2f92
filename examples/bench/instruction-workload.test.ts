import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// bench:instructions runs this worker under valgrind for minutes; a worker that fails would only
// show there. Run here compiled (examples/dist, as the bench runs it), without valgrind.
const worker = fileURLToPath(new URL('../dist/bench/instruction-workload.js', import.meta.url));
const run = promisify(execFile);

describe("bench:instructions' workload worker", () => {
  it.each(['explain', 'traced', 'handWritten', 'untraced', 'checkedAwait', 'plainAwait'])('runs %s to the end', async (workload) => {
    await expect(run(process.execPath, [worker, workload, '120', '2'])).resolves.toMatchObject({ stderr: '' });
  });

  it('refuses an unknown workload and bad counts, saying why', async () => {
    await expect(run(process.execPath, [worker, 'nothing', '120', '1'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown workload "nothing"'),
    });
    await expect(run(process.execPath, [worker, 'explain', '0', '1'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: instruction-workload'),
    });
  });
});
