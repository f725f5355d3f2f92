import { defineTool, Orchestrator, type PlanInput } from '@tooltrace/core';
import { attemptSelector, captureSpans, stepSelector } from '@tooltrace/testing';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { failureOf } from '../support.js';

/** A tool that throws on its first `failures` calls, then answers. */
function flaky(failures: number) {
  let calls = 0;
  return defineTool({
    name: 'flaky',
    input: z.object({}),
    output: z.object({ ok: z.boolean() }),
    run: () => {
      calls++;
      if (calls <= failures) throw new Error(`503 on call ${calls}`);
      return { ok: true };
    },
  });
}

const retried = (attempts: number): PlanInput => ({
  steps: [
    { id: 'fetch', tool: 'flaky', retry: { attempts, backoffMs: 0 } },
    { id: 'after', tool: 'flaky', dependsOn: ['fetch'] },
  ],
});

async function runFlaky(failures: number, plan: PlanInput) {
  const capture = captureSpans();
  const result = await new Orchestrator({ tools: [flaky(failures)] }).run(plan);
  return { capture, result };
}

describe('plans with retried steps', () => {
  test('a step that succeeds on its third try matches its plan; attempt spans are not taken for steps', async () => {
    const { capture, result } = await runFlaky(2, retried(3));
    expect(result.steps.map((step) => [step.id, step.status, step.attempts])).toEqual([
      ['fetch', 'ok', 3],
      ['after', 'ok', 1],
    ]);
    expect(capture).toMatchPlan(retried(3));
    expect(capture).toMatchPlan(retried(3), { attempts: { fetch: 3, after: 1 } });
    expect(capture).toHaveSpanCount('execute_tool', 2);
    expect(capture).toHaveSpanCount(attemptSelector('fetch'), 3);
    expect(capture).toHaveSpan(attemptSelector('fetch', 2), { status: { code: 'error', message: '503 on call 2' }, events: ['exception'] });
    expect(capture).toHaveSpan(attemptSelector('fetch', 3), { attributes: { 'tooltrace.attempt.status': 'ok' } });
    expect(capture).toHaveSpan(stepSelector('fetch'), { attributes: { 'tooltrace.step.attempts': 3 } });
  });

  test('a wrong number of expected attempts is reported with what the trace shows', async () => {
    const { capture } = await runFlaky(1, retried(3));
    const message = failureOf(() => expect(capture).toMatchPlan(retried(3), { attempts: { fetch: 3 } }));
    expect(message).toContain('step "fetch": expected 3 attempt(s), the trace shows 2');
    expect(() => expect(capture).not.toMatchPlan(retried(3), { attempts: { fetch: 3 } })).not.toThrow();
  });

  test('more attempt spans than the policy allows, or attempt spans under a step without retry, are problems', async () => {
    const { capture } = await runFlaky(2, retried(3));
    expect(failureOf(() => expect(capture).toMatchPlan(retried(2)))).toContain(
      'step "fetch": 3 attempt spans, but its retry policy allows 2',
    );
    const withoutRetry: PlanInput = {
      steps: [
        { id: 'fetch', tool: 'flaky' },
        { id: 'after', tool: 'flaky', dependsOn: ['fetch'] },
      ],
    };
    expect(failureOf(() => expect(capture).toMatchPlan(withoutRetry))).toContain(
      'step "fetch": 3 attempt span(s), but its plan has no retry policy',
    );
  });

  test('expectations that name a step outside the plan are reported', async () => {
    const { capture } = await runFlaky(0, retried(2));
    expect(failureOf(() => expect(capture).toMatchPlan(retried(2), { attempts: { fecth: 1 } }))).toContain(
      'expected attempts name step "fecth", which is not in the plan',
    );
  });

  test('a step that failed every try: each attempt failed, the last one too', async () => {
    const { capture, result } = await runFlaky(5, retried(3));
    expect(result.steps[0]).toMatchObject({ status: 'error', attempts: 3 });
    expect(capture).toMatchPlan(retried(3), { attempts: { fetch: 3, after: 0 } });
    expect(capture).toHaveSpanCount(`${attemptSelector('fetch')}[tooltrace.attempt.status="error"]`, 3);
  });
});
