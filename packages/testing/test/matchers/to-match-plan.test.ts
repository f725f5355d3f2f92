import { explain, Orchestrator, Pipeline, type PlanInput } from '@tooltrace/core';
import { captureSpans } from '@tooltrace/testing';
import { describe, expect, test } from 'vitest';
import { echo, explode, failureOf, gatedTool } from '../support.js';

const diamond: PlanInput = {
  failurePolicy: 'continue',
  steps: [
    { id: 'primary', tool: 'echo' },
    { id: 'metrics', tool: 'echo', dependsOn: ['primary'] },
    { id: 'events', tool: 'echo', dependsOn: ['primary'] },
    { id: 'report', tool: 'echo', dependsOn: ['metrics', 'events'] },
  ],
};

describe('real runs match their plans', () => {
  test('serial', async () => {
    const capture = captureSpans();
    const plan: PlanInput = {
      strategy: 'serial',
      steps: [
        { id: 'a', tool: 'echo' },
        { id: 'b', tool: 'echo' },
        { id: 'c', tool: 'echo' },
      ],
    };
    await new Orchestrator({ tools: [echo] }).run(plan);
    expect(capture).toMatchPlan(plan);
  });

  test('parallel under a concurrency limit', async () => {
    const capture = captureSpans();
    const plan: PlanInput = {
      strategy: 'parallel',
      maxConcurrency: 2,
      steps: [
        { id: 'a', tool: 'echo' },
        { id: 'b', tool: 'echo' },
        { id: 'c', tool: 'echo' },
      ],
    };
    await new Orchestrator({ tools: [echo] }).run(plan);
    expect(capture).toMatchPlan(plan);
  });

  test('a DAG whose steps finish out of order', async () => {
    const capture = captureSpans();
    const gated = gatedTool('echo');
    const running = new Orchestrator({ tools: [gated.tool] }).run(diamond);
    gated.release('primary');
    await gated.started('events');
    gated.release('events');
    gated.release('metrics');
    await gated.started('report');
    gated.release('report');
    await running;
    expect(capture).toMatchPlan(diamond);
    expect(capture).toMatchPlan(explain(diamond));
  });

  test('the flat span layout (no group spans, steps under the orchestrate span) matches its plan', async () => {
    const capture = captureSpans();
    await new Orchestrator({ tools: [echo], spanLayout: 'flat' }).run(diamond);
    expect((await capture.spans()).some((span) => span.name.startsWith('group'))).toBe(false);
    expect(capture).toMatchPlan(diamond);
  });

  test('a flat run whose step spans a plan does not have is still caught', async () => {
    const capture = captureSpans();
    await new Orchestrator({ tools: [echo], spanLayout: 'flat' }).run(diamond);
    const other: PlanInput = {
      ...diamond,
      steps: diamond.steps.map((step) => (step.id === 'report' ? { ...step, dependsOn: ['metrics'] } : step)),
    };
    expect(() => expect(capture).toMatchPlan(other)).toThrow(
      /step "report": links to \["metrics", "events"\], but dependsOn is \["metrics"\]/,
    );
  });

  test('a DAG with a failed step and a skipped dependent', async () => {
    const capture = captureSpans();
    const plan: PlanInput = {
      ...diamond,
      steps: diamond.steps.map((step) => (step.id === 'metrics' ? { ...step, tool: 'explode' } : step)),
    };
    const result = await new Orchestrator({ tools: [echo, explode] }).run(plan);
    expect(result.steps.map((step) => step.status)).toEqual(['ok', 'error', 'ok', 'skipped']);
    expect(capture).toMatchPlan(plan);
  });

  test('fail-fast cancels a running step and skips the rest', async () => {
    const capture = captureSpans();
    const gated = gatedTool();
    const plan: PlanInput = {
      steps: [
        { id: 'slow', tool: 'gated' },
        { id: 'fails', tool: 'explode' },
        { id: 'after', tool: 'gated', dependsOn: ['slow'] },
      ],
    };
    const result = await new Orchestrator({ tools: [gated.tool, explode] }).run(plan);
    expect(result.steps.map((step) => step.status)).toEqual(['cancelled', 'error', 'skipped']);
    expect(capture).toMatchPlan(plan);
  });

  test('a run aborted by its signal', async () => {
    const capture = captureSpans();
    const gated = gatedTool();
    const controller = new AbortController();
    const plan: PlanInput = {
      strategy: 'serial',
      steps: [
        { id: 'a', tool: 'gated' },
        { id: 'b', tool: 'gated' },
      ],
    };
    const running = new Orchestrator({ tools: [gated.tool] }).run(plan, { signal: controller.signal });
    await gated.started('a');
    controller.abort();
    expect((await running).outcome).toBe('cancelled');
    expect(capture).toMatchPlan(plan);
  });

  test('an orchestration inside a pipeline stage, run twice', async () => {
    const capture = captureSpans();
    const plan: PlanInput = {
      steps: [
        { id: 'a', tool: 'echo' },
        { id: 'b', tool: 'echo', dependsOn: ['a'] },
      ],
    };
    const orchestrator = new Orchestrator({ tools: [echo] });
    const pipeline = new Pipeline<string>('incident').stage('execute', (_input, ctx) => orchestrator.run(plan, { signal: ctx.signal }));
    await pipeline.run('first');
    await pipeline.run('second');
    expect(capture).toMatchPlan(plan);
    expect(capture).toHaveSpanCount('pipeline > stage > orchestrate', 2);
  });
});

describe('failures', () => {
  test('list every departure from the plan, the plan, and the captured tree', async () => {
    const capture = captureSpans();
    const ran: PlanInput = {
      strategy: 'serial',
      steps: [
        { id: 'a', tool: 'echo' },
        { id: 'b', tool: 'echo' },
      ],
    };
    await new Orchestrator({ tools: [echo] }).run(ran);
    const expected: PlanInput = {
      steps: [
        { id: 'a', tool: 'echo' },
        { id: 'b', tool: 'echo', dependsOn: ['a'] },
      ],
    };
    const message = failureOf(() => expect(capture).toMatchPlan(expected));
    expect(message.split('\n\nCaptured spans:')[0]).toMatchInlineSnapshot(`
      "The trace does not match the plan (2 problems):
        - the orchestrate span has tooltrace.strategy "serial", the plan's strategy is "dag"
        - step "b": links to [], but dependsOn is ["a"]

      Plan (dag):
        group 0: a
        group 1: b (after a)"
    `);
    expect(message).toContain('Captured spans:\n  orchestrate serial');
  });

  test('when the plan never ran', () => {
    const capture = captureSpans({ label: 'nothing ran' });
    const message = failureOf(() => expect(capture).toMatchPlan({ steps: [{ id: 'a', tool: 'echo' }] }));
    expect(message).toContain('The trace does not match the plan (1 problem):\n  - no orchestrate span was captured');
    expect(message).toContain('No spans were captured.');
  });

  test('.not fails when the trace matches', async () => {
    const capture = captureSpans();
    const plan: PlanInput = { steps: [{ id: 'a', tool: 'echo' }] };
    await new Orchestrator({ tools: [echo] }).run(plan);
    expect(failureOf(() => expect(capture).not.toMatchPlan(plan))).toMatchInlineSnapshot(`
      "Expected the trace not to match the plan, but its 1 run(s) of it do.

      Plan (parallel):
        group 0: a"
    `);
  });
});
