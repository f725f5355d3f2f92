import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { defineTool, Orchestrator, type RunResult, type SpanLayout } from '@tooltrace/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeOtlpJson, groupIntoTraces, type InspectorTrace } from '../../src/index.js';
import { countErrors } from '../../src/model/errors.js';
import { runCriticalPath } from '../../src/model/run-critical-path.js';
import { buildTraceView } from '../../src/model/trace-view.js';
import type { RunView } from '../../src/model/trace-view-types.js';

const PLAN = {
  strategy: 'dag' as const,
  failurePolicy: 'continue' as const,
  steps: [
    { id: 'primary', tool: 'work' },
    { id: 'slow', tool: 'work' },
    { id: 'metrics', tool: 'work', dependsOn: ['primary'] },
    { id: 'events', tool: 'broken', dependsOn: ['primary'] },
    { id: 'summary', tool: 'work', dependsOn: ['metrics', 'events'] },
    { id: 'report', tool: 'work', dependsOn: ['metrics', 'slow'] },
  ],
};

let contextManagerInstalled = false;

async function recordRun(spanLayout: SpanLayout): Promise<{ trace: InspectorTrace; result: RunResult }> {
  if (!contextManagerInstalled) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    contextManagerInstalled = true;
  }
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tools = [
    defineTool({ name: 'work', input: z.object({}), output: z.object({}), run: () => ({}) }),
    defineTool({
      name: 'broken',
      input: z.object({}),
      output: z.object({}),
      run: () => {
        throw new Error('backend down');
      },
    }),
  ];
  const result = await new Orchestrator({ tools, tracerProvider: provider, spanLayout }).run(PLAN);
  await provider.forceFlush();
  const request = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest([...exporter.getFinishedSpans()])));
  const [trace] = groupIntoTraces(decodeOtlpJson(request).spans);
  if (trace === undefined) throw new Error('no trace');
  return { trace, result };
}

const onlyRun = (trace: InspectorTrace): RunView => {
  const runs = buildTraceView(trace).runs;
  expect(runs).toHaveLength(1);
  return runs[0] as RunView;
};
const lanes = (run: RunView): Array<[number, string[]]> => run.groups.map((group) => [group.index, group.steps.map((step) => step.stepId)]);

describe("the inspector reads spanLayout 'flat' runs (no group spans) as it reads grouped ones", () => {
  let grouped: { trace: InspectorTrace; result: RunResult };
  let flat: { trace: InspectorTrace; result: RunResult };
  beforeAll(async () => {
    grouped = await recordRun('grouped');
    flat = await recordRun('flat');
  });

  it('has no group spans, yet the same swimlanes (groups from tooltrace.group_index), steps, statuses and dependencies', () => {
    expect(flat.trace.spans.some((span) => span.name.startsWith('group '))).toBe(false);
    expect(grouped.trace.spans.some((span) => span.name.startsWith('group '))).toBe(true);
    const flatRun = onlyRun(flat.trace);
    const groupedRun = onlyRun(grouped.trace);
    expect(lanes(flatRun)).toEqual(lanes(groupedRun));
    expect(lanes(flatRun).map(([index]) => index)).toEqual([0, 1, 2]);
    expect(flatRun.groups.every((group) => group.span === null)).toBe(true);
    const shape = (run: RunView) => run.steps.map((step) => [step.stepId, step.status, step.groupIndex, step.dependsOn]);
    expect(shape(flatRun)).toEqual(shape(groupedRun));
  });

  it('counts the same errors and draws the run’s measured critical path', () => {
    expect(countErrors(flat.trace)).toBe(1);
    expect(countErrors(grouped.trace)).toBe(1);
    const run = onlyRun(flat.trace);
    const idOf = new Map(run.steps.map((step) => [step.key, step.stepId]));
    expect(runCriticalPath(run).map((key) => idOf.get(key))).toEqual(flat.result.criticalPath?.stepIds);
  });
});
