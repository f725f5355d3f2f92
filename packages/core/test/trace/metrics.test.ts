import { type Attributes, metrics } from '@opentelemetry/api';
import { type DataPoint, type Histogram, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import * as tt from '../../src/index.js';
import { RunMetrics } from '../../src/trace/run-metrics.js';
import { controlledTool, flush, tracing } from '../support.js';

class CollectingReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

async function collected(reader: CollectingReader): Promise<Map<string, { unit: string; points: DataPoint<unknown>[] }>> {
  const { resourceMetrics } = await reader.collect();
  const byName = new Map<string, { unit: string; points: DataPoint<unknown>[] }>();
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) byName.set(metric.descriptor.name, { unit: metric.descriptor.unit, points: metric.dataPoints });
  }
  return byName;
}

const attrs = (points: DataPoint<unknown>[] | undefined): Attributes[] => (points ?? []).map((point) => point.attributes);

describe('metrics', () => {
  test('a run under a MeterProvider records both GenAI histograms and the tooltrace metrics, with low-cardinality attributes', async () => {
    const reader = new CollectingReader();
    const meterProvider = new MeterProvider({ readers: [reader] });
    const tool = controlledTool('lookup');
    const orchestrator = new tt.Orchestrator({ tools: [tool.tool], meterProvider, name: 'triage' });
    const running = orchestrator.run({
      failurePolicy: 'continue',
      maxConcurrency: 1,
      steps: [
        { id: 'a', tool: 'lookup' },
        { id: 'b', tool: 'lookup' },
        { id: 'c', tool: 'lookup', dependsOn: ['a'] },
      ],
    });
    await flush();
    tool.fail('a', new TypeError('down'));
    await flush();
    tool.release('b');
    const result = await running;
    expect(result.outcome).toBe('error');
    const byName = await collected(reader);

    const tools = byName.get(tt.METRIC_GEN_AI_EXECUTE_TOOL_DURATION);
    expect(tools?.unit).toBe('s');
    expect(attrs(tools?.points)).toEqual(
      expect.arrayContaining([
        { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup', 'error.type': 'TypeError' },
        { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup' },
      ]),
    );
    const ok = tools?.points.find((point) => point.attributes['error.type'] === undefined);
    expect((ok?.value as Histogram | undefined)?.count).toBe(1);

    const workflow = byName.get(tt.METRIC_GEN_AI_INVOKE_WORKFLOW_DURATION);
    expect(workflow?.unit).toBe('s');
    expect(attrs(workflow?.points)).toEqual([
      { 'gen_ai.operation.name': 'invoke_workflow', 'gen_ai.workflow.name': 'triage', 'error.type': 'TypeError' },
    ]);
    expect((workflow?.points[0]?.value as Histogram | undefined)?.sum).toBeCloseTo(result.durationMs / 1000, 9);

    const steps = byName.get(tt.METRIC_STEPS);
    const count = (status: string) =>
      steps?.points.find((point) => point.attributes[tt.ATTR_STEP_STATUS] === status)?.value as number | undefined;
    expect([count('error'), count('ok'), count('skipped')]).toEqual([1, 1, 1]);
    expect(
      attrs(steps?.points).every((a) => Object.keys(a).sort().join() === 'gen_ai.tool.name,tooltrace.step.status,tooltrace.strategy'),
    ).toBe(true);

    const queued = byName.get(tt.METRIC_STEP_QUEUE_DURATION);
    expect(attrs(queued?.points)).toEqual([{ 'gen_ai.tool.name': 'lookup', 'tooltrace.strategy': 'dag' }]);
    expect((queued?.points[0]?.value as Histogram | undefined)?.count).toBe(1);

    const runs = byName.get(tt.METRIC_RUN_DURATION);
    expect(attrs(runs?.points)).toEqual([{ 'tooltrace.strategy': 'dag', 'tooltrace.outcome': 'error' }]);
  });

  test('inside a pipeline, the pipeline records gen_ai.invoke_workflow.duration once, with its name', async () => {
    tracing(); // a context manager, so the run sees the pipeline in its active context
    const reader = new CollectingReader();
    const meterProvider = new MeterProvider({ readers: [reader] });
    const tool = controlledTool('lookup');
    tool.release('a');
    const orchestrator = new tt.Orchestrator({ tools: [tool.tool], meterProvider });
    await new tt.Pipeline('incident', { meterProvider })
      .stage('execute', () => orchestrator.run({ steps: [{ id: 'a', tool: 'lookup' }] }))
      .run(undefined);
    const workflow = (await collected(reader)).get(tt.METRIC_GEN_AI_INVOKE_WORKFLOW_DURATION);
    expect(attrs(workflow?.points)).toEqual([{ 'gen_ai.operation.name': 'invoke_workflow', 'gen_ai.workflow.name': 'incident' }]);
    expect((workflow?.points[0]?.value as Histogram | undefined)?.count).toBe(1);
  });

  test('a run looks its meter up once, when it first records (not before its first step starts), and records all it measures', async () => {
    const reader = new CollectingReader();
    const sdk = new MeterProvider({ readers: [reader] });
    let lookups = 0;
    const counting = {
      getMeter: (...args: Parameters<MeterProvider['getMeter']>) => {
        lookups++;
        return sdk.getMeter(...args);
      },
    };
    const lookupsWhenRun: number[] = [];
    const echo = tt.defineTool({
      name: 'echo',
      input: z.object({}),
      output: z.object({}),
      run: () => {
        lookupsWhenRun.push(lookups);
        return {};
      },
    });
    const orchestrator = new tt.Orchestrator({ tools: [echo], meterProvider: counting });
    await orchestrator.run({
      steps: [
        { id: 'a', tool: 'echo' },
        { id: 'b', tool: 'echo', dependsOn: ['a'] },
      ],
    });
    expect(lookupsWhenRun).toEqual([0, 1]);
    await orchestrator.run({ steps: [{ id: 'a', tool: 'echo' }] });
    expect(lookups).toBe(2);
    const recorded = await collected(reader);
    expect(recorded.get(tt.METRIC_STEPS)?.points.reduce((sum, point) => sum + (point.value as number), 0)).toBe(3);
    // One run per strategy: dag, then parallel.
    const runs = recorded.get(tt.METRIC_RUN_DURATION)?.points ?? [];
    expect(runs.map((point) => (point.value as Histogram).count)).toEqual([1, 1]);
  });

  test('with no MeterProvider registered, nothing is built or recorded', async () => {
    expect(metrics.getMeterProvider().getMeter('x')).toBe(metrics.getMeterProvider().getMeter('y'));
    expect(RunMetrics.for(undefined)).toBeNull();
    const tool = controlledTool('lookup');
    tool.release('a');
    const result = await new tt.Orchestrator({ tools: [tool.tool] }).run({ steps: [{ id: 'a', tool: 'lookup' }] });
    expect(result.outcome).toBe('ok');
  });
});

/** A tool whose first calls go wrong as `script` says (`throw`, or `hang` until its timeout), then answer. */
function scriptedTool(name: string, script: ('throw' | 'hang')[]) {
  let calls = 0;
  return tt.defineTool({
    name,
    input: z.object({}).passthrough(),
    output: z.object({ call: z.number() }),
    run: async () => {
      const call = ++calls;
      const trouble = script[call - 1];
      if (trouble === 'throw') throw new Error(`503 (call ${call})`);
      if (trouble === 'hang') return new Promise<never>(() => {});
      return { call };
    },
  });
}

describe('retry metrics', () => {
  // Backoffs and timeouts run on a fake clock (setImmediate stays real, so promise callbacks run).
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('tooltrace.step.retries counts each try after the first, by tool and the status of the try retried', async () => {
    const reader = new CollectingReader();
    const meterProvider = new MeterProvider({ readers: [reader] });
    const tools = [scriptedTool('flaky', ['throw', 'throw']), scriptedTool('slow', ['hang']), scriptedTool('steady', [])];
    const running = new tt.Orchestrator({ tools, meterProvider }).run({
      steps: [
        { id: 'a', tool: 'flaky', retry: { attempts: 3, backoffMs: 10 } },
        { id: 'b', tool: 'slow', timeoutMs: 50, retry: { attempts: 2, backoffMs: 10 } },
        { id: 'c', tool: 'steady' },
      ],
    });
    await vi.advanceTimersByTimeAsync(1000);
    const result = await running;
    expect(result.outcome).toBe('ok');
    expect(result.steps.map((step) => step.attempts)).toEqual([3, 2, 1]);

    const retries = (await collected(reader)).get(tt.METRIC_STEP_RETRIES);
    expect(retries?.unit).toBe('{retry}');
    const counts = (retries?.points ?? []).map((point) => [point.attributes, point.value]);
    expect(counts).toHaveLength(2);
    expect(counts).toEqual(
      expect.arrayContaining([
        [{ [tt.ATTR_GEN_AI_TOOL_NAME]: 'flaky', [tt.ATTR_ATTEMPT_STATUS]: 'error' }, 2],
        [{ [tt.ATTR_GEN_AI_TOOL_NAME]: 'slow', [tt.ATTR_ATTEMPT_STATUS]: 'timed_out' }, 1],
      ]),
    );
  });

  test('steps without a retry policy record no retries, failed ones included', async () => {
    const reader = new CollectingReader();
    const meterProvider = new MeterProvider({ readers: [reader] });
    const tools = [scriptedTool('flaky', ['throw']), scriptedTool('steady', [])];
    const result = await new tt.Orchestrator({ tools, meterProvider }).run({
      failurePolicy: 'continue',
      steps: [
        { id: 'a', tool: 'flaky' },
        { id: 'b', tool: 'steady' },
      ],
    });
    expect(result.steps.map((step) => step.status)).toEqual(['error', 'ok']);
    const byName = await collected(reader);
    expect(byName.get(tt.METRIC_STEPS)?.points.length).toBeGreaterThan(0);
    expect(byName.get(tt.METRIC_STEP_RETRIES)?.points ?? []).toEqual([]);
  });

  test('a retry abandoned during its backoff (a fail-fast stop) is not counted', async () => {
    const reader = new CollectingReader();
    const meterProvider = new MeterProvider({ readers: [reader] });
    const tools = [scriptedTool('flaky', ['throw', 'throw']), scriptedTool('broken', ['throw'])];
    const running = new tt.Orchestrator({ tools, meterProvider }).run({
      steps: [
        { id: 'a', tool: 'flaky', retry: { attempts: 3, backoffMs: 500 } },
        { id: 'b', tool: 'broken' },
      ],
    });
    await vi.advanceTimersByTimeAsync(1000);
    const result = await running;
    expect(result.steps.map((step) => step.attempts)).toEqual([1, 1]);
    expect(result.steps[1]?.status).toBe('error');
    expect((await collected(reader)).get(tt.METRIC_STEP_RETRIES)?.points ?? []).toEqual([]);
  });

  test('with no MeterProvider, a retried step runs the same and nothing is built', async () => {
    expect(RunMetrics.for(undefined)).toBeNull();
    const running = new tt.Orchestrator({ tools: [scriptedTool('flaky', ['throw', 'throw'])] }).run({
      steps: [{ id: 'a', tool: 'flaky', retry: { attempts: 3, backoffMs: 10 } }],
    });
    await vi.advanceTimersByTimeAsync(1000);
    const result = await running;
    expect(result.steps[0]).toMatchObject({ status: 'ok', attempts: 3, output: { call: 3 } });
  });
});
