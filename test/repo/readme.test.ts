import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

describe('README and CI agree', () => {
  test('the README opens with exactly two commands: the demo and the tests', () => {
    const firstBlock = /```bash\n([\s\S]*?)```/.exec(read('README.md'))?.[1] ?? '';
    const commands = firstBlock
      .split('\n')
      .filter(Boolean)
      .map((line) => line.replace(/\s+#.*$/, '').trim());
    expect(commands).toEqual([
      'npx -y pnpm@10.34.9 install && npx -y pnpm@10.34.9 demo',
      'npx -y pnpm@10.34.9 install && npx -y pnpm@10.34.9 test',
    ]);
  });

  test('.ci/run calls the README test command verbatim', () => {
    expect(read('.ci/run').split('\n')).toContain('npx -y pnpm@10.34.9 install && npx -y pnpm@10.34.9 test');
  });

  test('root scripts named by the README exist', () => {
    const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>;
    expect(Object.keys(scripts)).toEqual(expect.arrayContaining(['demo', 'test', 'bench', 'lint']));
  });
});
