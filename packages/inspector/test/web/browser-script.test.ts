import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { browserScript } from '../../src/web/browser-script.js';
import { clientLibrary, clientModules } from '../../src/web/client/library.js';

const clientDirectory = fileURLToPath(new URL('../../src/web/client/', import.meta.url));
const browserModuleFiles = readdirSync(clientDirectory).filter(
  (file) => file.endsWith('.ts') && !['library.ts', 'view-types.ts', 'app-types.ts'].includes(file),
);

describe('the browser script', () => {
  it('serializes functions that reference no module bindings (imports would not exist in the page)', () => {
    const script = browserScript();
    expect(script).not.toMatch(/__vite_ssr_|__vi_import|\bimport\(|\brequire\(/);
  });

  it('comes from browser modules that import only types', () => {
    for (const file of browserModuleFiles) {
      const valueImports = readFileSync(`${clientDirectory}${file}`, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('import ') && !line.startsWith('import type '));
      expect(valueImports, file).toEqual([]);
    }
  });

  it('exports every top-level function of a browser module, so the page can declare it', () => {
    for (const file of browserModuleFiles) {
      const privateFunctions = readFileSync(`${clientDirectory}${file}`, 'utf8')
        .split('\n')
        .filter((line) => /^(async\s+)?function\s/.test(line) || /^(const|let|var)\s/.test(line));
      expect(privateFunctions, file).toEqual([]);
    }
  });

  it('has every browser module in the library and no name defined twice', () => {
    const moduleFiles = Object.keys(clientModules).map((name) => `${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}.ts`);
    expect(moduleFiles.sort()).toEqual([...browserModuleFiles].sort());
    const exported = Object.values(clientModules).flatMap((module) => Object.keys(module));
    expect(exported.length).toBe(Object.keys(clientLibrary).length);
  });
});
