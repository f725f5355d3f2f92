import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, runCli, traceToOtlpJson } from '../../src/index.js';
import { type CompiledThrow, compileAndThrow, spanWithStack, THROW_LINE } from '../support/compiled-throw.js';

let directory: string;
let compiled: CompiledThrow;
let traceFile: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'inspector-source-maps-cli-'));
  compiled = await compileAndThrow(directory, 'linked');
  const span = spanWithStack(40, compiled.stack);
  traceFile = join(directory, 'trace.json');
  await writeFile(traceFile, JSON.stringify(traceToOtlpJson({ traceId: span.traceId, spans: [span] })));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

function captureIo(): CliIo & { out: string[] } {
  const out: string[] = [];
  return {
    out,
    stdout: { write: (text: string) => out.push(text), isTTY: false, columns: 400 },
    stderr: { write: () => undefined },
    env: {},
    untilStopped: () => new Promise(() => undefined),
  };
}

describe('print and render show exception stacks source-mapped', () => {
  it('print names where the error was thrown in the .ts source, with the compiled frame under it', async () => {
    const io = captureIo();
    expect(await runCli(['print', traceFile, '--width', '400'], io)).toBe(0);
    const lines = io.out.join('').split('\n');
    const where = lines.findIndex((line) => line.includes('↳ at greet ('));
    expect(lines[where]).toContain(`↳ at greet (${compiled.sourceFile}:${THROW_LINE}:`);
    expect(lines[where + 1]).toContain(`compiled: file://${compiled.compiledFile}:`);
  });

  it('print --no-source-maps names the compiled frame as recorded', async () => {
    const io = captureIo();
    expect(await runCli(['print', traceFile, '--width', '400', '--no-source-maps'], io)).toBe(0);
    const output = io.out.join('');
    expect(output).toContain(`↳ at greet (file://${compiled.compiledFile}:`);
    expect(output).not.toContain('tool.ts');
  });

  it('a long location keeps its end (file, line, column) at a narrow width', async () => {
    const io = captureIo();
    expect(await runCli(['print', traceFile, '--width', '60'], io)).toBe(0);
    const where = io.out
      .join('')
      .split('\n')
      .find((line) => line.includes('↳'));
    expect(where).toMatch(new RegExp(`↳ ….*tool\\.ts:${THROW_LINE}:\\d+\\)$`));
    expect([...(where ?? '')].length).toBeLessThanOrEqual(60);
  });

  it('render embeds the mapped stack in the static page, the recorded stack kept', async () => {
    const output = join(directory, 'out.html');
    expect(await runCli(['render', traceFile, '-o', output], captureIo())).toBe(0);
    const html = await readFile(output, 'utf8');
    expect(html).toContain(`"mappedStack":`);
    expect(html).toContain(JSON.stringify({ file: compiled.sourceFile, line: THROW_LINE }).slice(1, -1));
    expect(await runCli(['render', traceFile, '-o', output, '--no-source-maps'], captureIo())).toBe(0);
    expect(await readFile(output, 'utf8')).not.toContain('"mappedStack":');
  });
});
