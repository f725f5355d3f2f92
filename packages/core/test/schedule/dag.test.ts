import type { Context } from '@opentelemetry/api';
import { BasicTracerProvider, type ReadableSpan, type Span, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, test } from 'vitest';
import { Orchestrator } from '../../src/index.js';
import * as tt from '../../src/trace/attributes.js';
import { controlledTool, flush, hrToMs, stepSpans, tracing } from '../support.js';

describe('dag scheduling', () => {
  test('a DAG step starts as soon as its last dependency ends, not when its whole level ends', async () => {
    const tool = controlledTool();
    const orchestrator = new Orchestrator({ tools: [tool.tool] });
    const running = orchestrator.run({
      steps: [
        { id: 'a', tool: 'controlled' },
        { id: 'slow', tool: 'controlled' },
        { id: 'afterA', tool: 'controlled', dependsOn: ['a'] },
        { id: 'join', tool: 'controlled', dependsOn: ['afterA', 'slow'] },
      ],
    });
    await flush();
    expect(tool.calls).toEqual(['a', 'slow']);
    tool.release('a');
    await flush();
    expect(tool.calls).toEqual(['a', 'slow', 'afterA']);
    tool.release('afterA');
    await flush();
    expect(tool.calls).not.toContain('join');
    tool.release('slow');
    await flush();
    expect(tool.calls).toContain('join');
    tool.release('join');
    const result = await running;
    expect(result.outcome).toBe('ok');
    expect(result.steps.map((step) => [step.id, step.groupIndex, step.executionOrder])).toEqual([
      ['a', 0, 0],
      ['slow', 0, 1],
      ['afterA', 1, 0],
      ['join', 2, 0],
    ]);
  });

  test("a step's dependents start before its span ends: ending it is not on the path between them", async () => {
    const events: string[] = [];
    const ended = new Map<string, ReadableSpan>();
    const stepIdOf = (span: ReadableSpan | Span) => ('attributes' in span ? span.attributes[tt.ATTR_STEP_ID] : undefined);
    const recorder: SpanProcessor = {
      onStart: (span: Span, _parent: Context) => {
        if (stepIdOf(span)) events.push(`span start ${stepIdOf(span)}`);
      },
      onEnd: (span: ReadableSpan) => {
        if (stepIdOf(span)) events.push(`span end ${stepIdOf(span)}`);
        ended.set(String(stepIdOf(span)), span);
      },
      forceFlush: async () => {},
      shutdown: async () => {},
    };
    const provider = new BasicTracerProvider({ spanProcessors: [recorder] });
    const tool = controlledTool();
    const orchestrator = new Orchestrator({ tools: [tool.tool], tracerProvider: provider });
    const running = orchestrator.run({
      steps: [
        { id: 'a', tool: 'controlled' },
        { id: 'b', tool: 'controlled', dependsOn: ['a'] },
        { id: 'c', tool: 'controlled', dependsOn: ['a'] },
      ],
    });
    await flush();
    tool.release('a');
    await flush();
    // The dependents' spans start and their tools are called, then a's span ends, with the time a ended.
    expect(events).toEqual(['span start a', 'span start b', 'span start c', 'span end a']);
    expect(tool.calls).toEqual(['a', 'b', 'c']);
    tool.release('b');
    tool.release('c');
    const result = await running;
    expect(events.slice(4).sort()).toEqual(['span end b', 'span end c']);
    const [a, b] = result.steps;
    expect(a?.startTime).toBeLessThanOrEqual(b?.startTime ?? Number.NaN);
    // Ended later, the span still carries the time a settled: never after its dependents' starts.
    const aEnd = hrToMs(ended.get('a')?.endTime ?? [Number.NaN, 0]);
    for (const dependent of ['b', 'c']) expect(aEnd).toBeLessThanOrEqual(hrToMs(ended.get(dependent)?.startTime ?? [Number.NaN, 0]));
  });

  test('maxConcurrency bounds the steps running at once; freed slots go to the next ready step', async () => {
    const tool = controlledTool();
    const orchestrator = new Orchestrator({ tools: [tool.tool] });
    const steps = ['s0', 's1', 's2', 's3', 's4'].map((id) => ({ id, tool: 'controlled' }));
    const running = orchestrator.run({ steps }, { maxConcurrency: 2 });
    await flush();
    expect(tool.calls).toEqual(['s0', 's1']);
    tool.release('s1');
    await flush();
    expect(tool.calls).toEqual(['s0', 's1', 's2']);
    for (const id of ['s0', 's2', 's3', 's4']) {
      tool.release(id);
      await flush();
    }
    const result = await running;
    expect(result.steps.map((step) => step.executionOrder)).toEqual([0, 1, 2, 3, 4]);
    expect(result.outcome).toBe('ok');
  });

  test('serial runs one step at a time in listed order, each step its own group', async () => {
    const tool = controlledTool();
    const orchestrator = new Orchestrator({ tools: [tool.tool] });
    const running = orchestrator.run({ strategy: 'serial', steps: ['x', 'y', 'z'].map((id) => ({ id, tool: 'controlled' })) });
    await flush();
    expect(tool.calls).toEqual(['x']);
    tool.release('x');
    await flush();
    expect(tool.calls).toEqual(['x', 'y']);
    tool.release('y');
    await flush();
    tool.release('z');
    const result = await running;
    expect(result.steps.map((step) => [step.id, step.groupIndex, step.executionOrder])).toEqual([
      ['x', 0, 0],
      ['y', 1, 0],
      ['z', 2, 0],
    ]);
  });

  test('parallel starts every step together in group 0', async () => {
    const tool = controlledTool();
    const orchestrator = new Orchestrator({ tools: [tool.tool] });
    const running = orchestrator.run({ strategy: 'parallel', steps: ['p', 'q', 'r'].map((id) => ({ id, tool: 'controlled' })) });
    await flush();
    expect(tool.calls).toEqual(['p', 'q', 'r']);
    tool.release('r');
    tool.release('p');
    tool.release('q');
    const result = await running;
    expect(result.steps.every((step) => step.groupIndex === 0)).toBe(true);
    expect(result.steps.map((step) => step.executionOrder)).toEqual([0, 1, 2]);
  });

  test('inputFrom maps dependency outputs, including nested fields and array items', async () => {
    const tool = controlledTool();
    const seen: unknown[] = [];
    const recorder = {
      ...tool.tool,
      name: 'recorder',
      run: (input: unknown) => {
        seen.push(input);
        return { ok: true };
      },
    };
    const withRecorder = new Orchestrator({ tools: [tool.tool, recorder] });
    const running = withRecorder.run({
      steps: [
        { id: 'primary', tool: 'controlled' },
        {
          id: 'use',
          tool: 'recorder',
          dependsOn: ['primary'],
          input: { window: '1h' },
          inputFrom: { ciId: 'primary.ci.id', first: 'primary.items[1].name', all: 'primary' },
        },
      ],
    });
    await flush();
    const output = { ci: { id: 'ci-7' }, items: [{ name: 'a' }, { name: 'b' }] };
    tool.release('primary', output);
    const result = await running;
    expect(seen).toEqual([{ window: '1h', ciId: 'ci-7', first: 'b', all: output }]);
    expect(result.outputs.use).toEqual({ ok: true });
  });
});

describe('start order under a concurrency limit', () => {
  test('the waiting step with the longest chain still to run starts first, though listed and ready last', async () => {
    const tool = controlledTool();
    const running = new Orchestrator({ tools: [tool.tool] }).run({
      maxConcurrency: 1,
      steps: [
        { id: 'lone', tool: 'controlled' },
        { id: 'head', tool: 'controlled' },
        { id: 'middle', tool: 'controlled', dependsOn: ['head'] },
        { id: 'tail', tool: 'controlled', dependsOn: ['middle'] },
      ],
    });
    await flush();
    expect(tool.calls).toEqual(['head']);
    tool.release('head');
    await flush();
    // middle became ready after lone, but two steps remain on its chain against lone's one.
    expect(tool.calls).toEqual(['head', 'middle']);
    tool.release('middle');
    await flush();
    // Equal chains (one step each): the step ready first goes first.
    expect(tool.calls).toEqual(['head', 'middle', 'lone']);
    tool.release('lone');
    await flush();
    tool.release('tail');
    const result = await running;
    expect(result.outcome).toBe('ok');
    expect(tool.calls).toEqual(['head', 'middle', 'lone', 'tail']);
    expect(result.steps.map((step) => [step.id, step.groupIndex, step.executionOrder])).toEqual([
      ['lone', 0, 1],
      ['head', 0, 0],
      ['middle', 1, 0],
      ['tail', 2, 0],
    ]);
  });

  test('between equal chains the step ready first starts first, not the one listed first', async () => {
    const tool = controlledTool();
    const running = new Orchestrator({ tools: [tool.tool] }).run({
      maxConcurrency: 1,
      steps: [
        { id: 'late', tool: 'controlled', dependsOn: ['root'] },
        { id: 'early', tool: 'controlled' },
        { id: 'root', tool: 'controlled' },
      ],
    });
    await flush();
    expect(tool.calls).toEqual(['root']);
    tool.release('root');
    await flush();
    expect(tool.calls).toEqual(['root', 'early']);
    tool.release('early');
    await flush();
    tool.release('late');
    await running;
    expect(tool.calls).toEqual(['root', 'early', 'late']);
  });

  test('a step overtaken by a longer chain that became ready with it records its wait and the step it waited for', async () => {
    const otel = tracing();
    const tool = controlledTool();
    const running = new Orchestrator({ tools: [tool.tool], tracerProvider: otel.provider }).run({
      maxConcurrency: 2,
      steps: [
        { id: 'slow', tool: 'controlled' },
        { id: 'fork', tool: 'controlled' },
        { id: 'short', tool: 'controlled', dependsOn: ['fork'] },
        { id: 'long', tool: 'controlled', dependsOn: ['fork'] },
        { id: 'longer', tool: 'controlled', dependsOn: ['long'] },
      ],
    });
    await flush();
    expect(tool.calls).toEqual(['fork', 'slow']);
    tool.release('fork');
    await flush();
    // One slot for two ready steps: long (two steps to go) takes it, short waits.
    expect(tool.calls).toEqual(['fork', 'slow', 'long']);
    tool.release('slow');
    await flush();
    expect(tool.calls).toEqual(['fork', 'slow', 'long', 'short']);
    for (const id of ['long', 'longer', 'short']) {
      tool.release(id);
      await flush();
    }
    const result = await running;
    const spans = stepSpans(otel.spans());
    expect(spans.get('long')?.attributes[tt.ATTR_QUEUED_MS]).toBeUndefined();
    expect(spans.get('short')?.attributes[tt.ATTR_QUEUED_MS]).toBeGreaterThan(0);
    // short waited for slow's slot, and slow is where the chain to the last step (short) starts.
    expect(result.criticalPath?.stepIds).toEqual(['slow', 'short']);
  });

  test('independent steps start in plan order under maxConcurrency 1, each waiting for the one before', async () => {
    const tool = controlledTool();
    const running = new Orchestrator({ tools: [tool.tool] }).run({
      maxConcurrency: 1,
      steps: ['c', 'a', 'b'].map((id) => ({ id, tool: 'controlled' })),
    });
    for (const id of ['c', 'a', 'b']) {
      await flush();
      expect(tool.calls.at(-1)).toBe(id);
      tool.release(id);
    }
    const result = await running;
    expect(tool.calls).toEqual(['c', 'a', 'b']);
    expect(result.steps.map((step) => step.executionOrder)).toEqual([0, 1, 2]);
  });
});
