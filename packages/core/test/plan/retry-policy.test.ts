import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import {
  DEFAULT_RETRY_POLICY,
  defineTool,
  explain,
  type PlanIssue,
  PlanValidationError,
  planJsonSchema,
  validatePlan,
} from '../../src/index.js';

const tool = defineTool({ name: 'fetch', input: z.object({}), output: z.unknown(), run: () => 1 });
const tools = new Map([[tool.name, tool]]);

function issuesOf(plan: unknown): Pick<PlanIssue, 'path' | 'code'>[] {
  try {
    validatePlan(plan, tools);
  } catch (error) {
    expect(error).toBeInstanceOf(PlanValidationError);
    return (error as PlanValidationError).issues.map(({ path, code }) => ({ path, code }));
  }
  throw new Error('expected a PlanValidationError');
}

describe('retry policies in plans', () => {
  test('a step without retry is tried once; defaults fill every field left out', () => {
    const plan = validatePlan({ steps: [{ id: 'a', tool: 'fetch' }] }, tools);
    expect(plan.steps[0]?.retry).toEqual(DEFAULT_RETRY_POLICY);
    expect(plan.steps[0]?.retry.attempts).toBe(1);
    expect(plan.steps[0]?.deadlineMs).toBeNull();
  });

  test('the plan default applies to every step; a step overrides it field by field', () => {
    const plan = validatePlan(
      {
        retry: { attempts: 3, backoffMs: 50 },
        steps: [
          { id: 'a', tool: 'fetch' },
          { id: 'b', tool: 'fetch', retry: { backoffMs: 10, jitter: 0.2 } },
          { id: 'c', tool: 'fetch', retry: { attempts: 1 }, deadlineMs: 900 },
        ],
      },
      tools,
    );
    expect(plan.steps.map((step) => step.retry)).toEqual([
      { attempts: 3, backoffMs: 50, factor: 2, maxBackoffMs: 30_000, jitter: 0 },
      { attempts: 3, backoffMs: 10, factor: 2, maxBackoffMs: 30_000, jitter: 0.2 },
      { attempts: 1, backoffMs: 50, factor: 2, maxBackoffMs: 30_000, jitter: 0 },
    ]);
    expect(plan.steps[2]?.deadlineMs).toBe(900);
  });

  test.each([
    ['attempts 0', { retry: { attempts: 0 } }, 'steps[0].retry.attempts', 'invalid_value'],
    ['fractional attempts', { retry: { attempts: 2.5 } }, 'steps[0].retry.attempts', 'invalid_value'],
    ['too many attempts', { retry: { attempts: 1000 } }, 'steps[0].retry.attempts', 'invalid_value'],
    ['negative backoff', { retry: { backoffMs: -1 } }, 'steps[0].retry.backoffMs', 'invalid_value'],
    ['shrinking factor', { retry: { factor: 0.5 } }, 'steps[0].retry.factor', 'invalid_value'],
    ['backoff cap beyond a timer', { retry: { maxBackoffMs: 2 ** 31 } }, 'steps[0].retry.maxBackoffMs', 'invalid_value'],
    ['jitter above 1', { retry: { jitter: 1.5 } }, 'steps[0].retry.jitter', 'invalid_value'],
    ['attempts as text', { retry: { attempts: '3' } }, 'steps[0].retry.attempts', 'invalid_type'],
    ['unknown retry field', { retry: { tries: 3 } }, 'steps[0].retry.tries', 'unknown_field'],
    ['retry not an object', { retry: 3 }, 'steps[0].retry', 'invalid_type'],
    ['zero deadline', { deadlineMs: 0 }, 'steps[0].deadlineMs', 'invalid_value'],
  ])('%s is reported at its field and nothing runs', (_name, fields, path, code) => {
    expect(issuesOf({ steps: [{ id: 'a', tool: 'fetch', ...fields }] })).toEqual([{ path, code }]);
  });

  test("a bad plan-level default is reported at the plan's retry field", () => {
    expect(issuesOf({ retry: { attempts: -2, jitter: 2 }, steps: [{ id: 'a', tool: 'fetch' }] })).toEqual([
      { path: 'retry.attempts', code: 'invalid_value' },
      { path: 'retry.jitter', code: 'invalid_value' },
    ]);
  });

  test('explain shows the effective policy of retried steps, and timeouts and deadlines', () => {
    const plan = explain({
      retry: { attempts: 4 },
      steps: [
        { id: 'a', tool: 'fetch', timeoutMs: 200, deadlineMs: 1500 },
        { id: 'b', tool: 'fetch', retry: { attempts: 1 } },
      ],
    });
    const [a, b] = plan.groups[0]?.steps ?? [];
    expect(a).toMatchObject({
      timeoutMs: 200,
      deadlineMs: 1500,
      retry: { attempts: 4, backoffMs: 100, factor: 2, maxBackoffMs: 30_000, jitter: 0 },
    });
    expect(b).not.toHaveProperty('retry');
    expect(b).not.toHaveProperty('deadlineMs');
  });

  test('the JSON Schema lets a planner write retry policies and deadlines, every field described', () => {
    type Node = { properties?: Record<string, Node>; items?: Node; description?: string; maximum?: number; minimum?: number };
    const schema = planJsonSchema() as Node;
    const step = schema.properties?.steps?.items?.properties ?? {};
    for (const retry of [schema.properties?.retry, step.retry]) {
      expect(retry?.description).toMatch(/retry/i);
      for (const field of ['attempts', 'backoffMs', 'factor', 'maxBackoffMs', 'jitter'])
        expect(retry?.properties?.[field]?.description, field).toMatch(/\w/);
      expect(retry?.properties?.attempts).toMatchObject({ minimum: 1, maximum: 100 });
      expect(retry?.properties?.jitter).toMatchObject({ minimum: 0, maximum: 1 });
    }
    expect(step.deadlineMs?.description).toMatch(/every try/);
  });
});
