import { type Context, context, createContextKey, propagation, ROOT_CONTEXT, type Span, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { defineTool, Orchestrator } from '../../src/index.js';
import { withStepSpan } from '../../src/trace/step-context.js';
import { tracing } from '../support.js';

const USER_KEY = createContextKey('user key');
const OTHER_KEY = createContextKey('other key');
const MISSING_KEY = createContextKey('missing key');

/** What a context says about the keys a step's code may read. */
function reading(ctx: Context) {
  return {
    active: trace.getSpan(ctx),
    user: ctx.getValue(USER_KEY),
    other: ctx.getValue(OTHER_KEY),
    missing: ctx.getValue(MISSING_KEY),
    baggage: propagation.getBaggage(ctx)?.getEntry('tenant')?.value,
  };
}

describe('the context a step runs in answers as trace.setSpan(parent, span) does', () => {
  const span = trace.wrapSpanContext({ traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceFlags: 1 });
  const other = trace.wrapSpanContext({ traceId: '1'.repeat(32), spanId: '3'.repeat(16), traceFlags: 1 });
  const parents: [string, Context][] = [
    ['the root context', ROOT_CONTEXT],
    [
      'a context with a span, a value and baggage',
      propagation.setBaggage(
        trace.setSpan(ROOT_CONTEXT.setValue(USER_KEY, 'from the caller'), other),
        propagation.createBaggage({ tenant: { value: 'acme' } }),
      ),
    ],
  ];
  const operations: [string, (ctx: Context) => Context][] = [
    ['as made', (ctx) => ctx],
    ['after setting a value', (ctx) => ctx.setValue(OTHER_KEY, 42)],
    ['after overwriting a parent value', (ctx) => ctx.setValue(USER_KEY, 'overwritten')],
    ['after deleting a parent value', (ctx) => ctx.deleteValue(USER_KEY)],
    ['after setting another span', (ctx) => trace.setSpan(ctx, other)],
    ['after deleting the span', (ctx) => trace.deleteSpan(ctx)],
    ['after two settings', (ctx) => ctx.setValue(OTHER_KEY, 1).setValue(MISSING_KEY, 2)],
  ];
  for (const [parentName, parent] of parents) {
    for (const [operationName, operation] of operations) {
      test(`${parentName}, ${operationName}`, () => {
        expect(reading(operation(withStepSpan(parent, span)))).toEqual(reading(operation(trace.setSpan(parent, span))));
      });
    }
  }

  test('it is not the API context (which copies the parent entries): the span key was learnt from the API', () => {
    expect(withStepSpan(ROOT_CONTEXT, span)).not.toBeInstanceOf(ROOT_CONTEXT.constructor);
  });

  test('it never changes its parent', () => {
    const parent = ROOT_CONTEXT.setValue(USER_KEY, 'kept');
    const ctx = withStepSpan(parent, span);
    ctx.setValue(USER_KEY, 'changed');
    ctx.deleteValue(USER_KEY);
    expect(reading(parent)).toEqual({ active: undefined, user: 'kept', other: undefined, missing: undefined, baggage: undefined });
  });
});

describe('inside a tool', () => {
  test('the step span is active, the caller context reads through, and nested work parents to the step span', async () => {
    const otel = tracing();
    const seen: { active: Span | undefined; user: unknown; baggage: string | undefined; nested: unknown }[] = [];
    const probe = defineTool({
      name: 'probe',
      input: z.object({}).optional(),
      output: z.number(),
      run: async (_input, ctx) => {
        const active = trace.getSpan(context.active());
        // As an instrumented client would: a value of its own on the active context, then a span in it.
        await context.with(context.active().setValue(OTHER_KEY, 'client'), async () => {
          const call = otel.provider.getTracer('client').startSpan('GET /cmdb');
          seen.push({
            active,
            user: context.active().getValue(USER_KEY),
            baggage: propagation.getBaggage(context.active())?.getEntry('tenant')?.value,
            nested: context.active().getValue(OTHER_KEY),
          });
          await Promise.resolve();
          call.end();
        });
        expect(active?.spanContext().spanId).toBe(ctx.span.spanContext().spanId);
        return 1;
      },
    });
    const orchestrator = new Orchestrator({ tools: [probe], tracerProvider: otel.provider });
    const caller = propagation.setBaggage(
      context.active().setValue(USER_KEY, 'from the caller'),
      propagation.createBaggage({ tenant: { value: 'acme' } }),
    );
    const result = await context.with(caller, () =>
      orchestrator.run({
        strategy: 'parallel',
        steps: [
          { id: 'a', tool: 'probe' },
          { id: 'b', tool: 'probe' },
        ],
      }),
    );
    expect(result.outcome).toBe('ok');
    expect(seen.map(({ user, baggage, nested }) => ({ user, baggage, nested }))).toEqual([
      { user: 'from the caller', baggage: 'acme', nested: 'client' },
      { user: 'from the caller', baggage: 'acme', nested: 'client' },
    ]);
    const spans = otel.spans();
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const calls = spans.filter((span) => span.name === 'GET /cmdb');
    expect(calls.map((call) => byId.get(call.parentSpanContext?.spanId ?? '')?.attributes['tooltrace.step.id']).sort()).toEqual(['a', 'b']);
    const stepSpans = spans.filter((span: ReadableSpan) => span.name.startsWith('execute_tool'));
    expect(seen.map((entry) => entry.active?.spanContext().spanId).sort()).toEqual(
      stepSpans.map((span) => span.spanContext().spanId).sort(),
    );
  });
});

describe('how a tool is called', () => {
  test.each([
    ['traced', true],
    ['untraced', false],
  ])('%s: run is called as a method of the tool (this is the tool), with its input and context', async (_name, traced) => {
    const calls: { self: unknown; input: unknown; stepId: string }[] = [];
    const tool = defineTool({
      name: 'method',
      input: z.object({ n: z.number() }),
      output: z.number(),
      run(input, ctx) {
        calls.push({ self: this, input, stepId: ctx.stepId });
        return input.n;
      },
    });
    const orchestrator = new Orchestrator({ tools: [tool], ...(traced ? { tracerProvider: tracing().provider } : {}) });
    const result = await orchestrator.run({ strategy: 'serial', steps: [{ id: 'a', tool: 'method', input: { n: 1 } }] });
    expect(result.outputs).toEqual({ a: 1 });
    expect(calls).toEqual([{ self: tool, input: { n: 1 }, stepId: 'a' }]);
    expect(calls[0]?.self).toBe(tool);
  });
});
