import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createInspectorServer,
  type InspectorEvent,
  type InspectorTrace,
  mapExceptionStacks,
  mapStackTrace,
  type RunningInspector,
  SourceMapCache,
  type StackLine,
  startInspector,
  traceToOtlpJson,
} from '../../src/index.js';
import { CALL_LINE, compileAndThrow, spanWithStack, THROW_LINE } from '../support/compiled-throw.js';

let root: string;
let fixture = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'inspector-source-maps-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function freshDirectory(): Promise<string> {
  fixture += 1;
  return join(root, `fixture-${fixture}`);
}

/** The mapped lines that name the compiled file, in stack order. */
function mappedFrames(lines: StackLine[] | null | undefined): StackLine[] {
  return (lines ?? []).filter((line) => line.original !== undefined);
}

describe('exception stacks from compiled code, served by the inspector', () => {
  let inspector: RunningInspector;

  beforeAll(async () => {
    inspector = await startInspector({ port: 0 });
  });

  afterAll(async () => {
    await inspector.close();
  });

  /** Posts one span with the stack as OTLP/JSON and reads the trace back from the API. */
  async function served(n: number, stack: string): Promise<{ event: InspectorEvent; trace: InspectorTrace }> {
    const span = spanWithStack(n, stack);
    const body = JSON.stringify(traceToOtlpJson({ traceId: span.traceId, spans: [span] }));
    const posted = await fetch(inspector.tracesUrl, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    expect(posted.status).toBe(200);
    const trace = (await (await fetch(`${inspector.url}/api/traces/${span.traceId}`)).json()) as InspectorTrace;
    const event = trace.spans[0]?.events[0];
    if (event === undefined) throw new Error('the served trace lost its exception event');
    return { event, trace };
  }

  it.each(['inline', 'linked', 'external'] as const)(
    'a frame of a module compiled with a %s source map names the .ts file and the line of the throw',
    async (sourcemap) => {
      const compiled = await compileAndThrow(await freshDirectory(), sourcemap);
      const { event } = await served(10 + ['inline', 'linked', 'external'].indexOf(sourcemap), compiled.stack);
      const [thrown, caller] = mappedFrames(event.mappedStack);
      expect(thrown?.original).toEqual({
        functionName: 'greet',
        position: { file: compiled.sourceFile, line: THROW_LINE, column: expect.any(Number) },
      });
      expect(thrown?.compiled?.position.file).toBe(`file://${compiled.compiledFile}`);
      expect(caller?.original?.position).toMatchObject({ file: compiled.sourceFile, line: CALL_LINE });
      // The recorded text stays as it was, line for line.
      expect(event.mappedStack?.map((line) => line.text).join('\n')).toBe(compiled.stack);
      expect(event.attributes['exception.stacktrace']).toBe(compiled.stack);
    },
  );

  it('a frame without a source map is served as recorded', async () => {
    const directory = await freshDirectory();
    const compiled = await compileAndThrow(directory, 'linked');
    await unlink(`${compiled.compiledFile}.map`);
    const { event, trace } = await served(20, compiled.stack);
    expect(event.mappedStack).toBeUndefined();
    expect(trace).toEqual(inspector.store.get(trace.traceId));
  });

  it('a malformed source map leaves the frame as recorded', async () => {
    const directory = await freshDirectory();
    const compiled = await compileAndThrow(directory, 'linked');
    await writeFile(`${compiled.compiledFile}.map`, '{"version":3,"sources":["../src/tool.ts"],"mappings":');
    expect((await served(21, compiled.stack)).event.mappedStack).toBeUndefined();
    await writeFile(`${compiled.compiledFile}.map`, '{"version":3,"sources":["../src/tool.ts"],"mappings":"!!!!;;;;@@"}');
    expect((await served(22, compiled.stack)).event.mappedStack).toBeUndefined();
    await writeFile(`${compiled.compiledFile}.map`, '{"version":2,"sources":"x","mappings":7}');
    expect((await served(23, compiled.stack)).event.mappedStack).toBeUndefined();
  });

  it('the OTLP download of a mapped trace is the trace as received', async () => {
    const compiled = await compileAndThrow(await freshDirectory(), 'inline');
    const { trace } = await served(24, compiled.stack);
    const download = await (await fetch(`${inspector.url}/api/traces/${trace.traceId}/otlp`)).text();
    expect(download).not.toContain('mappedStack');
    expect(JSON.parse(download)).toEqual(traceToOtlpJson(inspector.store.get(trace.traceId) as InspectorTrace));
  });

  it('an inspector that answers other hosts than loopback reads no maps unless told to', async () => {
    const compiled = await compileAndThrow(await freshDirectory(), 'inline');
    const span = spanWithStack(26, compiled.stack);
    const mappedBy = async (options: { sourceMaps?: boolean }): Promise<boolean> => {
      const server = createInspectorServer({ loopbackHostsOnly: false, ...options });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        const body = JSON.stringify(traceToOtlpJson({ traceId: span.traceId, spans: [span] }));
        await fetch(`${url}/v1/traces`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
        const trace = (await (await fetch(`${url}/api/traces/${span.traceId}`)).json()) as InspectorTrace;
        return trace.spans[0]?.events[0]?.mappedStack !== undefined;
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    };
    expect(await mappedBy({})).toBe(false);
    expect(await mappedBy({ sourceMaps: true })).toBe(true);
  });

  it('an inspector started with sourceMaps: false serves stacks as recorded', async () => {
    const compiled = await compileAndThrow(await freshDirectory(), 'inline');
    const off = await startInspector({ port: 0, sourceMaps: false });
    try {
      const span = spanWithStack(25, compiled.stack);
      const body = JSON.stringify(traceToOtlpJson({ traceId: span.traceId, spans: [span] }));
      await fetch(off.tracesUrl, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
      const trace = (await (await fetch(`${off.url}/api/traces/${span.traceId}`)).json()) as InspectorTrace;
      expect(trace.spans[0]?.events[0]?.mappedStack).toBeUndefined();
    } finally {
      await off.close();
    }
  });
});

describe('mapStackTrace', () => {
  it("names a minified function by the source map's names, from its caller's call site", async () => {
    const compiled = await compileAndThrow(await freshDirectory(), 'linked', { minifyIdentifiers: true });
    expect(compiled.stack).not.toMatch(/at greet /);
    const [thrown] = mappedFrames(await mapStackTrace(compiled.stack, new SourceMapCache()));
    expect(thrown?.original).toMatchObject({ functionName: 'greet', position: { file: compiled.sourceFile, line: THROW_LINE } });
  });

  it('reads only .js, .mjs and .cjs files a stack names, and only .map files they point at', async () => {
    const directory = await freshDirectory();
    const compiled = await compileAndThrow(directory, 'linked');
    const cache = new SourceMapCache();
    const code = await readFile(compiled.compiledFile, 'utf8');
    // The same code and map under another extension is not read.
    await writeFile(join(directory, 'dist', 'tool.txt'), code);
    const asText = compiled.stack.replaceAll('tool.mjs', 'tool.txt');
    expect(await mapStackTrace(asText, cache)).toBeNull();
    // A sourceMappingURL naming a file that is not a .map is not followed.
    await writeFile(join(directory, 'dist', 'map.json'), await readFile(`${compiled.compiledFile}.map`, 'utf8'));
    await writeFile(compiled.compiledFile, code.replace('sourceMappingURL=tool.mjs.map', 'sourceMappingURL=map.json'));
    expect(await mapStackTrace(compiled.stack, cache)).toBeNull();
    // Nor one over http.
    await writeFile(
      compiled.compiledFile,
      code.replace('sourceMappingURL=tool.mjs.map', 'sourceMappingURL=http://127.0.0.1:1/tool.mjs.map'),
    );
    expect(await mapStackTrace(compiled.stack, cache)).toBeNull();
    // Relative paths (no file to name) are not looked up.
    expect(await mapStackTrace('Error: x\n    at greet (dist/tool.mjs:3:11)', cache)).toBeNull();
  });

  it('finds the sourceMappingURL comment among the comments that end the file, and only there', async () => {
    const compiled = await compileAndThrow(await freshDirectory(), 'linked');
    // The map under another name, so only the comment can find it.
    const other = join(compiled.compiledFile, '..', 'other.map');
    await writeFile(other, await readFile(`${compiled.compiledFile}.map`, 'utf8'));
    await unlink(`${compiled.compiledFile}.map`);
    const code = (await readFile(compiled.compiledFile, 'utf8'))
      .replace('sourceMappingURL=tool.mjs.map', 'sourceMappingURL=other.map')
      .trimEnd();
    await writeFile(compiled.compiledFile, `${code}\n//# debugId=85314830-023f-4cf1-a267-535f4e37bb17\n\n`);
    expect(mappedFrames(await mapStackTrace(compiled.stack, new SourceMapCache()))[0]?.original?.position.line).toBe(THROW_LINE);
    // A comment followed by code is not the file's map.
    await writeFile(compiled.compiledFile, `${code}\nvoid 0;\n`);
    expect(await mapStackTrace(compiled.stack, new SourceMapCache())).toBeNull();
  });

  it('does not carry a mapping forward to a line the map does not cover', async () => {
    const compiled = await compileAndThrow(await freshDirectory(), 'linked');
    const beyond = compiled.stack.replace(/tool\.mjs:\d+:\d+/g, 'tool.mjs:500:3');
    expect(await mapStackTrace(beyond, new SourceMapCache())).toBeNull();
  });

  it('does not read a compiled file or map over the size cap', async () => {
    const compiled = await compileAndThrow(await freshDirectory(), 'inline');
    expect(await mapStackTrace(compiled.stack, new SourceMapCache({ maxFileBytes: 64 }))).toBeNull();
    expect(await mapStackTrace(compiled.stack, new SourceMapCache())).not.toBeNull();
  });

  it('keeps at most maxMaps maps, and reads a rebuilt file again', async () => {
    const first = await compileAndThrow(await freshDirectory(), 'linked');
    const second = await compileAndThrow(await freshDirectory(), 'inline');
    const cache = new SourceMapCache({ maxMaps: 1 });
    expect(mappedFrames(await mapStackTrace(first.stack, cache))[0]?.original?.position.line).toBe(THROW_LINE);
    await mapStackTrace(second.stack, cache);
    expect(cache.size).toBe(1);
    // The same source two lines lower compiles to the same code: only the map tells the new line.
    const directory = join(first.sourceFile, '..', '..');
    const rebuilt = await compileAndThrow(directory, 'linked', { leadingBlankLines: 2 });
    expect(rebuilt.stack).toBe(first.stack);
    const large = new SourceMapCache();
    expect(mappedFrames(await mapStackTrace(second.stack, large))).not.toEqual([]);
    expect(mappedFrames(await mapStackTrace(first.stack, large))[0]?.original?.position.line).toBe(THROW_LINE + 2);
    await compileAndThrow(directory, 'linked');
    expect(mappedFrames(await mapStackTrace(first.stack, large))[0]?.original?.position.line).toBe(THROW_LINE);
    expect(large.size).toBe(2);
  });

  it('keeps the trace object itself when no stack maps', async () => {
    const span = spanWithStack(30, 'Error: nothing here\n    at node:internal/process/task_queues:95:5');
    const trace = { traceId: span.traceId, spans: [span] };
    expect(await mapExceptionStacks(trace, new SourceMapCache())).toBe(trace);
  });
});
