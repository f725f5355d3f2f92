import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { BasicTracerProvider, type ReadableSpan, type Span, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import * as tt from '../../src/index.js';
import { defineTool, explain, Orchestrator } from '../../src/index.js';
import { controlledTool, flush, hrToMs, stepSpans, tracing, unendedOrTwice } from '../support.js';

const plan = {
  maxConcurrency: 4,
  steps: [
    { id: 'primary', tool: 'controlled' },
    { id: 'metrics', tool: 'controlled', dependsOn: ['primary'], inputFrom: { ciId: 'primary.ci.id' }, timeoutMs: 2000 },
    { id: 'events', tool: 'controlled', dependsOn: ['primary'] },
    { id: 'correlate', tool: 'controlled', dependsOn: ['metrics', 'events'] },
  ],
} satisfies tt.PlanInput;

async function runDag(fail?: string) {
  const otel = tracing();
  const tool = controlledTool();
  const orchestrator = new Orchestrator({ tools: [tool.tool], tracerProvider: otel.provider });
  const running = orchestrator.run(plan);
  await flush();
  tool.release('primary', { ci: { id: 'ci-1' } });
  await flush();
  if (fail) tool.fail(fail, new TypeError(`${fail} exploded`));
  for (const id of ['metrics', 'events', 'correlate']) {
    if (id !== fail) tool.release(id);
    await flush();
  }
  const result = await running;
  return { result, spans: otel.spans(), otel };
}

function byName(spans: readonly ReadableSpan[], prefix: string): ReadableSpan[] {
  return spans.filter((span) => span.name.startsWith(prefix));
}

const parentOf = (span: ReadableSpan): string | undefined => span.parentSpanContext?.spanId;

describe('trace contract', () => {
  test('orchestrate span: strategy, totals, step ids, outcome, measured critical path and the execution plan event', async () => {
    const { spans, result } = await runDag();
    const [orchestrate] = byName(spans, 'orchestrate');
    expect(orchestrate?.name).toBe('orchestrate dag');
    expect(orchestrate?.kind).toBe(SpanKind.INTERNAL);
    expect(orchestrate?.attributes).toEqual({
      [tt.ATTR_GEN_AI_OPERATION_NAME]: tt.GEN_AI_OPERATION_INVOKE_WORKFLOW,
      [tt.ATTR_STRATEGY]: 'dag',
      [tt.ATTR_PLAN_TOTAL_GROUPS]: 3,
      [tt.ATTR_PLAN_TOTAL_STEPS]: 4,
      [tt.ATTR_PLAN_STEP_IDS]: ['primary', 'metrics', 'events', 'correlate'],
      [tt.ATTR_PLAN_FAILURE_POLICY]: 'fail-fast',
      [tt.ATTR_PLAN_MAX_CONCURRENCY]: 4,
      [tt.ATTR_OUTCOME]: 'ok',
      [tt.ATTR_CRITICAL_PATH]: result.criticalPath?.stepIds,
      [tt.ATTR_CRITICAL_PATH_MS]: result.criticalPath?.durationMs,
    });
    expect(result.criticalPath?.stepIds).toEqual(['primary', 'events', 'correlate']);
    const event = orchestrate?.events.find((e) => e.name === tt.EVENT_EXECUTION_PLAN);
    expect(JSON.parse(String(event?.attributes?.[tt.ATTR_EXECUTION_PLAN]))).toEqual(explain(plan));
    // Added once the first steps run, timed when the run started.
    expect(event?.time).toEqual(orchestrate?.startTime);
    expect(orchestrate?.events.map((e) => e.name)).toEqual([tt.EVENT_EXECUTION_PLAN]);
    expect(orchestrate?.instrumentationScope).toEqual({ name: '@tooltrace/core', version: tt.VERSION, schemaUrl: undefined });
  });

  test('a run aborted before it starts still names its orchestrate span and records the plan, before its outcome', async () => {
    const otel = tracing();
    const tool = controlledTool();
    const orchestrator = new Orchestrator({ tools: [tool.tool], tracerProvider: otel.provider });
    const result = await orchestrator.run(plan, { signal: AbortSignal.abort() });
    expect(result.outcome).toBe('cancelled');
    expect(tool.calls).toEqual([]);
    const [orchestrate] = byName(otel.spans(), 'orchestrate');
    expect(orchestrate?.name).toBe('orchestrate dag');
    // In the order they were set: the plan's attributes come before the outcome's, whose limit-safe place is last.
    expect(Object.keys(orchestrate?.attributes ?? {})).toEqual([
      tt.ATTR_GEN_AI_OPERATION_NAME,
      tt.ATTR_STRATEGY,
      tt.ATTR_PLAN_TOTAL_GROUPS,
      tt.ATTR_PLAN_TOTAL_STEPS,
      tt.ATTR_PLAN_STEP_IDS,
      tt.ATTR_PLAN_FAILURE_POLICY,
      tt.ATTR_PLAN_MAX_CONCURRENCY,
      tt.ATTR_OUTCOME,
    ]);
    expect(orchestrate?.events.map((e) => e.name)).toEqual([tt.EVENT_EXECUTION_PLAN]);
  });

  test('the execution-plan event is on the orchestrate span once the first steps run, before any step ends, and only once', async () => {
    let orchestrate: ReadableSpan | undefined;
    const watcher: SpanProcessor = {
      onStart: (span: Span) => {
        if (span.name.startsWith('orchestrate')) orchestrate = span;
      },
      onEnd: () => {},
      forceFlush: () => Promise.resolve(),
      shutdown: () => Promise.resolve(),
    };
    const tool = controlledTool();
    const running = new Orchestrator({ tools: [tool.tool], tracerProvider: new BasicTracerProvider({ spanProcessors: [watcher] }) }).run(
      plan,
    );
    await flush();
    expect(tool.calls).toEqual(['primary']);
    expect(orchestrate?.events.map((event) => event.name)).toEqual([tt.EVENT_EXECUTION_PLAN]);
    tool.release('primary', { ci: { id: 'ci-1' } });
    await flush();
    for (const id of ['metrics', 'events', 'correlate']) {
      tool.release(id);
      await flush();
    }
    await running;
    expect(orchestrate?.events.map((event) => event.name)).toEqual([tt.EVENT_EXECUTION_PLAN]);
  });

  test('group spans are children of orchestrate and span their steps', async () => {
    const { spans } = await runDag();
    const [orchestrate] = byName(spans, 'orchestrate');
    const groups = byName(spans, 'group').sort(
      (a, b) => Number(a.attributes[tt.ATTR_GROUP_INDEX]) - Number(b.attributes[tt.ATTR_GROUP_INDEX]),
    );
    expect(groups.map((group) => group.name)).toEqual(['group 0', 'group 1', 'group 2']);
    expect(groups[1]?.attributes).toEqual({
      [tt.ATTR_STRATEGY]: 'dag',
      [tt.ATTR_GROUP_INDEX]: 1,
      [tt.ATTR_GROUP_STEP_IDS]: ['metrics', 'events'],
      [tt.ATTR_GROUP_PARALLEL]: true,
    });
    for (const group of groups) {
      expect(parentOf(group)).toBe(orchestrate?.spanContext().spanId);
      const members = spans.filter((span) => parentOf(span) === group.spanContext().spanId);
      expect(members.length).toBeGreaterThan(0);
      for (const member of members) {
        expect(hrToMs(member.startTime)).toBeGreaterThanOrEqual(hrToMs(group.startTime));
        expect(hrToMs(member.endTime)).toBeLessThanOrEqual(hrToMs(group.endTime));
      }
    }
  });

  test('step spans carry the contract attributes and one depends_on link per dependency', async () => {
    const { spans } = await runDag();
    const steps = stepSpans(spans);
    const metrics = steps.get('metrics');
    expect(metrics?.name).toBe('execute_tool controlled');
    expect(metrics?.attributes).toEqual({
      [tt.ATTR_GEN_AI_OPERATION_NAME]: 'execute_tool',
      [tt.ATTR_GEN_AI_TOOL_NAME]: 'controlled',
      [tt.ATTR_GEN_AI_TOOL_CALL_ID]: 'metrics',
      [tt.ATTR_STEP_ID]: 'metrics',
      [tt.ATTR_TOOL_NAME]: 'controlled',
      [tt.ATTR_STRATEGY]: 'dag',
      [tt.ATTR_GROUP_INDEX]: 1,
      [tt.ATTR_EXECUTION_ORDER]: 0,
      [tt.ATTR_DEPENDS_ON]: ['primary'],
      [tt.ATTR_INPUT_FROM]: '{"ciId":"primary.ci.id"}',
      [tt.ATTR_TIMEOUT_MS]: 2000,
      [tt.ATTR_STEP_STATUS]: 'ok',
      [tt.ATTR_GEN_AI_TOOL_TYPE]: 'function',
    });
    const correlate = steps.get('correlate');
    expect(correlate?.links).toEqual([
      { context: steps.get('metrics')?.spanContext(), attributes: { [tt.ATTR_LINK_KIND]: 'depends_on', [tt.ATTR_STEP_ID]: 'metrics' } },
      { context: steps.get('events')?.spanContext(), attributes: { [tt.ATTR_LINK_KIND]: 'depends_on', [tt.ATTR_STEP_ID]: 'events' } },
    ]);
    expect(steps.get('primary')?.links).toEqual([]);
    const group1 = byName(spans, 'group 1')[0];
    expect(parentOf(metrics as ReadableSpan)).toBe(group1?.spanContext().spanId);
  });

  test('a failed step records the exception, ERROR status and error.type; dependents get zero-length skipped spans', async () => {
    const { spans, result } = await runDag('metrics');
    const steps = stepSpans(spans);
    const metrics = steps.get('metrics');
    expect(metrics?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'metrics exploded' });
    expect(metrics?.attributes[tt.ATTR_ERROR_TYPE]).toBe('TypeError');
    expect(metrics?.attributes[tt.ATTR_STEP_STATUS]).toBe('error');
    expect(metrics?.events.map((e) => [e.name, e.attributes?.['exception.message']])).toEqual([['exception', 'metrics exploded']]);
    const events = steps.get('events');
    expect(events?.attributes[tt.ATTR_STEP_STATUS]).toBe('cancelled');
    expect(events?.attributes[tt.ATTR_ERROR_TYPE]).toBe('StepCancelledError');
    expect(events?.status.code).toBe(SpanStatusCode.UNSET);
    const correlate = steps.get('correlate');
    expect(correlate?.attributes).toMatchObject({
      [tt.ATTR_STEP_STATUS]: 'skipped',
      [tt.ATTR_SKIP_REASON]: 'dependency_failed',
      [tt.ATTR_BLOCKED_BY]: 'metrics',
    });
    expect(correlate?.attributes[tt.ATTR_EXECUTION_ORDER]).toBeUndefined();
    expect(hrToMs(correlate?.endTime ?? [0, 0])).toBe(hrToMs(correlate?.startTime ?? [0, 0]));
    expect(correlate?.links).toHaveLength(2);
    const orchestrate = byName(spans, 'orchestrate')[0];
    expect(orchestrate?.attributes[tt.ATTR_OUTCOME]).toBe('error');
    expect(orchestrate?.status).toEqual({ code: SpanStatusCode.ERROR, message: '1 of 4 steps failed: metrics' });
    expect(byName(spans, 'group 1')[0]?.status.code).toBe(SpanStatusCode.ERROR);
    expect(result.steps.map((step) => step.status)).toEqual(['ok', 'error', 'cancelled', 'skipped']);
    expect(spans.filter((span) => span.name.startsWith('execute_tool'))).toHaveLength(4);
  });

  test('every started span is ended exactly once, on success and failure paths', async () => {
    for (const fail of [undefined, 'metrics', 'primary']) {
      const otel = tracing();
      const tool = controlledTool();
      const running = new Orchestrator({ tools: [tool.tool], tracerProvider: otel.provider }).run(plan);
      await flush();
      if (fail === 'primary') tool.fail('primary', new Error('x'));
      else tool.release('primary', { ci: { id: 'c' } });
      await flush();
      if (fail === 'metrics') tool.fail('metrics', new Error('y'));
      for (const id of ['metrics', 'events', 'correlate']) {
        tool.release(id);
        await flush();
      }
      await running;
      await flush();
      expect(otel.started.size).toBe(8);
      expect(unendedOrTwice(otel.endCalls, otel.started)).toEqual([]);
    }
  });

  test('spans nest under the span active when the run starts, and tool spans nest under the step span', async () => {
    const otel = tracing();
    const tracer = otel.provider.getTracer('app');
    const inner = defineTool({
      name: 'inner',
      input: z.object({}),
      output: z.unknown(),
      run: async () => {
        await Promise.resolve();
        tracer.startActiveSpan('GET /cmdb', (span) => span.end());
        return 1;
      },
    });
    const orchestrator = new Orchestrator({ tools: [inner], tracerProvider: otel.provider });
    const parent = tracer.startSpan('POST /incident', { kind: SpanKind.SERVER });
    await context.with(trace.setSpan(context.active(), parent), () => orchestrator.run({ steps: [{ id: 'i', tool: 'inner' }] }));
    parent.end();
    const spans = otel.spans();
    const find = (prefix: string) => byName(spans, prefix)[0] as ReadableSpan;
    expect(parentOf(find('orchestrate'))).toBe(parent.spanContext().spanId);
    expect(find('orchestrate').spanContext().traceId).toBe(parent.spanContext().traceId);
    expect(parentOf(find('GET /cmdb'))).toBe(find('execute_tool').spanContext().spanId);
    expect(parentOf(find('execute_tool'))).toBe(find('group 0').spanContext().spanId);
  });

  test('an explicit parentContext wins over the active context', async () => {
    const otel = tracing();
    const parent = otel.provider.getTracer('app').startSpan('request');
    const tool = controlledTool('t2');
    const run = new Orchestrator({ tools: [tool.tool], tracerProvider: otel.provider }).run(
      { steps: [{ id: 'a', tool: 't2' }] },
      { parentContext: trace.setSpan(context.active(), parent) },
    );
    await flush();
    tool.release('a');
    await run;
    expect(parentOf(byName(otel.spans(), 'orchestrate')[0] as ReadableSpan)).toBe(parent.spanContext().spanId);
  });
});

describe('contract attributes under pressure', () => {
  test('a step reads tooltrace.step.status = running when it starts, then its final status', async () => {
    const seenAtStart: unknown[] = [];
    const { BasicTracerProvider } = await import('@opentelemetry/sdk-trace-base');
    const provider = new BasicTracerProvider({
      spanProcessors: [
        {
          onStart: (span) => {
            if (span.name.startsWith('execute_tool')) seenAtStart.push((span as unknown as ReadableSpan).attributes[tt.ATTR_STEP_STATUS]);
          },
          onEnd: () => {},
          forceFlush: async () => {},
          shutdown: async () => {},
        },
      ],
    });
    const tool = controlledTool();
    const running = new Orchestrator({ tools: [tool.tool], tracerProvider: provider }).run({ steps: [{ id: 'a', tool: 'controlled' }] });
    await flush();
    tool.release('a');
    await running;
    expect(seenAtStart).toEqual(['running']);
  });

  test('a tool filling the attribute limit through ctx.span cannot push out the final step status', async () => {
    const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(exporter)],
      spanLimits: { attributeCountLimit: 12 },
    });
    const chatty = defineTool({
      name: 'chatty',
      input: z.object({}),
      output: z.unknown(),
      run: (_input, ctx) => {
        for (let i = 0; i < 20; i++) ctx.span.setAttribute(`app.${i}`, i);
        return 1;
      },
    });
    await new Orchestrator({ tools: [chatty], tracerProvider: provider }).run({ steps: [{ id: 'c', tool: 'chatty' }] });
    const span = stepSpans(exporter.getFinishedSpans()).get('c');
    expect(span?.attributes[tt.ATTR_STEP_STATUS]).toBe('ok');
    expect(span?.attributes[tt.ATTR_STEP_ID]).toBe('c');
  });

  test('the execution plan event stays within its budget for huge plans', async () => {
    const otel = tracing();
    const quick = defineTool({ name: 'quick', input: z.object({}), output: z.unknown(), run: () => 1 });
    const steps = Array.from({ length: 5000 }, (_, n) => ({
      id: `step-with-a-long-name-${n}`,
      tool: 'quick',
      ...(n > 0 ? { dependsOn: [`step-with-a-long-name-${n - 1}`] } : {}),
    }));
    await new Orchestrator({ tools: [quick], tracerProvider: otel.provider }).run({ steps });
    const event = otel
      .spans()
      .find((span) => span.name === 'orchestrate dag')
      ?.events.find((e) => e.name === tt.EVENT_EXECUTION_PLAN);
    const json = String(event?.attributes?.[tt.ATTR_EXECUTION_PLAN]);
    expect(json.length).toBeLessThanOrEqual(65_536);
    expect(JSON.parse(json)).toMatchObject({
      strategy: 'dag',
      totalSteps: 5000,
      totalGroups: 5000,
      truncated: 'groups',
      criticalPathLength: 5000,
    });
  });
});
