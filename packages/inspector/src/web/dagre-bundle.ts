import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { WebViewAssemblyError } from './errors.js';

/**
 * The browser build of @dagrejs/dagre (graphlib included), which defines the global `dagre`, with
 * its license header and without its source-map comment. Read from the installed package so the
 * page works offline and from a file.
 */
export function dagreBrowserBundle(): string {
  const require = createRequire(import.meta.url);
  let directory: string;
  try {
    directory = join(dirname(require.resolve('@dagrejs/dagre/package.json')), 'dist');
  } catch (cause) {
    throw new WebViewAssemblyError('Cannot find @dagrejs/dagre: install the inspector with its dependencies.', { cause });
  }
  try {
    const license = readFileSync(join(directory, 'dagre.min.js.LEGAL.txt'), 'utf8');
    const bundle = readFileSync(join(directory, 'dagre.min.js'), 'utf8').replace(/^\/\/# sourceMappingURL=.*$/gm, '');
    return `${license.trim()}\n${bundle.trim()}\n`;
  } catch (cause) {
    throw new WebViewAssemblyError(`Cannot read dagre's browser bundle (dagre.min.js) in ${directory}.`, { cause });
  }
}
