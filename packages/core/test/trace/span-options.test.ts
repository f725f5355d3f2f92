import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import * as tt from '../../src/index.js';
import { echoTool, stepSpans, tracing, unendedOrTwice } from '../support.js';

const plan: tt.PlanInput = {
  steps: [
    { id: 'cpu', tool: 'metrics_query' },
    { id: 'mem', tool: 'metrics_query' },
    { id: 'report', tool: 'echo', dependsOn: ['cpu', 'mem'] },
  ],
};

const metricsQuery = tt.defineTool({
  name: 'metrics_query',
  description: 'Queries a time series for a host',
  input: z.object({}).passthrough(),
  output: z.object({ value: z.number() }),
  run: () => ({ value: 1 }),
});

async function run(options: Partial<tt.OrchestratorOptions> = {}) {
  const otel = tracing();
  const orchestrator = new tt.Orchestrator({ tools: [metricsQuery, echoTool()], tracerProvider: otel.provider, ...options });
  const result = await orchestrator.run(plan);
  return { result, spans: otel.spans(), otel };
}

describe('step span names', () => {
  test('by default a step span is named after its tool, as the GenAI conventions name it', async () => {
    const { spans } = await run();
    expect([...stepSpans(spans).values()].map((span) => span.name).sort()).toEqual([
      'execute_tool echo',
      'execute_tool metrics_query',
      'execute_tool metrics_query',
    ]);
  });

  test("stepSpanNames: 'tool_and_step' adds the step id, so two calls of one tool read apart", async () => {
    const { spans } = await run({ stepSpanNames: 'tool_and_step' });
    expect([...stepSpans(spans).values()].map((span) => span.name).sort()).toEqual([
      'execute_tool echo (report)',
      'execute_tool metrics_query (cpu)',
      'execute_tool metrics_query (mem)',
    ]);
  });

  test('an unknown stepSpanNames or spanLayout is a typed error naming the option', () => {
    const make = (options: Record<string, unknown>) => () => new tt.Orchestrator({ tools: [metricsQuery], ...options });
    expect(make({ stepSpanNames: 'id' })).toThrow(tt.InvalidArgumentError);
    expect(make({ stepSpanNames: 'id' })).toThrow(/stepSpanNames/);
    expect(make({ spanLayout: 'nested' })).toThrow(/spanLayout.*"grouped", "flat"/);
  });
});

describe('GenAI tool attributes', () => {
  test("step spans carry gen_ai.tool.type function and, when the tool has one, defineTool's description", async () => {
    const steps = stepSpans((await run()).spans);
    expect(steps.get('cpu')?.attributes).toMatchObject({
      [tt.ATTR_GEN_AI_TOOL_TYPE]: tt.GEN_AI_TOOL_TYPE_FUNCTION,
      [tt.ATTR_GEN_AI_TOOL_DESCRIPTION]: 'Queries a time series for a host',
    });
    expect(steps.get('report')?.attributes[tt.ATTR_GEN_AI_TOOL_TYPE]).toBe('function');
    expect(steps.get('report')?.attributes[tt.ATTR_GEN_AI_TOOL_DESCRIPTION]).toBeUndefined();
  });
});

describe('span layouts', () => {
  test("spanLayout: 'flat' puts step spans directly under the orchestrate span, with no group spans", async () => {
    const { spans, otel } = await run({ spanLayout: 'flat' });
    const orchestrate = spans.find((span) => span.name.startsWith(tt.SPAN_NAME_ORCHESTRATE));
    expect(spans.filter((span) => span.name.startsWith(tt.SPAN_NAME_GROUP))).toEqual([]);
    const steps = [...stepSpans(spans).values()];
    expect(steps).toHaveLength(3);
    for (const step of steps) expect(step.parentSpanContext?.spanId).toBe(orchestrate?.spanContext().spanId);
    expect(stepSpans(spans).get('report')?.attributes[tt.ATTR_GROUP_INDEX]).toBe(1);
    expect(stepSpans(spans).get('report')?.links).toHaveLength(2);
    expect(unendedOrTwice(otel.endCalls, otel.started)).toEqual([]);
  });
});
