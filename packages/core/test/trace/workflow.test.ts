import { SpanStatusCode } from '@opentelemetry/api';
import { afterEach, describe, expect, test } from 'vitest';
import * as tt from '../../src/index.js';
import { controlledTool, echoTool, flush, tracing } from '../support.js';

const plan: tt.PlanInput = {
  failurePolicy: 'continue',
  steps: [
    { id: 'a', tool: 'controlled' },
    { id: 'b', tool: 'controlled', dependsOn: ['a'] },
  ],
};

async function pipelineRun(fail: boolean) {
  const otel = tracing();
  const tool = controlledTool();
  const orchestrator = new tt.Orchestrator({ tools: [tool.tool], tracerProvider: otel.provider });
  const pipeline = new tt.Pipeline('incident', { tracerProvider: otel.provider }).stage('execute', () => orchestrator.run(plan));
  const running = pipeline.run(undefined);
  await flush();
  if (fail) tool.fail('a', new TypeError('no data'));
  else tool.release('a');
  await flush();
  tool.release('b');
  const result = await running;
  return { result, spans: otel.spans() };
}

afterEach(() => {
  delete process.env.OTEL_SEMCONV_STABILITY_OPT_IN;
});

describe('the workflow span', () => {
  test("a failed run makes its pipeline's span ERROR with outcome error and the failed step's error.type", async () => {
    const { result, spans } = await pipelineRun(true);
    expect(result.outcome).toBe('error');
    const pipeline = spans.find((span) => span.name === 'pipeline incident');
    expect(pipeline?.attributes).toMatchObject({
      [tt.ATTR_OUTCOME]: 'error',
      [tt.ATTR_ERROR_TYPE]: 'TypeError',
      [tt.ATTR_GEN_AI_OPERATION_NAME]: 'invoke_workflow',
      [tt.ATTR_GEN_AI_WORKFLOW_NAME]: 'incident',
    });
    expect(pipeline?.status).toEqual({ code: SpanStatusCode.ERROR, message: '1 of 1 orchestrations failed' });
    const orchestrate = spans.find((span) => span.name === 'orchestrate dag');
    // Inside a pipeline, the pipeline is the workflow: the orchestrate span is not marked as one.
    expect(orchestrate?.attributes[tt.ATTR_GEN_AI_OPERATION_NAME]).toBeUndefined();
  });

  test('a good run leaves its pipeline ok and UNSET', async () => {
    const { spans } = await pipelineRun(false);
    const pipeline = spans.find((span) => span.name === 'pipeline incident');
    expect(pipeline?.attributes[tt.ATTR_OUTCOME]).toBe('ok');
    expect(pipeline?.status.code).toBe(SpanStatusCode.UNSET);
  });

  test('outside a pipeline the orchestrate span is the workflow, named by the Orchestrator option name', async () => {
    const otel = tracing();
    await new tt.Orchestrator({ tools: [echoTool()], tracerProvider: otel.provider, name: 'triage' }).run({
      steps: [{ id: 'x', tool: 'echo' }],
    });
    const orchestrate = otel.spans().find((span) => span.attributes[tt.ATTR_PLAN_STEP_IDS]);
    expect(orchestrate?.name).toBe('orchestrate parallel');
    expect(orchestrate?.attributes).toMatchObject({
      [tt.ATTR_GEN_AI_OPERATION_NAME]: 'invoke_workflow',
      [tt.ATTR_GEN_AI_WORKFLOW_NAME]: 'triage',
    });
  });

  test('OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental names workflow spans invoke_workflow {name}', async () => {
    process.env.OTEL_SEMCONV_STABILITY_OPT_IN = 'http,gen_ai_latest_experimental';
    const otel = tracing();
    const orchestrator = new tt.Orchestrator({ tools: [echoTool()], tracerProvider: otel.provider, name: 'triage' });
    await orchestrator.run({ steps: [{ id: 'x', tool: 'echo' }] });
    await new tt.Pipeline('incident', { tracerProvider: otel.provider })
      .stage('execute', () => orchestrator.run({ steps: [{ id: 'y', tool: 'echo' }] }))
      .run(undefined);
    const names = otel.spans().map((span) => span.name);
    expect(names).toContain('invoke_workflow triage');
    expect(names).toContain('invoke_workflow incident');
    // Inside the pipeline the orchestrate span keeps its tooltrace name.
    expect(names).toContain('orchestrate parallel');
  });
});
