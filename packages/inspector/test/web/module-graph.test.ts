import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SOURCE = fileURLToPath(new URL('../../src', import.meta.url));

/** Value imports (not `import type`) of every source file, as absolute .ts paths. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (path.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        const imports = [...text.matchAll(/^import (?!type )[^;]*? from '(\.[^']+)';/gms)].map((match) =>
          resolve(dirname(path), (match[1] ?? '').replace(/\.js$/, '.ts')),
        );
        graph.set(path, imports);
      }
    }
  };
  visit(SOURCE);
  return graph;
}

function cycles(graph: Map<string, string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const found: string[] = [];
  const visit = (node: string, path: string[]): void => {
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open')
        found.push([...path.slice(path.indexOf(next)), next].map((file) => relative(SOURCE, file)).join(' → '));
      else if (!state.has(next)) visit(next, [...path, next]);
    }
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node, [node]);
  return found;
}

describe('the inspector source', () => {
  it('has no import cycles (the page modules included)', () => {
    expect(cycles(importGraph())).toEqual([]);
  });

  it("bundles the model the server uses into the page's script (imported, not copied)", () => {
    const graph = importGraph();
    const reached = new Set<string>();
    const pending = [join(SOURCE, 'web/client/main.ts')];
    while (pending.length > 0) {
      const file = pending.pop() as string;
      if (reached.has(file)) continue;
      reached.add(file);
      pending.push(...(graph.get(file) ?? []));
    }
    for (const model of ['summarize.ts', 'errors.ts', 'critical-path.ts', 'attribute-query.ts', 'trace-view.ts']) {
      expect(reached, model).toContain(join(SOURCE, 'model', model));
    }
  });

  it('finds a cycle when there is one', () => {
    expect(
      cycles(
        new Map([
          [join(SOURCE, 'a.ts'), [join(SOURCE, 'b.ts')]],
          [join(SOURCE, 'b.ts'), [join(SOURCE, 'a.ts')]],
        ]),
      ),
    ).toEqual(['a.ts → b.ts → a.ts']);
  });
});
