import { clientLibrary } from './client/library.js';
import { WebViewAssemblyError } from './errors.js';

/** The id of the `<script type="application/json">` element holding the page's {@link Bootstrap} data. */
export const BOOTSTRAP_ELEMENT_ID = 'tooltrace-data';

/**
 * The page's own script: every browser function declared in one scope, `lib` naming them all, then
 * `startApp` with the embedded bootstrap data. Expects the dagre bundle to have run before it.
 */
export function browserScript(): string {
  const names = Object.keys(clientLibrary).sort();
  const declarations = names.map((name) => functionSource(name, Reflect.get(clientLibrary, name)));
  return [
    '(function () {',
    '"use strict";',
    // esbuild-style transforms may wrap functions in __name(); it only names them.
    'var __name = function (target) { return target; };',
    ...declarations,
    `var lib = { ${names.join(', ')} };`,
    `lib.startApp(JSON.parse(document.getElementById(${JSON.stringify(BOOTSTRAP_ELEMENT_ID)}).textContent));`,
    '})();',
  ].join('\n');
}

function functionSource(name: string, value: unknown): string {
  if (typeof value !== 'function') {
    throw new WebViewAssemblyError(`Browser module export "${name}" is not a function; export only functions from src/web/client.`);
  }
  const source = Function.prototype.toString.call(value);
  const declaration = new RegExp(`^(async\\s+)?function\\s*\\*?\\s*${name}\\s*\\(`);
  if (!declaration.test(source)) {
    throw new WebViewAssemblyError(`Browser function "${name}" must be a function declaration (not an arrow or alias) to be serialized.`);
  }
  return source;
}
