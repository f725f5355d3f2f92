import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { InspectorSpan } from '../../src/index.js';
import { modelSpan, spanIdOf, traceIdOf } from './model-spans.js';

/** The TypeScript a fixture compiles: `run()` calls `greet('boom')`, which throws. */
export const TOOL_SOURCE = `export function greet(name: string): string {
  if (name === 'boom') {
    throw new Error(\`cannot greet \${name}\`);
  }
  return \`hi \${name}\`;
}

export function run(): string {
  return greet('boom');
}
`;

/** The 1-based line of the \`throw\` in {@link TOOL_SOURCE}. */
export const THROW_LINE = TOOL_SOURCE.split('\n').findIndex((line) => line.includes('throw new Error')) + 1;
/** The 1-based line of the call to \`greet\` in {@link TOOL_SOURCE}. */
export const CALL_LINE = TOOL_SOURCE.split('\n').findIndex((line) => line.includes("greet('boom')")) + 1;

/** A compiled fixture: the TypeScript file, the compiled module and the stack it threw. */
export interface CompiledThrow {
  sourceFile: string;
  compiledFile: string;
  stack: string;
}

/**
 * Writes {@link TOOL_SOURCE} (after `leadingBlankLines` empty lines) to `directory/src/tool.ts`, compiles it with esbuild to
 * `directory/dist/tool.mjs` with the given source maps, runs it in a fresh Node process (no
 * `--enable-source-maps`) and returns the real `err.stack` it threw.
 */
export async function compileAndThrow(
  directory: string,
  sourcemap: 'inline' | 'linked' | 'external' | false,
  options: { minifyIdentifiers?: boolean; leadingBlankLines?: number } = {},
): Promise<CompiledThrow> {
  const sourceFile = join(directory, 'src', 'tool.ts');
  const compiledFile = join(directory, 'dist', 'tool.mjs');
  await mkdir(join(directory, 'src'), { recursive: true });
  await writeFile(sourceFile, '\n'.repeat(options.leadingBlankLines ?? 0) + TOOL_SOURCE);
  await build({
    entryPoints: [sourceFile],
    outfile: compiledFile,
    format: 'esm',
    platform: 'node',
    sourcemap,
    minifyIdentifiers: options.minifyIdentifiers ?? false,
    logLevel: 'silent',
  });
  const script = `import(${JSON.stringify(pathToFileURL(compiledFile).href)}).then((m) => { try { m.run(); } catch (error) { process.stdout.write(error.stack); } });`;
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { env });
  if (!stdout.includes('cannot greet boom')) throw new Error(`the compiled fixture did not throw as expected:\n${stdout}`);
  return { sourceFile, compiledFile, stack: stdout };
}

/** A failed span whose exception event carries `stack`. */
export function spanWithStack(n: number, stack: string): InspectorSpan {
  return modelSpan({
    traceId: traceIdOf(n),
    spanId: spanIdOf(n),
    name: 'execute_tool greet',
    status: { code: 'ERROR', message: 'cannot greet boom' },
    events: [
      {
        name: 'exception',
        timeMs: 1005,
        attributes: { 'exception.type': 'Error', 'exception.message': 'cannot greet boom', 'exception.stacktrace': stack },
      },
    ],
  });
}
