import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { defineTool, Orchestrator, Pipeline } from '../../src/index.js';

const add = defineTool({ name: 'add', input: z.object({ a: z.number(), b: z.number() }), output: z.number(), run: ({ a, b }) => a + b });
const plan = {
  steps: [
    { id: 'x', tool: 'add', input: { a: 1, b: 2 } },
    { id: 'y', tool: 'add', dependsOn: ['x'], input: { b: 10 }, inputFrom: { a: 'x' } },
  ],
};

function throwing(where: 'onStart' | 'onEnd'): SpanProcessor {
  const boom = () => {
    throw new Error(`processor ${where} exploded`);
  };
  return {
    onStart: where === 'onStart' ? boom : () => {},
    onEnd: where === 'onEnd' ? boom : () => {},
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
}

describe('telemetry never fails an orchestration', () => {
  afterEach(() => trace.disable());

  test.each(['onStart', 'onEnd'] as const)('a span processor that throws in %s does not change the results', async (where) => {
    const provider = new BasicTracerProvider({ spanProcessors: [throwing(where)] });
    const result = await new Orchestrator({ tools: [add], tracerProvider: provider }).run(plan);
    expect(result.outcome).toBe('ok');
    expect(result.outputs).toEqual({ x: 3, y: 13 });
    const staged = await new Pipeline('p', { tracerProvider: provider }).stage('s', () => 'done').run(undefined);
    expect(staged).toBe('done');
  });

  test('a tracer provider whose getTracer throws: the run still runs, untraced', async () => {
    const broken = {
      getTracer: () => {
        throw new Error('no tracer');
      },
    };
    const result = await new Orchestrator({ tools: [add], tracerProvider: broken }).run(plan);
    expect(result.outputs).toEqual({ x: 3, y: 13 });
    expect(await new Pipeline('p', { tracerProvider: broken }).stage('s', () => 'ok').run(undefined)).toBe('ok');
  });

  test("an explicit provider's tracer is got once, when the orchestrator is made, and serves every run", async () => {
    const sdk = new BasicTracerProvider();
    const asked: string[] = [];
    const counting = {
      getTracer: (name: string, version?: string) => {
        asked.push(`${name}@${version}`);
        return sdk.getTracer(name, version);
      },
    };
    const orchestrator = new Orchestrator({ tools: [add], tracerProvider: counting });
    expect(asked).toEqual([expect.stringMatching(/^@tooltrace\/core@/)]);
    const first = await orchestrator.run(plan);
    const second = await orchestrator.run(plan);
    expect(asked).toHaveLength(1);
    expect(first.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(second.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(second.traceId).not.toBe(first.traceId);
  });

  test('a getTracer that throws when the orchestrator is made is asked again at each run, and the run goes on untraced', async () => {
    let calls = 0;
    const broken = {
      getTracer: () => {
        calls++;
        throw new Error('no tracer');
      },
    };
    const orchestrator = new Orchestrator({ tools: [add], tracerProvider: broken });
    const result = await orchestrator.run(plan);
    expect(result.outputs).toEqual({ x: 3, y: 13 });
    expect(result.traceId).toBeNull();
    expect(calls).toBe(2);
  });

  test('with no SDK registered, runs work and report no trace id', async () => {
    const result = await new Orchestrator({ tools: [add] }).run(plan);
    expect(result.outputs).toEqual({ x: 3, y: 13 });
    expect(result.traceId).toBeNull();
  });

  test('the global provider is looked up at run time, not at construction', async () => {
    const orchestrator = new Orchestrator({ tools: [add] });
    const seen: string[] = [];
    const provider = new BasicTracerProvider({
      spanProcessors: [{ onStart: (span) => seen.push(span.name), onEnd: () => {}, forceFlush: async () => {}, shutdown: async () => {} }],
    });
    trace.setGlobalTracerProvider(provider);
    const result = await orchestrator.run(plan);
    // Started before validation, the span is named `orchestrate` until the strategy is known.
    expect(seen[0]).toBe('orchestrate');
    expect(result.traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('user code cannot end tooltrace spans', () => {
  test('ctx.span.end() in a tool or a stage is ignored; each span still ends exactly once, at the right time', async () => {
    const { tracing, unendedOrTwice, stepSpans } = await import('../support.js');
    const otel = tracing();
    let exportedWhileRunning: boolean | undefined;
    const rude = defineTool({
      name: 'rude',
      input: z.object({}),
      output: z.unknown(),
      run: async (_input, ctx) => {
        ctx.span.end();
        ctx.span.addEvent('still recording');
        await Promise.resolve();
        exportedWhileRunning = otel.spans().some((span) => span.name.startsWith('execute_tool'));
        return 1;
      },
    });
    const orchestrator = new Orchestrator({ tools: [rude], tracerProvider: otel.provider });
    await new Pipeline('p', { tracerProvider: otel.provider })
      .stage('s', (_input, ctx) => {
        ctx.span.end();
        return orchestrator.run({ steps: [{ id: 'r', tool: 'rude' }] });
      })
      .run(undefined);
    expect(unendedOrTwice(otel.endCalls, otel.started)).toEqual([]);
    const span = stepSpans(otel.spans()).get('r');
    expect(span?.events.map((event) => event.name)).toEqual(['still recording']);
    expect(exportedWhileRunning).toBe(false);
  });
});

describe('runs that do not record', () => {
  test('sampled out: no span is started below orchestrate, results are intact, ctx.span is usable', async () => {
    const { AlwaysOffSampler } = await import('@opentelemetry/sdk-trace-base');
    const started: string[] = [];
    const provider = new BasicTracerProvider({
      sampler: new AlwaysOffSampler(),
      spanProcessors: [
        { onStart: (span) => started.push(span.name), onEnd: () => {}, forceFlush: async () => {}, shutdown: async () => {} },
      ],
    });
    const seen: boolean[] = [];
    const probe = defineTool({
      name: 'probe',
      input: z.object({}),
      output: z.boolean(),
      run: (_input, ctx) => {
        ctx.span.addEvent('ignored');
        ctx.span.end();
        seen.push(ctx.span.isRecording(), ctx.signal.aborted);
        return true;
      },
    });
    const result = await new Orchestrator({ tools: [probe], tracerProvider: provider }).run({
      steps: [
        { id: 'a', tool: 'probe' },
        { id: 'b', tool: 'probe', dependsOn: ['a'] },
      ],
    });
    expect(result.outputs).toEqual({ a: true, b: true });
    expect(result.steps.map((step) => [step.groupIndex, step.executionOrder])).toEqual([
      [0, 0],
      [1, 0],
    ]);
    expect(started).toEqual([]);
    expect(seen).toEqual([false, false, false, false]);
    // Sampled out is not "no trace": the SDK still made a trace id, which propagates downstream.
    expect(result.traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});
