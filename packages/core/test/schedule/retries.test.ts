import { SpanStatusCode, trace } from '@opentelemetry/api';
import { BasicTracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import * as tt from '../../src/index.js';
import { defineTool, NonRetryableError, Orchestrator, StepCancelledError, StepTimeoutError } from '../../src/index.js';
import { controlledTool, deferred, flush, hrToMs, stepSpans, tracing, unendedOrTwice } from '../support.js';

// Backoff waits run on a fake clock: setTimeout and the run's clock (performance, Date) are faked,
// setImmediate is not, so flush() still lets promise callbacks run.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A tool that throws on its first `failures` calls, then answers; each call makes a span of its own (an "HTTP call"). */
function flakyTool(failures: number, name = 'flaky') {
  const calls: { attempt: number; signal: AbortSignal }[] = [];
  const tool = defineTool({
    name,
    input: z.object({}).passthrough(),
    output: z.object({ answer: z.number() }),
    run: async (_input, ctx) => {
      calls.push({ attempt: ctx.attempt, signal: ctx.signal });
      trace.getTracer('http-client').startSpan(`GET /try-${calls.length}`).end();
      await Promise.resolve();
      if (calls.length <= failures) throw new Error(`503 Service Unavailable (call ${calls.length})`);
      return { answer: 42 };
    },
  });
  return { tool, calls };
}

const attemptSpans = (spans: readonly ReadableSpan[], parent: ReadableSpan | undefined): ReadableSpan[] =>
  spans
    .filter((span) => span.name.startsWith(`${tt.SPAN_NAME_ATTEMPT} `) && span.parentSpanContext?.spanId === parent?.spanContext().spanId)
    .sort((a, b) => (a.attributes[tt.ATTR_ATTEMPT_NUMBER] as number) - (b.attributes[tt.ATTR_ATTEMPT_NUMBER] as number));

describe('retries', () => {
  test("a step's failed tries go to its own attemptErrors; results with none share one frozen empty list", async () => {
    const flaky = flakyTool(1);
    const steady = flakyTool(0, 'steady');
    const running = new Orchestrator({ tools: [flaky.tool, steady.tool] }).run({
      steps: [
        { id: 'retried', tool: 'flaky', retry: { attempts: 2, backoffMs: 10 } },
        { id: 'first', tool: 'steady' },
        { id: 'second', tool: 'steady' },
      ],
    });
    await vi.advanceTimersByTimeAsync(100);
    const [retried, first, second] = (await running).steps;
    expect(retried?.attemptErrors.map(({ attempt }) => attempt)).toEqual([1]);
    expect(Object.isFrozen(retried?.attemptErrors)).toBe(false);
    expect(first?.attemptErrors).toEqual([]);
    expect(first?.attemptErrors).toBe(second?.attemptErrors);
    expect(Object.isFrozen(first?.attemptErrors)).toBe(true);
    expect(first?.attemptErrors).not.toBe(retried?.attemptErrors);
  });

  test('a tool failing twice then succeeding under attempts 3: ok, three calls, every failed attempt in the trace', async () => {
    const otel = tracing();
    trace.setGlobalTracerProvider(otel.provider);
    const flaky = flakyTool(2);
    const running = new Orchestrator({ tools: [flaky.tool], tracerProvider: otel.provider }).run({
      steps: [{ id: 'fetch', tool: 'flaky', retry: { attempts: 3, backoffMs: 100 } }],
    });
    await vi.advanceTimersByTimeAsync(1000);
    const result = await running;
    trace.disable();

    const [step] = result.steps;
    expect(result.outcome).toBe('ok');
    expect(step).toMatchObject({ status: 'ok', attempts: 3, output: { answer: 42 } });
    expect(step?.error).toBeUndefined();
    expect(flaky.calls.map((call) => call.attempt)).toEqual([1, 2, 3]);
    expect(step?.attemptErrors.map(({ attempt, error }) => [attempt, error.message])).toEqual([
      [1, '503 Service Unavailable (call 1)'],
      [2, '503 Service Unavailable (call 2)'],
    ]);

    const spans = otel.spans();
    const stepSpan = stepSpans(spans).get('fetch');
    expect(spans.filter((span) => span.name.startsWith('execute_tool'))).toHaveLength(1);
    expect(stepSpan?.attributes).toMatchObject({ [tt.ATTR_STEP_ATTEMPTS]: 3, [tt.ATTR_STEP_MAX_ATTEMPTS]: 3, [tt.ATTR_STEP_STATUS]: 'ok' });
    expect(stepSpan?.status.code).toBe(SpanStatusCode.UNSET);
    const attempts = attemptSpans(spans, stepSpan);
    expect(attempts.map((span) => [span.name, span.attributes[tt.ATTR_ATTEMPT_STATUS], span.status.code])).toEqual([
      ['attempt 1', 'error', SpanStatusCode.ERROR],
      ['attempt 2', 'error', SpanStatusCode.ERROR],
      ['attempt 3', 'ok', SpanStatusCode.UNSET],
    ]);
    expect(attempts.map((span) => span.events.find((event) => event.name === 'exception')?.attributes?.['exception.message'])).toEqual([
      '503 Service Unavailable (call 1)',
      '503 Service Unavailable (call 2)',
      undefined,
    ]);
    expect(attempts.map((span) => span.attributes[tt.ATTR_ERROR_TYPE])).toEqual(['Error', 'Error', undefined]);
    expect(attempts.map((span) => span.attributes[tt.ATTR_ATTEMPT_BACKOFF_MS])).toEqual([undefined, 100, 200]);
    // The tool's own span of each call nests under the attempt that made it.
    for (const [index, attempt] of attempts.entries()) {
      const own = spans.find((span) => span.name === `GET /try-${index + 1}`);
      expect(own?.parentSpanContext?.spanId).toBe(attempt.spanContext().spanId);
    }
    // The step span covers every attempt and wait.
    expect(hrToMs(stepSpan?.startTime ?? [0, 0])).toBeLessThanOrEqual(hrToMs(attempts[0]?.startTime ?? [0, 0]));
    expect(hrToMs(stepSpan?.endTime ?? [0, 0])).toBe(hrToMs(attempts[2]?.endTime ?? [0, 0]));
    expect(unendedOrTwice(otel.endCalls, otel.started)).toEqual([]);
  });

  test('backoff waits follow the policy: nothing before the wait is over, the next try right after', async () => {
    const otel = tracing();
    const flaky = flakyTool(3);
    const running = new Orchestrator({ tools: [flaky.tool], tracerProvider: otel.provider }).run({
      steps: [{ id: 'fetch', tool: 'flaky', retry: { attempts: 4, backoffMs: 100, factor: 3, maxBackoffMs: 250 } }],
    });
    await vi.advanceTimersByTimeAsync(99);
    expect(flaky.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(flaky.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(249);
    expect(flaky.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(flaky.calls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(250);
    const result = await running;
    expect(result.steps[0]).toMatchObject({ status: 'ok', attempts: 4 });
    const attempts = attemptSpans(otel.spans(), stepSpans(otel.spans()).get('fetch'));
    const gaps = attempts.slice(1).map((span, index) => hrToMs(span.startTime) - hrToMs(attempts[index]?.endTime ?? [0, 0]));
    // Within a few ms of the policy (the fake clock makes them exact): 100, then 100 × 3 capped at 250, twice.
    expect(gaps.map((gap) => Math.round(gap))).toEqual([100, 250, 250]);
    expect(result.steps[0]?.durationMs).toBeCloseTo(600, 0);
  });

  test('a step waiting out its backoff holds no slot: under maxConcurrency 1 another ready step runs meanwhile', async () => {
    const flaky = flakyTool(1);
    const other = controlledTool();
    const running = new Orchestrator({ tools: [flaky.tool, other.tool] }).run({
      maxConcurrency: 1,
      steps: [
        { id: 'fetch', tool: 'flaky', retry: { attempts: 2, backoffMs: 500 } },
        { id: 'other', tool: 'controlled' },
      ],
    });
    await flush();
    expect(flaky.calls).toHaveLength(1);
    expect(other.calls).toEqual(['other']);
    // The backoff is over but the only slot is taken: the retry waits for it.
    await vi.advanceTimersByTimeAsync(500);
    expect(flaky.calls).toHaveLength(1);
    other.release('other');
    await flush();
    expect(flaky.calls).toHaveLength(2);
    const result = await running;
    expect(result.steps.map((step) => [step.id, step.status, step.attempts])).toEqual([
      ['fetch', 'ok', 2],
      ['other', 'ok', 1],
    ]);
    const [fetch, second] = result.steps;
    expect(second?.startTime).toBeLessThan(fetch?.endTime ?? 0);
  });

  test('an abort during a backoff settles the run at once, without waiting the backoff out', async () => {
    const otel = tracing();
    const flaky = flakyTool(5);
    const controller = new AbortController();
    const running = new Orchestrator({ tools: [flaky.tool], tracerProvider: otel.provider }).run(
      { steps: [{ id: 'fetch', tool: 'flaky', retry: { attempts: 5, backoffMs: 60_000, maxBackoffMs: 60_000 } }] },
      { signal: controller.signal },
    );
    await flush();
    expect(flaky.calls).toHaveLength(1);
    controller.abort(new Error('user went away'));
    const result = await running;
    expect(result.outcome).toBe('cancelled');
    expect(result.steps[0]).toMatchObject({ status: 'cancelled', attempts: 1, error: expect.any(StepCancelledError) });
    expect(result.steps[0]?.attemptErrors).toHaveLength(1);
    expect(result.durationMs).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(flaky.calls).toHaveLength(1);
    const stepSpan = stepSpans(otel.spans()).get('fetch');
    expect(stepSpan?.attributes[tt.ATTR_STEP_ATTEMPTS]).toBe(1);
    expect(attemptSpans(otel.spans(), stepSpan).map((span) => span.attributes[tt.ATTR_ATTEMPT_STATUS])).toEqual(['error']);
    expect(unendedOrTwice(otel.endCalls, otel.started)).toEqual([]);
  });

  test('fail-fast cancels a step waiting to retry: its pending tries never run', async () => {
    const otel = tracing();
    const flaky = flakyTool(5);
    const broken = controlledTool('broken');
    const running = new Orchestrator({ tools: [flaky.tool, broken.tool], tracerProvider: otel.provider }).run({
      steps: [
        { id: 'fetch', tool: 'flaky', retry: { attempts: 5, backoffMs: 1000 } },
        { id: 'broken', tool: 'broken' },
      ],
    });
    await flush();
    broken.fail('broken', new TypeError('bad config'));
    const result = await running;
    expect(result.steps.map((step) => [step.id, step.status, step.attempts])).toEqual([
      ['fetch', 'cancelled', 1],
      ['broken', 'error', 1],
    ]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(flaky.calls).toHaveLength(1);
    expect(unendedOrTwice(otel.endCalls, otel.started)).toEqual([]);
  });

  test('an abort during a try cancels the try: its attempt span ends cancelled, status UNSET', async () => {
    const otel = tracing();
    const hanging = controlledTool('hanging');
    const controller = new AbortController();
    const running = new Orchestrator({ tools: [hanging.tool], tracerProvider: otel.provider }).run(
      { steps: [{ id: 'h', tool: 'hanging', retry: { attempts: 3 } }] },
      { signal: controller.signal },
    );
    await flush();
    controller.abort();
    const result = await running;
    expect(result.steps[0]).toMatchObject({ status: 'cancelled', attempts: 1, attemptErrors: [] });
    expect(hanging.signals.get('h')?.aborted).toBe(true);
    const [attempt] = attemptSpans(otel.spans(), stepSpans(otel.spans()).get('h'));
    expect(attempt?.attributes).toMatchObject({ [tt.ATTR_ATTEMPT_STATUS]: 'cancelled', [tt.ATTR_ERROR_TYPE]: 'StepCancelledError' });
    expect(attempt?.status.code).toBe(SpanStatusCode.UNSET);
    expect(unendedOrTwice(otel.endCalls, otel.started)).toEqual([]);
  });

  test('timeoutMs bounds one try: a hanging try times out, its signal aborts, the next try gets a fresh signal and its own timeout', async () => {
    const otel = tracing();
    const signals: AbortSignal[] = [];
    const late = deferred<{ answer: number }>();
    const tool = defineTool({
      name: 'slow',
      input: z.object({}),
      output: z.object({ answer: z.number() }),
      run: (_input, ctx) => {
        signals.push(ctx.signal);
        return ctx.attempt === 1 ? late.promise : { answer: ctx.attempt };
      },
    });
    const running = new Orchestrator({ tools: [tool], tracerProvider: otel.provider }).run({
      steps: [{ id: 's', tool: 'slow', timeoutMs: 50, retry: { attempts: 2, backoffMs: 10 } }],
    });
    await vi.advanceTimersByTimeAsync(50);
    expect(signals[0]?.reason).toBeInstanceOf(StepTimeoutError);
    await vi.advanceTimersByTimeAsync(10);
    const result = await running;
    // The first try answering late changes nothing.
    late.resolve({ answer: 1 });
    await flush();
    expect(result.steps[0]).toMatchObject({ status: 'ok', attempts: 2, output: { answer: 2 } });
    expect(result.steps[0]?.attemptErrors[0]?.error).toBeInstanceOf(StepTimeoutError);
    expect(signals[1]?.aborted).toBe(false);
    const statuses = attemptSpans(otel.spans(), stepSpans(otel.spans()).get('s')).map((span) => [
      span.attributes[tt.ATTR_ATTEMPT_STATUS],
      span.attributes[tt.ATTR_ERROR_TYPE],
    ]);
    expect(statuses).toEqual([
      ['timed_out', 'StepTimeoutError'],
      ['ok', undefined],
    ]);
  });

  test('when every try times out the step is timed_out with the last timeout', async () => {
    const hanging = controlledTool('hanging');
    const running = new Orchestrator({ tools: [hanging.tool] }).run({
      steps: [{ id: 'h', tool: 'hanging', timeoutMs: 20, retry: { attempts: 3, backoffMs: 5, factor: 1 } }],
    });
    await vi.advanceTimersByTimeAsync(20 + 5 + 20 + 5 + 20);
    const result = await running;
    expect(result.steps[0]).toMatchObject({ status: 'timed_out', attempts: 3, error: expect.any(StepTimeoutError) });
    expect(result.steps[0]?.attemptErrors.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
    expect(result.steps[0]?.durationMs).toBeCloseTo(70, 0);
  });

  test('deadlineMs bounds the whole step: a try running past it is timed_out with a deadline error', async () => {
    const otel = tracing();
    let calls = 0;
    const tool = defineTool({
      name: 'slow',
      input: z.object({}),
      output: z.unknown(),
      run: async (_input, ctx) => {
        calls++;
        if (ctx.attempt === 1) throw new Error('first try fails');
        return new Promise(() => {});
      },
    });
    const running = new Orchestrator({ tools: [tool], tracerProvider: otel.provider }).run({
      steps: [{ id: 's', tool: 'slow', deadlineMs: 300, retry: { attempts: 5, backoffMs: 100 } }],
    });
    await vi.advanceTimersByTimeAsync(300);
    const result = await running;
    expect(calls).toBe(2);
    expect(result.steps[0]).toMatchObject({ status: 'timed_out', attempts: 2, error: { bound: 'deadline', timeoutMs: 300 } });
    expect(result.steps[0]?.durationMs).toBeCloseTo(300, 0);
    expect(result.steps[0]?.attemptErrors.map((entry) => entry.error.message)).toEqual([
      'first try fails',
      'Step "s" (tool "slow") passed its deadline of 300 ms',
    ]);
    const stepSpan = stepSpans(otel.spans()).get('s');
    expect(stepSpan?.attributes[tt.ATTR_STEP_DEADLINE_MS]).toBe(300);
    expect(attemptSpans(otel.spans(), stepSpan).map((span) => span.attributes[tt.ATTR_ATTEMPT_STATUS])).toEqual(['error', 'timed_out']);
    expect(unendedOrTwice(otel.endCalls, otel.started)).toEqual([]);
  });

  test('a backoff that would end past the deadline is not waited out: the step fails at once with its last error', async () => {
    const flaky = flakyTool(10);
    const running = new Orchestrator({ tools: [flaky.tool] }).run({
      steps: [{ id: 'f', tool: 'flaky', deadlineMs: 250, retry: { attempts: 5, backoffMs: 100, factor: 2 } }],
    });
    // Tries at 0 and 100; the next wait (200 ms) would end at 300, past the 250 ms deadline.
    await vi.advanceTimersByTimeAsync(100);
    const result = await running;
    expect(result.steps[0]).toMatchObject({ status: 'error', attempts: 2, error: { message: '503 Service Unavailable (call 2)' } });
    expect(result.steps[0]?.durationMs).toBeCloseTo(100, 0);
  });

  test('never retried: invalid output, NonRetryableError, or a retryable predicate saying no', async () => {
    let nonRetryableCalls = 0;
    let outputCalls = 0;
    let predicateCalls = 0;
    const tools = [
      defineTool({
        name: 'badOutput',
        input: z.object({}),
        output: z.object({ n: z.number() }),
        run: () => {
          outputCalls++;
          return { n: 'not a number' } as unknown as { n: number };
        },
      }),
      defineTool({
        name: 'notFound',
        input: z.object({}),
        output: z.unknown(),
        run: () => {
          nonRetryableCalls++;
          throw new NonRetryableError('no CI named web-99');
        },
      }),
      defineTool({
        name: 'only503',
        input: z.object({}),
        output: z.unknown(),
        retryable: (error) => error.message.startsWith('503'),
        run: () => {
          predicateCalls++;
          throw new Error('400 Bad Request');
        },
      }),
    ];
    const run = await new Orchestrator({ tools }).run({
      failurePolicy: 'continue',
      retry: { attempts: 5, backoffMs: 0 },
      steps: [
        { id: 'output', tool: 'badOutput' },
        { id: 'marked', tool: 'notFound' },
        { id: 'predicate', tool: 'only503' },
      ],
    });
    expect(run.steps.map((step) => [step.id, step.status, step.attempts, step.error?.name])).toEqual([
      ['output', 'error', 1, 'ToolOutputValidationError'],
      ['marked', 'error', 1, 'NonRetryableError'],
      ['predicate', 'error', 1, 'Error'],
    ]);
    expect([outputCalls, nonRetryableCalls, predicateCalls]).toEqual([1, 1, 1]);
  });

  test('input that fails validation at run time is not retried: the tool is never called (attempts 0)', async () => {
    let calls = 0;
    const source = defineTool({ name: 'source', input: z.object({}), output: z.object({ n: z.unknown() }), run: () => ({ n: 'x' }) });
    const sink = defineTool({
      name: 'sink',
      input: z.object({ n: z.number() }),
      output: z.unknown(),
      run: () => {
        calls++;
        return 1;
      },
    });
    const result = await new Orchestrator({ tools: [source, sink] }).run({
      steps: [
        { id: 'a', tool: 'source' },
        { id: 'b', tool: 'sink', dependsOn: ['a'], inputFrom: { n: 'a.n' }, retry: { attempts: 3, backoffMs: 0 } },
      ],
    });
    expect(result.steps[1]).toMatchObject({ status: 'error', attempts: 0, attemptErrors: [] });
    expect(result.steps[1]?.error?.name).toBe('ToolInputValidationError');
    expect(calls).toBe(0);
  });

  test('a step without a retry policy keeps the v1 shape: no attempt spans, the tool span right under the step', async () => {
    const otel = tracing();
    trace.setGlobalTracerProvider(otel.provider);
    const flaky = flakyTool(0);
    const result = await new Orchestrator({ tools: [flaky.tool], tracerProvider: otel.provider }).run({
      steps: [{ id: 'once', tool: 'flaky' }],
    });
    trace.disable();
    expect(result.steps[0]).toMatchObject({ status: 'ok', attempts: 1, attemptErrors: [] });
    const spans = otel.spans();
    const stepSpan = stepSpans(spans).get('once');
    expect(spans.filter((span) => span.name.startsWith('attempt'))).toEqual([]);
    expect(stepSpan?.attributes[tt.ATTR_STEP_ATTEMPTS]).toBeUndefined();
    expect(stepSpan?.attributes[tt.ATTR_STEP_MAX_ATTEMPTS]).toBeUndefined();
    expect(spans.find((span) => span.name === 'GET /try-1')?.parentSpanContext?.spanId).toBe(stepSpan?.spanContext().spanId);
  });

  test('with no SDK, retries still run and report their attempts', async () => {
    const flaky = flakyTool(1);
    const running = new Orchestrator({ tools: [flaky.tool] }).run({
      steps: [{ id: 'f', tool: 'flaky', retry: { attempts: 2, backoffMs: 5 } }],
    });
    await vi.advanceTimersByTimeAsync(5);
    expect((await running).steps[0]).toMatchObject({ status: 'ok', attempts: 2 });
  });

  test('a span processor that throws on attempt spans changes nothing: the step still retries and succeeds', async () => {
    const boom = (span: { name: string }) => {
      if (span.name.startsWith('attempt ')) throw new Error('processor exploded');
    };
    const provider = new BasicTracerProvider({
      spanProcessors: [{ onStart: boom, onEnd: boom, forceFlush: async () => {}, shutdown: async () => {} }],
    });
    const flaky = flakyTool(1);
    const running = new Orchestrator({ tools: [flaky.tool], tracerProvider: provider }).run({
      steps: [{ id: 'f', tool: 'flaky', retry: { attempts: 2, backoffMs: 5 } }],
    });
    await vi.advanceTimersByTimeAsync(5);
    expect((await running).steps[0]).toMatchObject({ status: 'ok', attempts: 2 });
  });

  test("under spanLayout 'flat' (steps right under orchestrate) the tries still nest under their step", async () => {
    const otel = tracing();
    const flaky = flakyTool(1);
    const plan = { steps: [{ id: 'f', tool: 'flaky', retry: { attempts: 2, backoffMs: 5 } }] };
    const running = new Orchestrator({ tools: [flaky.tool], tracerProvider: otel.provider, spanLayout: 'flat' }).run(plan);
    await vi.advanceTimersByTimeAsync(5);
    expect((await running).steps[0]).toMatchObject({ status: 'ok', attempts: 2 });
    const spans = otel.spans();
    expect(attemptSpans(spans, stepSpans(spans).get('f')).map((span) => span.name)).toEqual(['attempt 1', 'attempt 2']);
    expect(spans).toMatchPlan(plan, { attempts: { f: 2 } });
    expect(unendedOrTwice(otel.endCalls, otel.started)).toEqual([]);
  });
});
