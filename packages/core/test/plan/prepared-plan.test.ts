import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import {
  ATTR_CRITICAL_PATH_MS,
  ATTR_EXECUTION_PLAN,
  ATTR_PLAN_TOTAL_STEPS,
  defineTool,
  EVENT_EXECUTION_PLAN,
  InvalidArgumentError,
  Orchestrator,
  type PlanInput,
  PlanValidationError,
  PreparedPlan,
  type RunResult,
  type ValidatedStep,
} from '../../src/index.js';
import { tracing } from '../support.js';

const echo = defineTool({
  name: 'echo',
  input: z.object({ text: z.string(), tags: z.array(z.string()).default([]), extra: z.unknown().optional() }),
  output: z.object({ text: z.string(), tags: z.array(z.string()), extra: z.unknown().optional() }),
  run: (input) => input,
});

function plan(): PlanInput {
  return {
    strategy: 'dag',
    steps: [
      { id: 'a', tool: 'echo', input: { text: 'hello', tags: ['x'], extra: { nested: { n: 1 } } } },
      { id: 'b', tool: 'echo', dependsOn: ['a'], inputFrom: { text: 'a.text' } },
    ],
  };
}

/** A result without its times, which differ from run to run. */
function timeless(result: RunResult) {
  return {
    ...result,
    startTime: 0,
    endTime: 0,
    durationMs: 0,
    traceId: null,
    criticalPath: result.criticalPath?.stepIds,
    steps: result.steps.map((step) => ({ ...step, startTime: 0, endTime: 0, durationMs: 0 })),
  };
}

describe('Orchestrator.prepare', () => {
  test('running a prepared plan gives the same result as running its input', async () => {
    const orchestrator = new Orchestrator({ tools: [echo] });
    const prepared = orchestrator.prepare(plan());
    expect(prepared).toBeInstanceOf(PreparedPlan);
    const direct = await orchestrator.run(plan());
    const first = await orchestrator.run(prepared);
    const second = await orchestrator.run(prepared);
    expect(timeless(first)).toEqual(timeless(direct));
    expect(timeless(second)).toEqual(timeless(direct));
    expect(first.outputs).toEqual({ a: { text: 'hello', tags: ['x'], extra: { nested: { n: 1 } } }, b: { text: 'hello', tags: [] } });
  });

  test('changing the input after prepare changes nothing: not the steps, their input, nor their dependencies', async () => {
    const orchestrator = new Orchestrator({ tools: [echo] });
    const nested = { n: 1 };
    const tags = ['x'];
    const staticInput: Record<string, unknown> = { text: 'hello', tags, extra: { nested } };
    const second = { id: 'b', tool: 'echo', dependsOn: ['a'], inputFrom: { text: 'a.text' } };
    const input: PlanInput = { strategy: 'dag', steps: [{ id: 'a', tool: 'echo', input: staticInput }, second] };
    const prepared = orchestrator.prepare(input);
    staticInput.text = 42;
    tags.push('y');
    nested.n = 2;
    second.tool = 'ghost';
    second.dependsOn.pop();
    input.steps.push({ id: 'c', tool: 'ghost' });
    input.strategy = 'serial';

    const result = await orchestrator.run(prepared);
    expect(result.outcome).toBe('ok');
    expect(result.strategy).toBe('dag');
    expect(result.steps.map((step) => [step.id, step.tool, step.dependsOn])).toEqual([
      ['a', 'echo', []],
      ['b', 'echo', ['a']],
    ]);
    expect(result.outputs.a).toEqual({ text: 'hello', tags: ['x'], extra: { nested: { n: 1 } } });
    // The same input now fails validation: prepare checked the plan as it was.
    await expect(orchestrator.run(input)).rejects.toBeInstanceOf(PlanValidationError);
  });

  test('a prepared plan cannot be changed, and neither can its validated steps', () => {
    const prepared = new Orchestrator({ tools: [echo] }).prepare(plan());
    const step = prepared.plan.steps[0] as ValidatedStep;
    expect(Object.isFrozen(prepared)).toBe(true);
    expect(Object.isFrozen(prepared.plan)).toBe(true);
    expect(Object.isFrozen(prepared.plan.steps)).toBe(true);
    expect(Object.isFrozen(step)).toBe(true);
    expect(Object.isFrozen(step.input)).toBe(true);
    expect(Object.isFrozen((step.input.extra as { nested: object }).nested)).toBe(true);
    expect(() => prepared.plan.steps.push(prepared.plan.steps[1] as never)).toThrow(TypeError);
    expect(() => {
      (step as { tool: string }).tool = 'ghost';
    }).toThrow(TypeError);
  });

  test('results of a prepared plan own their arrays: changing one run result leaves the next run alone', async () => {
    const orchestrator = new Orchestrator({ tools: [echo] });
    const prepared = orchestrator.prepare(plan());
    const first = await orchestrator.run(prepared);
    first.steps[1]?.dependsOn.push('zzz');
    const second = await orchestrator.run(prepared);
    expect(second.steps[1]?.dependsOn).toEqual(['a']);
  });

  test('a plan prepared by another orchestrator is rejected with InvalidArgumentError naming "plan", and nothing runs', async () => {
    const calls: string[] = [];
    const counted = defineTool({
      ...echo,
      run: (input) => {
        calls.push(input.text);
        return input;
      },
    });
    const other = new Orchestrator({ tools: [echo] });
    const { provider, spans } = tracing();
    const orchestrator = new Orchestrator({ tools: [counted], tracerProvider: provider });
    const foreign = other.prepare(plan());
    const rejection = await orchestrator.run(foreign).catch((error: unknown) => error);
    expect(rejection).toBeInstanceOf(InvalidArgumentError);
    expect((rejection as InvalidArgumentError).argument).toBe('plan');
    expect(calls).toEqual([]);
    expect(spans()).toEqual([]);
  });

  test('prepare throws PlanValidationError for a plan run() would reject', () => {
    const orchestrator = new Orchestrator({ tools: [echo] });
    expect(() => orchestrator.prepare({ steps: [{ id: 'a', tool: 'ghost' }] })).toThrow(PlanValidationError);
  });

  test('a prepared run emits the same spans as a run of the input, execution plan included', async () => {
    const { provider, spans, exporter } = tracing();
    const orchestrator = new Orchestrator({ tools: [echo], tracerProvider: provider });
    // Only durations differ; the measured critical path's is one of them.
    const shapes = () =>
      spans().map((span) => {
        const { [ATTR_CRITICAL_PATH_MS]: _duration, ...attributes } = span.attributes;
        return [span.name, attributes, span.events.map((event) => [event.name, event.attributes])];
      });
    await orchestrator.run(plan());
    const direct = shapes();
    exporter.reset();
    await orchestrator.run(orchestrator.prepare(plan()));
    expect(shapes()).toEqual(direct);
    expect(direct.length).toBe(5);
  });

  test('each run of a prepared plan records the execution plan of its own maxConcurrency', async () => {
    const { provider, spans, exporter } = tracing();
    const orchestrator = new Orchestrator({ tools: [echo], tracerProvider: provider });
    const prepared = orchestrator.prepare(plan());
    const recorded = async (options: { maxConcurrency?: number }) => {
      exporter.reset();
      await orchestrator.run(prepared, options);
      const orchestrate = spans().find((span) => span.attributes[ATTR_PLAN_TOTAL_STEPS] !== undefined);
      const event = orchestrate?.events.find((candidate) => candidate.name === EVENT_EXECUTION_PLAN);
      return JSON.parse(String(event?.attributes?.[ATTR_EXECUTION_PLAN])) as { maxConcurrency: number | null };
    };
    expect((await recorded({})).maxConcurrency).toBeNull();
    expect((await recorded({ maxConcurrency: 1 })).maxConcurrency).toBe(1);
    expect((await recorded({})).maxConcurrency).toBeNull();
    expect(await recorded({ maxConcurrency: 1 })).toEqual(orchestrator.explain({ ...plan(), maxConcurrency: 1 }));
  });

  test('a tool gets an input it may change, whatever its schema, and the prepared plan stays as it was', async () => {
    const seen: unknown[] = [];
    const changeIt = (input: Record<string, unknown>) => {
      seen.push({ ...input });
      input.text = 'changed';
      return { text: 'done', tags: [] };
    };
    const loose = defineTool({ name: 'loose', input: z.any(), output: echo.output, run: changeIt });
    const strict = defineTool({ name: 'strict', input: z.object({ text: z.string() }), output: echo.output, run: changeIt });
    const orchestrator = new Orchestrator({ tools: [loose, strict] });
    const prepared = orchestrator.prepare({
      steps: [
        { id: 'l', tool: 'loose', input: { text: 'hello' } },
        { id: 's', tool: 'strict', input: { text: 'hello' } },
      ],
    });
    for (let run = 0; run < 2; run++) {
      const result = await orchestrator.run(prepared);
      expect(result.steps.map((step) => [step.id, step.status])).toEqual([
        ['l', 'ok'],
        ['s', 'ok'],
      ]);
    }
    expect(seen).toEqual([{ text: 'hello' }, { text: 'hello' }, { text: 'hello' }, { text: 'hello' }]);
    expect(prepared.plan.steps.map((step) => step.input)).toEqual([{ text: 'hello' }, { text: 'hello' }]);
  });
});
