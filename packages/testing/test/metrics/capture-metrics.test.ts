import { ATTR_STEP_STATUS, defineTool, METRIC_GEN_AI_EXECUTE_TOOL_DURATION, METRIC_STEPS, Orchestrator } from '@tooltrace/core';
import { captureMetrics } from '@tooltrace/testing';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';

const lookup = defineTool({ name: 'ci_lookup', input: z.object({}), output: z.object({}), run: () => ({}) });

describe('captureMetrics', () => {
  test("captures a run's GenAI and tooltrace metrics for assertions", async () => {
    const metrics = captureMetrics();
    await new Orchestrator({ tools: [lookup], meterProvider: metrics.meterProvider }).run({
      steps: [
        { id: 'a', tool: 'ci_lookup' },
        { id: 'b', tool: 'ci_lookup' },
      ],
    });
    const byName = await metrics.collect();
    const tool = byName.get(METRIC_GEN_AI_EXECUTE_TOOL_DURATION);
    expect(tool?.unit).toBe('s');
    expect(tool?.points).toEqual([
      { attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'ci_lookup' }, count: 2, sum: expect.any(Number) },
    ]);
    expect(byName.get(METRIC_STEPS)?.points.map((p) => [p.attributes[ATTR_STEP_STATUS], p.count])).toEqual([['ok', 2]]);
    await metrics.shutdown();
  });

  test('nothing is captured before anything records', async () => {
    const metrics = captureMetrics();
    expect((await metrics.collect()).size).toBe(0);
  });
});
