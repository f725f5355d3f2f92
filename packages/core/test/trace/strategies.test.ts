import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import * as tt from '../../src/index.js';
import { defineTool, Orchestrator, PlanValidationError } from '../../src/index.js';
import { controlledTool, flush, hrToMs, stepSpans, tracing, unendedOrTwice } from '../support.js';

const quick = defineTool({ name: 'quick', input: z.object({}).passthrough(), output: z.unknown(), run: async () => 'done' });
const three = ['a', 'b', 'c'].map((id) => ({ id, tool: 'quick' }));
const names = (spans: readonly ReadableSpan[]) => spans.map((span) => span.name).sort();

describe('spans per strategy', () => {
  test('serial: one group per step, groups and steps never overlap', async () => {
    const otel = tracing();
    await new Orchestrator({ tools: [quick], tracerProvider: otel.provider }).run({ strategy: 'serial', steps: three });
    const spans = otel.spans();
    expect(names(spans)).toEqual([
      'execute_tool quick',
      'execute_tool quick',
      'execute_tool quick',
      'group 0',
      'group 1',
      'group 2',
      'orchestrate serial',
    ]);
    const groups = spans.filter((span) => span.name.startsWith('group')).sort((x, y) => hrToMs(x.startTime) - hrToMs(y.startTime));
    expect(groups.map((group) => [group.attributes[tt.ATTR_GROUP_STEP_IDS], group.attributes[tt.ATTR_GROUP_PARALLEL]])).toEqual([
      [['a'], false],
      [['b'], false],
      [['c'], false],
    ]);
    for (let i = 1; i < groups.length; i++)
      expect(hrToMs(groups[i]?.startTime ?? [0, 0])).toBeGreaterThanOrEqual(hrToMs(groups[i - 1]?.endTime ?? [0, 0]));
    const steps = stepSpans(spans);
    expect(
      ['a', 'b', 'c'].map((id) => [steps.get(id)?.attributes[tt.ATTR_GROUP_INDEX], steps.get(id)?.attributes[tt.ATTR_EXECUTION_ORDER]]),
    ).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
    ]);
  });

  test('parallel: one parallel group 0 holding every step, execution order as started', async () => {
    const otel = tracing();
    await new Orchestrator({ tools: [quick], tracerProvider: otel.provider }).run({ steps: three });
    const spans = otel.spans();
    expect(names(spans)).toEqual(['execute_tool quick', 'execute_tool quick', 'execute_tool quick', 'group 0', 'orchestrate parallel']);
    const group = spans.find((span) => span.name === 'group 0');
    expect(group?.attributes).toMatchObject({
      [tt.ATTR_STRATEGY]: 'parallel',
      [tt.ATTR_GROUP_STEP_IDS]: ['a', 'b', 'c'],
      [tt.ATTR_GROUP_PARALLEL]: true,
    });
    const steps = stepSpans(spans);
    expect(['a', 'b', 'c'].map((id) => steps.get(id)?.attributes[tt.ATTR_EXECUTION_ORDER])).toEqual([0, 1, 2]);
  });

  test('every dependent links to its dependency, whether it starts at once, later, or is skipped', async () => {
    const otel = tracing();
    const tool = controlledTool();
    const running = new Orchestrator({ tools: [tool.tool, quick], tracerProvider: otel.provider }).run({
      failurePolicy: 'continue',
      steps: [
        { id: 'root', tool: 'quick' },
        { id: 'slow', tool: 'controlled' },
        { id: 'early', tool: 'quick', dependsOn: ['root'] },
        { id: 'late', tool: 'quick', dependsOn: ['root', 'slow'] },
        { id: 'skipped', tool: 'quick', dependsOn: ['root', 'late', 'failing'] },
        { id: 'failing', tool: 'controlled', dependsOn: ['root'] },
      ],
    });
    await flush();
    tool.fail('failing', new Error('boom'));
    await flush();
    tool.release('slow');
    await running;
    const steps = stepSpans(otel.spans());
    const linked = (id: string) => steps.get(id)?.links.map((link) => link.context.spanId);
    const spanId = (id: string) => steps.get(id)?.spanContext().spanId;
    expect(linked('early')).toEqual([spanId('root')]);
    expect(linked('late')).toEqual([spanId('root'), spanId('slow')]);
    expect(linked('skipped')).toEqual([spanId('root'), spanId('late'), spanId('failing')]);
    expect(steps.get('skipped')?.attributes[tt.ATTR_STEP_STATUS]).toBe('skipped');
    expect(unendedOrTwice(otel.endCalls, otel.started)).toEqual([]);
  });

  test('a timed-out step: ERROR status, StepTimeoutError, exception event; the span is ended once though the tool hangs', async () => {
    const otel = tracing();
    const hangs = defineTool({ name: 'hangs', input: z.object({}), output: z.unknown(), run: () => new Promise(() => {}) });
    await new Orchestrator({ tools: [hangs], tracerProvider: otel.provider }).run({ steps: [{ id: 'h', tool: 'hangs', timeoutMs: 3 }] });
    const span = stepSpans(otel.spans()).get('h');
    expect(span?.attributes).toMatchObject({
      [tt.ATTR_STEP_STATUS]: 'timed_out',
      [tt.ATTR_ERROR_TYPE]: 'StepTimeoutError',
      [tt.ATTR_TIMEOUT_MS]: 3,
    });
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'Step "h" (tool "hangs") timed out after 3 ms' });
    expect(span?.events.map((event) => event.name)).toEqual(['exception']);
    expect(unendedOrTwice(otel.endCalls, otel.started)).toEqual([]);
  });

  test('a cancelled run: running and unstarted steps get cancelled spans, outcome cancelled, all ended once', async () => {
    const otel = tracing();
    const tool = controlledTool();
    const controller = new AbortController();
    const running = new Orchestrator({ tools: [tool.tool], tracerProvider: otel.provider }).run(
      {
        steps: [
          { id: 'a', tool: 'controlled' },
          { id: 'b', tool: 'controlled', dependsOn: ['a'] },
        ],
      },
      { signal: controller.signal },
    );
    await flush();
    controller.abort();
    await running;
    const spans = otel.spans();
    const steps = stepSpans(spans);
    expect(steps.get('a')?.attributes).toMatchObject({
      [tt.ATTR_STEP_STATUS]: 'cancelled',
      [tt.ATTR_ERROR_TYPE]: 'StepCancelledError',
      [tt.ATTR_EXECUTION_ORDER]: 0,
    });
    expect(steps.get('b')?.attributes).toMatchObject({ [tt.ATTR_STEP_STATUS]: 'cancelled' });
    expect(steps.get('b')?.attributes[tt.ATTR_EXECUTION_ORDER]).toBeUndefined();
    expect(steps.get('b')?.links.map((link) => link.context.spanId)).toEqual([steps.get('a')?.spanContext().spanId]);
    expect(spans.find((span) => span.name === 'orchestrate dag')?.attributes[tt.ATTR_OUTCOME]).toBe('cancelled');
    expect(unendedOrTwice(otel.endCalls, otel.started)).toEqual([]);
    expect(otel.started.size).toBe(5);
  });

  test('an invalid plan leaves one ERROR orchestrate span with the error and its problems; no group or step span; nothing runs', async () => {
    const otel = tracing();
    let calls = 0;
    const counted = defineTool({ name: 'quick', input: z.object({}).passthrough(), output: z.unknown(), run: () => ++calls });
    const rejected = new Orchestrator({ tools: [counted], tracerProvider: otel.provider }).run({
      steps: [
        { id: 'a', tool: 'quick' },
        { id: 'b', tool: 'missing', dependsOn: ['nope'] },
      ],
    });
    await expect(rejected).rejects.toBeInstanceOf(PlanValidationError);
    expect(calls).toBe(0);
    const spans = otel.spans();
    expect(spans.map((span) => span.name)).toEqual(['orchestrate']);
    const [span] = spans;
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes[tt.ATTR_ERROR_TYPE]).toBe('PlanValidationError');
    expect(span?.attributes[tt.ATTR_OUTCOME]).toBe('error');
    expect(String(span?.events.find((event) => event.name === 'exception')?.attributes?.['exception.message'])).toMatch(/^Invalid plan/);
    const invalid = span?.events.find((event) => event.name === tt.EVENT_PLAN_INVALID);
    expect(invalid?.attributes?.[tt.ATTR_PLAN_PROBLEM_COUNT]).toBe(2);
    const problems = JSON.parse(String(invalid?.attributes?.[tt.ATTR_PLAN_PROBLEMS]));
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'steps[1].dependsOn[0]', code: 'missing_dependency', message: expect.any(String) }),
        expect.objectContaining({ code: 'unknown_tool' }),
      ]),
    );
    expect(unendedOrTwice(otel.endCalls, otel.started)).toEqual([]);
  });

  test('a queued step records how long it waited for a concurrency slot', async () => {
    const otel = tracing();
    const tool = controlledTool();
    const running = new Orchestrator({ tools: [tool.tool], tracerProvider: otel.provider }).run({
      maxConcurrency: 1,
      steps: [
        { id: 'a', tool: 'controlled' },
        { id: 'b', tool: 'controlled' },
      ],
    });
    await flush();
    tool.release('a');
    await flush();
    tool.release('b');
    await running;
    const steps = stepSpans(otel.spans());
    expect(steps.get('a')?.attributes[tt.ATTR_QUEUED_MS]).toBeUndefined();
    expect(steps.get('b')?.attributes[tt.ATTR_QUEUED_MS]).toBeGreaterThan(0);
  });
});

describe('concurrency in the trace', () => {
  test('a group is not parallel when maxConcurrency is 1', async () => {
    const otel = tracing();
    await new Orchestrator({ tools: [quick], tracerProvider: otel.provider }).run({ maxConcurrency: 1, steps: three });
    const group = otel.spans().find((span) => span.name === 'group 0');
    expect(group?.attributes[tt.ATTR_GROUP_PARALLEL]).toBe(false);
    expect(otel.spans().find((span) => span.name.startsWith('orchestrate'))?.attributes[tt.ATTR_PLAN_MAX_CONCURRENCY]).toBe(1);
  });

  test('queued_ms is recorded for steps that waited behind a limit above 1', async () => {
    const otel = tracing();
    const tool = controlledTool();
    const running = new Orchestrator({ tools: [tool.tool], tracerProvider: otel.provider }).run({
      maxConcurrency: 2,
      steps: ['a', 'b', 'c'].map((id) => ({ id, tool: 'controlled' })),
    });
    await flush();
    expect(tool.calls).toEqual(['a', 'b']);
    tool.release('b');
    await flush();
    tool.release('a');
    tool.release('c');
    await running;
    const steps = stepSpans(otel.spans());
    expect(steps.get('c')?.attributes[tt.ATTR_QUEUED_MS]).toBeGreaterThan(0);
    expect(steps.get('a')?.attributes[tt.ATTR_QUEUED_MS]).toBeUndefined();
    expect(steps.get('b')?.attributes[tt.ATTR_QUEUED_MS]).toBeUndefined();
  });
});
