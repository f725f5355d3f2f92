import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { traceToOtlpJson } from '../../src/otlp/encode-json.js';
import { demoFixture, fixtureTrace } from '../web/fixtures.js';

function io(): CliIo & { out: string; err: string } {
  const result = {
    out: '',
    err: '',
    stdout: { write: (text: string) => (result.out += text) },
    stderr: { write: (text: string) => (result.err += text) },
    env: {},
    untilStopped: () => new Promise<void>(() => {}),
  };
  return result;
}

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'tooltrace-diff-'));
  await writeFile(join(directory, 'before.json'), JSON.stringify(traceToOtlpJson(demoFixture())));
  const slower = fixtureTrace([
    { id: 'primary', tool: 'ci_lookup', start: 0, end: 42, group: 0, executionOrder: 0 },
    { id: 'metrics', tool: 'metrics_query', dependsOn: ['primary'], start: 44, end: 330, group: 1, executionOrder: 0 },
  ]);
  await writeFile(join(directory, 'after.json'), JSON.stringify(traceToOtlpJson(slower)));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('tooltrace-inspector diff', () => {
  it('prints each step then and now, both critical paths and what got slower', async () => {
    const streams = io();
    expect(await runCli(['diff', join(directory, 'before.json'), join(directory, 'after.json')], streams)).toBe(0);
    expect(streams.out).toMatch(/metrics +ok 86ms +ok 286ms +\+200ms/);
    expect(streams.out).toMatch(/events +error 35ms +– +only then/);
    expect(streams.out).toMatch(/timeline +skipped +– +only then/);
    expect(streams.out).toContain('critical path then: primary → metrics → correlate → summarize');
    expect(streams.out).toContain('critical path now:  primary → metrics');
    expect(streams.out).toContain('slower: metrics +200ms');
  });

  it('says what differs between the plans of the two runs', async () => {
    const streams = io();
    expect(await runCli(['diff', join(directory, 'before.json'), join(directory, 'after.json')], streams)).toBe(0);
    expect(streams.out).toContain(
      "The runs' plans differ; the 2 steps both have are compared.\nOnly then: 5 steps (events, changes, correlate, timeline, summarize).\n",
    );
    const same = io();
    expect(await runCli(['diff', join(directory, 'before.json'), join(directory, 'before.json')], same)).toBe(0);
    expect(same.out).not.toContain('plans differ');
  });

  it('is a usage error (exit 2) without exactly two files', async () => {
    const streams = io();
    expect(await runCli(['diff', join(directory, 'before.json')], streams)).toBe(2);
    expect(streams.err).toContain('diff takes two trace files');
  });
});
