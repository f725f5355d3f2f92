import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, formatTraceTree, runCli } from '../../src/index.js';
import { modelSpan, spanIdOf, traceIdOf } from '../support/model-spans.js';

const HOSTILE = '\u001b]0;pwned\u0007\u001b[2J\rfake';
/** Control characters other than the newline, and our own colour codes removed first. */
const RAW_CONTROL = new RegExp(
  `[${String.fromCharCode(0)}-${String.fromCharCode(9)}${String.fromCharCode(11)}-${String.fromCharCode(0x1f)}${String.fromCharCode(0x7f)}-${String.fromCharCode(0x9f)}]`,
);
const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'inspector-terminal-'));
});

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (text: string) => out.push(text), isTTY: false, columns: 120 },
    stderr: { write: (text: string) => err.push(text) },
    env: {},
    untilStopped: () => new Promise(() => undefined),
  };
}

describe('terminal output never passes control characters through', () => {
  const trace = {
    traceId: traceIdOf(1),
    spans: [
      modelSpan({
        traceId: traceIdOf(1),
        spanId: spanIdOf(1),
        name: HOSTILE,
        status: { code: 'ERROR', message: `failed ${HOSTILE}` },
        attributes: { 'tooltrace.step.id': `id${HOSTILE}`, 'tooltrace.step.status': 'error' },
      }),
    ],
  };

  it.each([false, true])('formatTraceTree escapes span names, step ids and error messages visibly (color %s)', (color) => {
    const text = formatTraceTree(trace, { width: 160, color }).replace(SGR, '');
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text).toContain('\\x1b]0;pwned\\x07\\x1b[2J\\rfake');
  });

  it('print of an OTLP file with a hostile span name writes only escaped text', async () => {
    const file = join(directory, 'hostile.json');
    const span = {
      traceId: traceIdOf(2),
      spanId: spanIdOf(2),
      name: HOSTILE,
      startTimeUnixNano: '1700000000000000000',
      endTimeUnixNano: '1700000001000000000',
      attributes: [{ key: 'tooltrace.step.id', value: { stringValue: HOSTILE } }],
    };
    await writeFile(file, JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] }));
    const io = captureIo();
    expect(await runCli(['print', file, '--color'], io)).toBe(0);
    expect(io.out.join('').replace(SGR, '')).not.toMatch(RAW_CONTROL);
    expect(io.out.join('')).toContain('\\x1b]0;pwned');
  });

  it('messages on stderr (a trace list naming hostile root spans) are escaped too', async () => {
    const file = join(directory, 'two.json');
    const spans = [3, 4].map((n) => ({
      traceId: traceIdOf(n),
      spanId: spanIdOf(n),
      name: HOSTILE,
      startTimeUnixNano: '1700000000000000000',
      endTimeUnixNano: '1700000001000000000',
    }));
    await writeFile(file, JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] }));
    const io = captureIo();
    expect(await runCli(['export', file], io)).toBe(1);
    expect(io.err.join('')).toContain('\\x1b]0;pwned');
    expect(io.err.join('')).not.toMatch(RAW_CONTROL);
  });
});

describe('a file whose every span is rejected', () => {
  it('print of a Jaeger file with ids that are not hex exits 1 and says why', async () => {
    const file = join(directory, 'jaeger-bad-ids.json');
    const document = {
      data: [
        {
          traceID: 'trace-123',
          spans: [
            { traceID: 'trace-123', spanID: 'span-1', operationName: 'op', startTime: 1700000000000000, duration: 10, processID: 'p1' },
          ],
          processes: { p1: { serviceName: 'svc' } },
        },
      ],
    };
    await writeFile(file, JSON.stringify(document));
    const io = captureIo();
    expect(await runCli(['print', file], io)).toBe(1);
    expect(io.err.join('')).toMatch(/no traces: all 1 span in .* was rejected/);
    expect(io.err.join('')).toContain('traceID "trace-123" is not a hex trace id');
  });
});
