import { SpanStatusCode, type Tracer, type TracerProvider } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type Sampler,
  SamplingDecision,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import * as tt from '../../src/index.js';
import { defineTool, Orchestrator, StepCancelledError } from '../../src/index.js';
import { controlledTool, flush, stepSpans, tracing, unendedOrTwice } from '../support.js';

// Faults found in review: each used to hang a run or mislabel a step.
describe('faults never hang a run', () => {
  test('a dependency output whose getter throws fails the dependent step; the run resolves and every span ends', async () => {
    const otel = tracing();
    const orm = defineTool({
      name: 'orm',
      input: z.object({}),
      output: z.unknown(),
      run: () => ({
        get ci(): unknown {
          throw new Error('lazy relation not loaded');
        },
      }),
    });
    const use = defineTool({ name: 'use', input: z.object({ ci: z.unknown() }), output: z.unknown(), run: () => 1 });
    const result = await new Orchestrator({ tools: [orm, use], tracerProvider: otel.provider }).run({
      steps: [
        { id: 'a', tool: 'orm' },
        { id: 'b', tool: 'use', dependsOn: ['a'], inputFrom: { ci: 'a.ci' } },
      ],
    });
    expect(result.steps.map((step) => [step.id, step.status, step.error?.message])).toEqual([
      ['a', 'ok', undefined],
      ['b', 'error', 'lazy relation not loaded'],
    ]);
    expect(unendedOrTwice(otel.endCalls, otel.started)).toEqual([]);
  });

  test('a thrown value that cannot even be printed becomes an Error', async () => {
    const odd = defineTool({
      name: 'odd',
      input: z.object({}),
      output: z.unknown(),
      run: () => Promise.reject(Object.assign(Object.create(null), { used: 10n })),
    });
    const result = await new Orchestrator({ tools: [odd] }).run({ steps: [{ id: 'o', tool: 'odd' }] });
    expect(result.steps[0]?.status).toBe('error');
    expect(result.steps[0]?.error?.message).toBe('non-Error thrown: [object Object]');
  });

  /** A value whose every proxy trap throws: instanceof, typeof-guarded reads, JSON and String all fail on it. */
  const hostileValue = () =>
    new Proxy(
      {},
      new Proxy(
        {},
        {
          get() {
            throw new Error('trap');
          },
        },
      ),
    );
  /** An Error whose property reads throw (instanceof Error holds). */
  const hostileError = () =>
    new Proxy(new Error('hidden'), {
      get() {
        throw new Error('trap');
      },
    });

  test.each([
    ['rejects with', (value: unknown) => () => Promise.reject(value)],
    [
      'throws',
      (value: unknown) => () => {
        throw value;
      },
    ],
  ])('a tool that %s a value whose proxy traps throw fails its step; run() settles and every span ends', async (_how, make) => {
    for (const value of [hostileValue(), hostileError()]) {
      const otel = tracing();
      const bad = defineTool({ name: 'bad', input: z.object({}), output: z.unknown(), run: make(value) });
      const ok = defineTool({ name: 'ok', input: z.object({}), output: z.unknown(), run: () => 1 });
      const result = await new Orchestrator({ tools: [bad, ok], tracerProvider: otel.provider }).run({
        failurePolicy: 'continue',
        steps: [
          { id: 'a', tool: 'bad' },
          { id: 'b', tool: 'ok', dependsOn: ['a'] },
          { id: 'c', tool: 'ok' },
        ],
      });
      expect(result.steps.map((step) => step.status)).toEqual(['error', 'skipped', 'ok']);
      expect(result.steps[0]?.error).toBeInstanceOf(Error);
      expect(result.steps[0]?.error?.message).toMatch(/unprintable|unreadable/);
      expect(unendedOrTwice(otel.endCalls, otel.started)).toEqual([]);
    }
  });

  test('an input schema refinement that throws a hostile value fails the step; run() settles', async () => {
    const otel = tracing();
    const refined = defineTool({
      name: 'refined',
      input: z.object({ n: z.number() }).refine(() => {
        throw hostileValue();
      }),
      output: z.unknown(),
      run: () => 1,
    });
    const result = await new Orchestrator({ tools: [refined], tracerProvider: otel.provider }).run({
      steps: [{ id: 'r', tool: 'refined', input: { n: 1 } }],
    });
    expect(result.steps[0]?.status).toBe('error');
    expect(unendedOrTwice(otel.endCalls, otel.started)).toEqual([]);
  });

  test('a stage that throws a hostile value rejects the pipeline run with it; every span ends', async () => {
    const otel = tracing();
    const thrown = hostileValue();
    const running = new tt.Pipeline('p', { tracerProvider: otel.provider })
      .stage('a', () => {
        throw thrown;
      })
      .run(undefined);
    await expect(running).rejects.toBe(thrown);
    expect(unendedOrTwice(otel.endCalls, otel.started)).toEqual([]);
  });

  test('spans whose isRecording() and spanContext() throw cannot stop a run', async () => {
    const hostile = new Proxy(
      {},
      {
        get: (_target, key) => {
          if (key === 'isRecording' || key === 'spanContext')
            return () => {
              throw new Error(`${String(key)} exploded`);
            };
          return () => undefined;
        },
      },
    );
    const provider: TracerProvider = {
      getTracer: () => ({ startSpan: () => hostile, startActiveSpan: (() => undefined) as Tracer['startActiveSpan'] }) as unknown as Tracer,
    };
    const add = defineTool({ name: 'add', input: z.object({ n: z.number() }), output: z.number(), run: ({ n }) => n + 1 });
    const result = await new Orchestrator({ tools: [add], tracerProvider: provider, recordIO: true }).run({
      steps: [
        { id: 'a', tool: 'add', input: { n: 1 } },
        { id: 'b', tool: 'add', dependsOn: ['a'], inputFrom: { n: 'a' } },
      ],
    });
    expect(result.outputs).toEqual({ a: 2, b: 3 });
  });
});

describe('who is blamed', () => {
  test('under fail-fast, a step whose only failed dependency was cancelled is skipped fail_fast, blamed on the failure', async () => {
    const tool = controlledTool();
    const running = new Orchestrator({ tools: [tool.tool] }).run({
      steps: [
        { id: 'a', tool: 'controlled' },
        { id: 'b', tool: 'controlled' },
        { id: 'c', tool: 'controlled', dependsOn: ['b'] },
      ],
    });
    await flush();
    tool.fail('a', new Error('a broke'));
    const result = await running;
    expect(result.steps.map((step) => [step.id, step.status, step.skipReason, step.blockedBy])).toEqual([
      ['a', 'error', undefined, undefined],
      ['b', 'cancelled', undefined, undefined],
      ['c', 'skipped', 'fail_fast', 'a'],
    ]);
    expect(result.steps[1]?.error?.cause).toBeInstanceOf(Error);
    expect(result.steps[1]?.error?.cause).toMatchObject({ message: 'a broke' });
  });

  test('a cancelled step carries the run signal reason as its cause', async () => {
    const tool = controlledTool();
    const controller = new AbortController();
    const running = new Orchestrator({ tools: [tool.tool] }).run(
      { steps: [{ id: 'a', tool: 'controlled' }] },
      { signal: controller.signal },
    );
    await flush();
    const reason = new Error('user left');
    controller.abort(reason);
    const result = await running;
    expect(result.steps[0]?.error).toBeInstanceOf(StepCancelledError);
    expect(result.steps[0]?.error?.cause).toBe(reason);
  });

  test('a failure followed by an abort: outcome cancelled, but the orchestrate span is still ERROR', async () => {
    const otel = tracing();
    const tool = controlledTool();
    const controller = new AbortController();
    const running = new Orchestrator({ tools: [tool.tool], tracerProvider: otel.provider }).run(
      {
        failurePolicy: 'continue',
        steps: [
          { id: 'a', tool: 'controlled' },
          { id: 'b', tool: 'controlled' },
        ],
      },
      { signal: controller.signal },
    );
    await flush();
    tool.fail('a', new Error('a broke'));
    await flush();
    controller.abort();
    const result = await running;
    expect(result.outcome).toBe('cancelled');
    const orchestrate = otel.spans().find((span) => span.name === 'orchestrate parallel');
    expect(orchestrate?.attributes[tt.ATTR_OUTCOME]).toBe('cancelled');
    expect(orchestrate?.status).toEqual({ code: SpanStatusCode.ERROR, message: '1 of 2 steps failed: a' });
  });

  test('error.type names an Error subclass that keeps the default name', async () => {
    class DbTimeout extends Error {}
    const otel = tracing();
    const db = defineTool({ name: 'db', input: z.object({}), output: z.unknown(), run: () => Promise.reject(new DbTimeout('slow')) });
    await new Orchestrator({ tools: [db], tracerProvider: otel.provider }).run({ steps: [{ id: 'd', tool: 'db' }] });
    expect(stepSpans(otel.spans()).get('d')?.attributes[tt.ATTR_ERROR_TYPE]).toBe('DbTimeout');
  });
});

describe('sampling', () => {
  test('a sampler that drops only the orchestrate span still gets to sample every step span', async () => {
    const dropOrchestrate: Sampler = {
      shouldSample: (_context, _traceId, name) => ({
        decision: name.startsWith('orchestrate') ? SamplingDecision.NOT_RECORD : SamplingDecision.RECORD_AND_SAMPLED,
      }),
      toString: () => 'drop-orchestrate',
    };
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ sampler: dropOrchestrate, spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const quick = defineTool({ name: 'quick', input: z.object({}), output: z.unknown(), run: () => 1 });
    await new Orchestrator({ tools: [quick], tracerProvider: provider }).run({ steps: [{ id: 'q', tool: 'quick' }] });
    expect(
      exporter
        .getFinishedSpans()
        .map((span) => span.name)
        .sort(),
    ).toEqual(['execute_tool quick', 'group 0']);
  });
});
