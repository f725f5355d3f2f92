import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import * as tt from '../../src/index.js';
import { defineTool, Orchestrator, Pipeline, PipelineAbortedError, runStages } from '../../src/index.js';
import { hrToMs, tracing, unendedOrTwice } from '../support.js';

const lookup = defineTool({
  name: 'ci_lookup',
  input: z.object({ query: z.string() }),
  output: z.object({ id: z.string() }),
  run: ({ query }) => ({ id: `ci-${query}` }),
});

function find(spans: readonly ReadableSpan[], name: string): ReadableSpan {
  const span = spans.find((candidate) => candidate.name === name);
  if (!span) throw new Error(`no span "${name}" in ${spans.map((s) => s.name).join(', ')}`);
  return span;
}

describe('Pipeline', () => {
  test('stages run in order, each receiving the previous output, under pipeline and stage spans', async () => {
    const otel = tracing();
    const orchestrator = new Orchestrator({ tools: [lookup], tracerProvider: otel.provider });
    const pipeline = new Pipeline<string>('incident', { tracerProvider: otel.provider })
      .stage('plan', (question: string) => ({ steps: [{ id: 'ci', tool: 'ci_lookup', input: { query: question } }] }))
      .stage('execute', (plan, ctx) => orchestrator.run(plan, { signal: ctx.signal }))
      .stage('compose', (result) => result.outputs.ci as { id: string })
      .stage('present', (ci) => `answer: ${ci.id}`);
    expect(await pipeline.run('web-01')).toBe('answer: ci-web-01');
    const spans = otel.spans();
    const root = find(spans, 'pipeline incident');
    expect(root.attributes).toEqual({
      [tt.ATTR_PIPELINE_NAME]: 'incident',
      [tt.ATTR_GEN_AI_OPERATION_NAME]: 'invoke_workflow',
      [tt.ATTR_GEN_AI_WORKFLOW_NAME]: 'incident',
      [tt.ATTR_OUTCOME]: 'ok',
    });
    const stages = ['plan', 'execute', 'compose', 'present'].map((name) => find(spans, `stage ${name}`));
    stages.forEach((stage, index) => {
      expect(stage.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
      expect(stage.attributes).toEqual({
        [tt.ATTR_PIPELINE_NAME]: 'incident',
        [tt.ATTR_STAGE_NAME]: stage.name.slice(6),
        [tt.ATTR_STAGE_INDEX]: index,
      });
      if (index > 0) expect(hrToMs(stage.startTime)).toBeGreaterThanOrEqual(hrToMs(stages[index - 1]?.endTime ?? [0, 0]));
    });
    const orchestrate = find(spans, 'orchestrate parallel');
    expect(orchestrate.parentSpanContext?.spanId).toBe(stages[1]?.spanContext().spanId);
    expect(hrToMs(orchestrate.startTime)).toBeGreaterThanOrEqual(hrToMs(stages[1]?.startTime ?? [0, 0]));
    expect(hrToMs(orchestrate.endTime)).toBeLessThanOrEqual(hrToMs(stages[1]?.endTime ?? [0, 0]));
    expect(unendedOrTwice(otel.endCalls, otel.started)).toEqual([]);
  });

  test('a throwing stage marks its span and the pipeline span ERROR, rethrows, and later stages do not run', async () => {
    const otel = tracing();
    let presented = false;
    const pipeline = new Pipeline('p', { tracerProvider: otel.provider })
      .stage('plan', () => 1)
      .stage('compose', (): number => {
        throw new SyntaxError('bad template');
      })
      .stage('present', () => {
        presented = true;
      });
    await expect(pipeline.run(undefined)).rejects.toThrow('bad template');
    expect(presented).toBe(false);
    const spans = otel.spans();
    expect(find(spans, 'stage compose').status).toEqual({ code: SpanStatusCode.ERROR, message: 'bad template' });
    expect(find(spans, 'stage compose').attributes[tt.ATTR_ERROR_TYPE]).toBe('SyntaxError');
    expect(find(spans, 'pipeline p').status.code).toBe(SpanStatusCode.ERROR);
    expect(spans.some((span) => span.name === 'stage present')).toBe(false);
    expect(unendedOrTwice(otel.endCalls, otel.started)).toEqual([]);
  });

  test('an aborted signal stops the pipeline before the next stage', async () => {
    const otel = tracing();
    const controller = new AbortController();
    const pipeline = new Pipeline('p', { tracerProvider: otel.provider })
      .stage('first', () => controller.abort())
      .stage('second', () => 'never');
    await expect(pipeline.run(undefined, { signal: controller.signal })).rejects.toBeInstanceOf(PipelineAbortedError);
    expect(otel.spans().map((span) => span.name)).toEqual(['stage first', 'pipeline p']);
  });

  test('runStages is the function form', async () => {
    const otel = tracing();
    const out = await runStages<number>(
      'calc',
      [
        { name: 'double', run: (n: number) => n * 2 },
        { name: 'inc', run: (n: number) => n + 1 },
      ] as never,
      4,
      { tracerProvider: otel.provider },
    );
    expect(out).toBe(9);
    expect(otel.spans().map((span) => span.name)).toEqual(['stage double', 'stage inc', 'pipeline calc']);
  });

  test('stage names must be unique', () => {
    expect(() => new Pipeline('p').stage('a', () => 1).stage('a', () => 2)).toThrow('a stage is already named "a"');
  });
});

describe('Pipeline parent', () => {
  test('an explicit parentContext parents the pipeline span', async () => {
    const { context, trace } = await import('@opentelemetry/api');
    const otel = tracing();
    const request = otel.provider.getTracer('app').startSpan('request');
    await new Pipeline('p', { tracerProvider: otel.provider })
      .stage('s', () => 1)
      .run(undefined, { parentContext: trace.setSpan(context.active(), request) });
    expect(find(otel.spans(), 'pipeline p').parentSpanContext?.spanId).toBe(request.spanContext().spanId);
  });
});
