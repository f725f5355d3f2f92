import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test, vi } from 'vitest';

const read = (relative: string) => readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8');

describe('the README example', () => {
  test('is this file, verbatim', () => {
    const readmeExample = /```ts\n([\s\S]*?)```/.exec(read('../../README.md'))?.[1];
    expect(readmeExample).toBe(read('./quickstart.ts'));
  });

  test('runs and does what its comment says', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { result } = await import('./quickstart.js');
    expect(log).toHaveBeenCalledWith([
      ['primary', 'ok', 0],
      ['metrics', 'ok', 1],
    ]);
    expect(result.outputs).toEqual({ primary: { ci: { id: 'ci-web-01' } }, metrics: { p99Ms: 900 } });
    log.mockRestore();
  });
});
