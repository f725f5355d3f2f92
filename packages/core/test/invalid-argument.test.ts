import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { defineTool, InvalidArgumentError, Orchestrator, Pipeline, runStages } from '../src/index.js';
import { tracing } from './support.js';

const expectArgumentError = (action: () => unknown, argument: string, message: RegExp) => {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', argument, message: expect.stringMatching(message) });
    return;
  }
  throw new Error('expected an InvalidArgumentError');
};

describe('programming errors are typed InvalidArgumentErrors naming the argument', () => {
  test('defineTool without schemas or run', () => {
    expectArgumentError(
      () => defineTool({ name: 't', input: { not: 'a schema' } as never, output: z.unknown(), run: () => 1 }),
      'input',
      /zod schema/,
    );
    expectArgumentError(
      () => defineTool({ name: 't', input: z.object({}), output: z.unknown(), run: undefined as never }),
      'run',
      /run\(input, ctx\)/,
    );
    expectArgumentError(() => defineTool({ name: '', input: z.object({}), output: z.unknown(), run: () => 1 }), 'name', /non-empty/);
  });

  test('an Orchestrator given a hand-made tool without schemas, or two tools with one name', () => {
    const tool = defineTool({ name: 't', input: z.object({}), output: z.unknown(), run: () => 1 });
    expectArgumentError(() => new Orchestrator({ tools: [{ name: 'raw', run: () => 1 } as never] }), 'tools', /defineTool/);
    expectArgumentError(() => new Orchestrator({ tools: [tool, tool] }), 'tools', /two tools are named "t"/);
  });

  test('a bad run-level maxConcurrency rejects the run', async () => {
    const tool = defineTool({ name: 't', input: z.object({}), output: z.unknown(), run: () => 1 });
    await expect(new Orchestrator({ tools: [tool] }).run({ steps: [{ id: 'a', tool: 't' }] }, { maxConcurrency: 0 })).rejects.toMatchObject(
      {
        code: 'INVALID_ARGUMENT',
        argument: 'maxConcurrency',
      },
    );
  });

  test('stages with duplicate or empty names, through Pipeline or runStages', async () => {
    expectArgumentError(() => new Pipeline('p').stage('a', () => 1).stage('a', () => 2), 'stages', /already named "a"/);
    expectArgumentError(() => new Pipeline(''), 'name', /non-empty/);
    expect(() =>
      runStages(
        'p',
        [
          { name: 'x', run: () => 1 },
          { name: 'x', run: () => 2 },
        ] as never,
        undefined,
      ),
    ).toThrow(InvalidArgumentError);
  });
});

describe('run options are checked before anything starts', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['a signal that is not an AbortSignal', { signal: {} }, 'signal'],
    ['a parentContext that is not a Context', { parentContext: {} }, 'parentContext'],
    ['options that are not an object', 'fast' as never, 'options'],
  ];

  test.each(cases)('Orchestrator.run: %s is an InvalidArgumentError and no span starts', async (_name, options, argument) => {
    const otel = tracing();
    const calls: string[] = [];
    const tool = defineTool({ name: 't', input: z.object({}), output: z.unknown(), run: () => calls.push('ran') });
    const running = new Orchestrator({ tools: [tool], tracerProvider: otel.provider }).run(
      { steps: [{ id: 'a', tool: 't' }] },
      options as never,
    );
    await expect(running).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(running).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', argument });
    expect(otel.started.size).toBe(0);
    expect(calls).toEqual([]);
  });

  test.each(cases)('Pipeline.run: %s is an InvalidArgumentError and no stage runs', async (_name, options, argument) => {
    const calls: string[] = [];
    const running = new Pipeline('p').stage('a', () => calls.push('ran')).run(undefined, options as never);
    await expect(running).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', argument });
    expect(calls).toEqual([]);
  });
});
