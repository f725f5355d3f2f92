import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import {
  defineTool,
  InputMappingError,
  Orchestrator,
  StepCancelledError,
  StepTimeoutError,
  ToolInputValidationError,
  ToolOutputValidationError,
} from '../../src/index.js';
import { controlledTool, flush } from '../support.js';

const diamond = [
  { id: 'root', tool: 'controlled' },
  { id: 'left', tool: 'controlled', dependsOn: ['root'] },
  { id: 'right', tool: 'controlled', dependsOn: ['root'] },
  { id: 'afterLeft', tool: 'controlled', dependsOn: ['left'] },
  { id: 'join', tool: 'controlled', dependsOn: ['afterLeft', 'right'] },
];

describe('failures', () => {
  test('fail-fast: nothing new starts, running steps are aborted through their signal, the rest is skipped', async () => {
    const tool = controlledTool();
    const running = new Orchestrator({ tools: [tool.tool] }).run({ steps: diamond });
    await flush();
    tool.release('root');
    await flush();
    expect(tool.calls).toEqual(['root', 'left', 'right']);
    tool.fail('left', new TypeError('metrics backend down'));
    const result = await running;
    const byId = Object.fromEntries(result.steps.map((step) => [step.id, step]));
    expect(result.outcome).toBe('error');
    expect(byId.left).toMatchObject({ status: 'error', error: expect.any(TypeError) });
    expect(byId.right).toMatchObject({ status: 'cancelled', error: expect.any(StepCancelledError) });
    expect(tool.signals.get('right')?.aborted).toBe(true);
    expect(tool.signals.get('right')?.reason).toBeInstanceOf(StepCancelledError);
    expect(byId.afterLeft).toMatchObject({
      status: 'skipped',
      skipReason: 'dependency_failed',
      blockedBy: 'left',
      startTime: null,
      executionOrder: null,
    });
    expect(byId.join).toMatchObject({ status: 'skipped', skipReason: 'dependency_failed', blockedBy: 'left' });
    expect(tool.calls).toEqual(['root', 'left', 'right']);
  });

  test('fail-fast skips independent steps not yet started with reason fail_fast', async () => {
    const tool = controlledTool();
    const running = new Orchestrator({ tools: [tool.tool] }).run({
      maxConcurrency: 1,
      steps: [
        { id: 'a', tool: 'controlled' },
        { id: 'b', tool: 'controlled' },
      ],
    });
    await flush();
    tool.fail('a', new Error('nope'));
    const result = await running;
    expect(result.steps[1]).toMatchObject({ status: 'skipped', skipReason: 'fail_fast', blockedBy: 'a' });
  });

  test('fail-fast: a step whose dependency was skipped by fail-fast is itself fail_fast, not dependency_failed', async () => {
    const tool = controlledTool();
    // x and y lead equally long chains, so the single slot goes to x, first in plan order.
    const running = new Orchestrator({ tools: [tool.tool] }).run({
      maxConcurrency: 1,
      steps: [
        { id: 'x', tool: 'controlled' },
        { id: 'y', tool: 'controlled' },
        { id: 'z', tool: 'controlled', dependsOn: ['y'] },
        { id: 'afterX', tool: 'controlled', dependsOn: ['x'] },
      ],
    });
    await flush();
    expect(tool.calls).toEqual(['x']);
    tool.fail('x', new Error('boom'));
    const result = await running;
    expect(result.steps.map((step) => [step.id, step.status, step.skipReason, step.blockedBy])).toEqual([
      ['x', 'error', undefined, undefined],
      ['y', 'skipped', 'fail_fast', 'x'],
      ['z', 'skipped', 'fail_fast', 'x'],
      ['afterX', 'skipped', 'dependency_failed', 'x'],
    ]);
  });

  test('continue: independent branches finish; dependents of the failure are skipped with its root cause', async () => {
    const tool = controlledTool();
    const running = new Orchestrator({ tools: [tool.tool] }).run({ failurePolicy: 'continue', steps: diamond });
    await flush();
    tool.release('root');
    await flush();
    tool.fail('left', new Error('left broke'));
    await flush();
    tool.release('right');
    const result = await running;
    expect(result.steps.map((step) => [step.id, step.status, step.blockedBy])).toEqual([
      ['root', 'ok', undefined],
      ['left', 'error', undefined],
      ['right', 'ok', undefined],
      ['afterLeft', 'skipped', 'left'],
      ['join', 'skipped', 'left'],
    ]);
    expect(result.outputs).toEqual({ root: { from: 'root' }, right: { from: 'right' } });
  });

  test('serial with continue runs the next step after a failure unless it depends on it', async () => {
    const tool = controlledTool();
    const running = new Orchestrator({ tools: [tool.tool] }).run({
      strategy: 'serial',
      failurePolicy: 'continue',
      steps: [
        { id: 'a', tool: 'controlled' },
        { id: 'b', tool: 'controlled' },
        { id: 'c', tool: 'controlled', dependsOn: ['a'] },
      ],
    });
    await flush();
    tool.fail('a', new Error('a broke'));
    await flush();
    tool.release('b');
    const result = await running;
    expect(result.steps.map((step) => step.status)).toEqual(['error', 'ok', 'skipped']);
  });

  test('a step that exceeds timeoutMs is timed_out, its signal aborted, even if the tool never settles', async () => {
    const hangs = defineTool({ name: 'hangs', input: z.object({}), output: z.unknown(), run: () => new Promise(() => {}) });
    let signal: AbortSignal | undefined;
    const watcher = defineTool({
      name: 'watcher',
      input: z.object({}),
      output: z.unknown(),
      run: (_input, ctx) => {
        signal = ctx.signal;
        return new Promise(() => {});
      },
    });
    const result = await new Orchestrator({ tools: [hangs, watcher] }).run({
      failurePolicy: 'continue',
      steps: [
        { id: 'h', tool: 'hangs', timeoutMs: 5 },
        { id: 'w', tool: 'watcher', timeoutMs: 5 },
      ],
    });
    expect(result.steps[0]).toMatchObject({ status: 'timed_out', error: expect.any(StepTimeoutError) });
    expect(result.steps[0]?.error).toMatchObject({ timeoutMs: 5 });
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBeInstanceOf(StepTimeoutError);
    expect(result.outcome).toBe('error');
  });

  test('aborting the run cancels running and not-yet-started steps; run resolves with outcome cancelled', async () => {
    const tool = controlledTool();
    const controller = new AbortController();
    const running = new Orchestrator({ tools: [tool.tool] }).run({ steps: diamond }, { signal: controller.signal });
    await flush();
    controller.abort(new Error('user left'));
    const result = await running;
    expect(result.outcome).toBe('cancelled');
    expect(result.steps.map((step) => step.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(result.steps[0]?.startTime).not.toBeNull();
    expect(result.steps[1]?.startTime).toBeNull();
    expect(tool.signals.get('root')?.aborted).toBe(true);
  });

  test('a signal aborted before the run starts runs nothing', async () => {
    const tool = controlledTool();
    const result = await new Orchestrator({ tools: [tool.tool] }).run({ steps: diamond }, { signal: AbortSignal.abort() });
    expect(tool.calls).toEqual([]);
    expect(result.outcome).toBe('cancelled');
    expect(result.steps.every((step) => step.status === 'cancelled')).toBe(true);
  });

  test('invalid merged input fails the step with a typed error and never calls the tool', async () => {
    let called = false;
    const strict = defineTool({
      name: 'strict',
      input: z.object({ port: z.number() }),
      output: z.unknown(),
      run: () => {
        called = true;
        return 1;
      },
    });
    const source = defineTool({
      name: 'source',
      input: z.object({}),
      output: z.object({ port: z.string() }),
      run: () => ({ port: 'eighty' }),
    });
    const result = await new Orchestrator({ tools: [strict, source] }).run({
      steps: [
        { id: 'src', tool: 'source' },
        { id: 'use', tool: 'strict', dependsOn: ['src'], inputFrom: { port: 'src.port' } },
      ],
    });
    const error = result.steps[1]?.error as ToolInputValidationError;
    expect(error).toBeInstanceOf(ToolInputValidationError);
    expect(error.code).toBe('TOOL_INPUT_INVALID');
    expect(error.issues).toEqual([{ path: 'port', message: expect.stringContaining('expected number') }]);
    expect(error.message).toContain('Step "use"');
    expect(called).toBe(false);
  });

  test('an inputFrom path missing from the dependency output fails with InputMappingError', async () => {
    const source = defineTool({ name: 'source', input: z.object({}), output: z.object({}).passthrough(), run: () => ({}) });
    const sink = defineTool({ name: 'sink', input: z.object({ id: z.unknown() }), output: z.unknown(), run: () => 1 });
    const result = await new Orchestrator({ tools: [source, sink] }).run({
      steps: [
        { id: 'src', tool: 'source' },
        { id: 'use', tool: 'sink', dependsOn: ['src'], inputFrom: { id: 'src.ci.id' } },
      ],
    });
    expect(result.steps[1]?.error).toBeInstanceOf(InputMappingError);
    expect(result.steps[1]?.error?.message).toBe(
      'Step "use": inputFrom.id = "src.ci.id" found nothing in that step\'s output: it has no "ci" (its output is an empty object)',
    );
  });

  test('an InputMappingError lists the keys at the level where the path stopped (capped), and a close one', async () => {
    const wide = Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`field${String(index).padStart(2, '0')}`, index]));
    const source = defineTool({
      name: 'source',
      input: z.object({}),
      output: z.unknown(),
      run: () => ({ cl: { ident: 'x', name: 'n' }, items: [], wide }),
    });
    const sink = defineTool({ name: 'sink', input: z.object({ id: z.unknown() }), output: z.unknown(), run: () => 1 });
    const run = (path: string) =>
      new Orchestrator({ tools: [source, sink] }).run({
        steps: [
          { id: 'src', tool: 'source' },
          { id: 'use', tool: 'sink', dependsOn: ['src'], inputFrom: { id: path } },
        ],
      });
    const nested = (await run('src.cl.id')).steps[1]?.error as InputMappingError;
    expect(nested).toBeInstanceOf(InputMappingError);
    expect(nested.message).toContain('"src.cl" has no "id"; its keys: ident, name');
    expect(nested.availableKeys).toEqual(['ident', 'name']);
    const top = (await run('src.ci.id')).steps[1]?.error as InputMappingError;
    expect(top.message).toContain('it has no "ci"; its keys: cl, items, wide; did you mean "cl"?');
    const many = (await run('src.wide.nope')).steps[1]?.error as InputMappingError;
    expect(many.message).toMatch(/its keys: field00, field01, .*field19, … \(30 in all\)/);
    expect(many.availableKeys).toHaveLength(30);
    const index = (await run('src.items[3]')).steps[1]?.error as InputMappingError;
    expect(index.message).toContain('"src.items" has no [3] (it is an array of 0 items)');
  });

  test('an output that breaks the output schema fails the step with ToolOutputValidationError', async () => {
    const liar = defineTool({
      name: 'liar',
      input: z.object({}),
      output: z.object({ count: z.number() }),
      run: () => ({ count: 'many' }) as never,
    });
    const result = await new Orchestrator({ tools: [liar] }).run({ steps: [{ id: 'l', tool: 'liar' }] });
    expect(result.steps[0]?.error).toBeInstanceOf(ToolOutputValidationError);
    expect(result.steps[0]?.error).toMatchObject({ issues: [expect.objectContaining({ path: 'count' })] });
  });

  test('synchronous throws and non-Error throws become step errors; run never rejects', async () => {
    const sync = defineTool({
      name: 'sync',
      input: z.object({}),
      output: z.unknown(),
      run: () => {
        throw new RangeError('sync');
      },
    });
    const weird = defineTool({ name: 'weird', input: z.object({}), output: z.unknown(), run: () => Promise.reject({ code: 42 }) });
    const result = await new Orchestrator({ tools: [sync, weird] }).run({
      failurePolicy: 'continue',
      steps: [
        { id: 's', tool: 'sync' },
        { id: 'w', tool: 'weird' },
      ],
    });
    expect(result.steps[0]?.error).toBeInstanceOf(RangeError);
    expect(result.steps[1]?.error?.message).toBe('non-Error thrown: {"code":42}');
  });

  test('a bad run-level maxConcurrency is a TypeError before anything runs', async () => {
    const tool = controlledTool();
    await expect(
      new Orchestrator({ tools: [tool.tool] }).run({ steps: [{ id: 'a', tool: 'controlled' }] }, { maxConcurrency: 0 }),
    ).rejects.toThrow(TypeError);
    expect(tool.calls).toEqual([]);
  });
});

describe('long dependency chains', () => {
  test.each(['continue', 'fail-fast'] as const)(
    'a failure at the head of a 20,000-step chain skips the rest without exhausting the stack (%s)',
    async (failurePolicy) => {
      const step = defineTool({
        name: 'step',
        input: z.object({ n: z.number() }),
        output: z.number(),
        run: ({ n }) => {
          if (n === 0) throw new Error('head failed');
          return n;
        },
      });
      const steps = Array.from({ length: 20_000 }, (_, n) => ({
        id: `s${n}`,
        tool: 'step',
        input: { n },
        ...(n > 0 ? { dependsOn: [`s${n - 1}`] } : {}),
      }));
      const result = await new Orchestrator({ tools: [step] }).run({ failurePolicy, steps });
      expect(result.steps[0]?.status).toBe('error');
      expect(result.steps.slice(1).every((outcome) => outcome.status === 'skipped' && outcome.blockedBy === 's0')).toBe(true);
    },
  );
});

describe('schemas that throw or are async', () => {
  test('an output refinement that throws fails the step instead of hanging the run', async () => {
    const fragile = defineTool({
      name: 'fragile',
      input: z.object({}),
      output: z.object({ n: z.number() }).refine(() => {
        throw new Error('refinement blew up');
      }),
      run: () => ({ n: 1 }),
    });
    const result = await new Orchestrator({ tools: [fragile] }).run({ steps: [{ id: 'f', tool: 'fragile' }] });
    expect(result.steps[0]).toMatchObject({ status: 'error', error: expect.objectContaining({ message: 'refinement blew up' }) });
  });

  test('async refinements are awaited: passing input runs the tool, failing input is a ToolInputValidationError', async () => {
    const seen: string[] = [];
    const lookup = defineTool({
      name: 'lookup',
      input: z.object({ host: z.string().refine(async (host) => host !== 'forbidden', 'host is not allowed') }),
      output: z.object({ host: z.string() }).refine(async () => true),
      run: ({ host }) => {
        seen.push(host);
        return { host };
      },
    });
    const orchestrator = new Orchestrator({ tools: [lookup] });
    const ok = await orchestrator.run({ steps: [{ id: 'a', tool: 'lookup', input: { host: 'web-01' } }] });
    expect(ok.outputs).toEqual({ a: { host: 'web-01' } });
    const bad = await orchestrator.run({ steps: [{ id: 'b', tool: 'lookup', input: { host: 'forbidden' } }] });
    expect(bad.steps[0]?.error).toBeInstanceOf(ToolInputValidationError);
    expect(bad.steps[0]?.error).toMatchObject({ issues: [{ path: 'host', message: 'host is not allowed' }] });
    expect(seen).toEqual(['web-01']);
  });

  test('a step whose async input validation outlives its timeout is timed_out and its tool never runs', async () => {
    let ran = false;
    const slowCheck = defineTool({
      name: 'slowCheck',
      input: z.object({}).refine(() => new Promise<boolean>(() => {})),
      output: z.unknown(),
      run: () => {
        ran = true;
        return 1;
      },
    });
    const result = await new Orchestrator({ tools: [slowCheck] }).run({ steps: [{ id: 's', tool: 'slowCheck', timeoutMs: 5 }] });
    expect(result.steps[0]?.status).toBe('timed_out');
    expect(ran).toBe(false);
  });
});

describe('policy details', () => {
  test('a timed-out step triggers fail-fast like an error', async () => {
    const tool = controlledTool();
    const result = await new Orchestrator({ tools: [tool.tool] }).run({
      maxConcurrency: 1,
      steps: [
        { id: 'slow', tool: 'controlled', timeoutMs: 5 },
        { id: 'next', tool: 'controlled' },
      ],
    });
    expect(result.steps.map((step) => [step.status, step.skipReason, step.blockedBy])).toEqual([
      ['timed_out', undefined, undefined],
      ['skipped', 'fail_fast', 'slow'],
    ]);
    expect(tool.calls).toEqual(['slow']);
  });

  test('the run signal listener is removed when the run ends', async () => {
    const controller = new AbortController();
    let listeners = 0;
    const add = controller.signal.addEventListener.bind(controller.signal);
    const remove = controller.signal.removeEventListener.bind(controller.signal);
    controller.signal.addEventListener = ((...args: Parameters<typeof add>) => {
      listeners++;
      add(...args);
    }) as typeof add;
    controller.signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
      listeners--;
      remove(...args);
    }) as typeof remove;
    const quick = defineTool({ name: 'quick', input: z.object({}), output: z.unknown(), run: () => 1 });
    await new Orchestrator({ tools: [quick] }).run({ steps: [{ id: 'q', tool: 'quick' }] }, { signal: controller.signal });
    expect(listeners).toBe(0);
  });
});
