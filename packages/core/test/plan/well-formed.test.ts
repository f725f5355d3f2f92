import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { RetryPolicySchema } from '../../src/plan/retry-policy.js';
import { PlanSchema, PlanStepSchema } from '../../src/plan/schema.js';
import { validatePlan } from '../../src/plan/validate.js';
import { PLAN_FIELDS, parseWellFormedPlan, RETRY_FIELDS, STEP_FIELDS } from '../../src/plan/well-formed.js';

/** Own keys at every level, in order: zod's output and the fast pass's must agree on them too. */
function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (typeof value !== 'object' || value === null) return null;
  return Object.entries(value).map(([key, field]) => [key, keyOrder(field)]);
}

class Box {
  query = 'web-01';
}

const MAX_TIMER = 2_147_483_647;
/** Mostly `valid`, sometimes one of the `invalid` values, so that whole plans are valid often enough. */
const mostly = <T>(valid: fc.Arbitrary<T>, ...invalid: fc.Arbitrary<unknown>[]) =>
  fc.oneof({ weight: 30, arbitrary: valid as fc.Arbitrary<unknown> }, ...invalid.map((arbitrary) => ({ weight: 1, arbitrary })));
const badNumber = fc.constantFrom(0, -0, -1, 0.5, 1.5, 101, MAX_TIMER + 1, Number.MAX_SAFE_INTEGER + 2, Infinity, Number.NaN, '3', null);
const integer = (min: number, max: number) => mostly(fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max)), badNumber);
const number = (min: number, max: number) => mostly(fc.oneof(fc.double({ min, max, noNaN: true }), fc.constantFrom(min, max)), badNumber);
const stepId = mostly(
  fc.constantFrom('a', 'b', 'c-1', 'x_Y9', '0'),
  fc.constantFrom('', '__proto__', 'a b', 'é', 'a.b', 1, undefined),
  fc.string({ maxLength: 3 }),
);
const withSymbol = { [Symbol('s')]: 1, q: 'x' };
const hiddenSymbol = Object.defineProperty({ q: 'x' }, Symbol('h'), { value: 1, enumerable: false });
const reservedKey = JSON.parse('{"__proto__": "x", "q": "y"}') as Record<string, unknown>;
const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, { q: 'x', '2': 'two', '1': 'one' });
const hiddenKey = Object.defineProperty({ q: 'x' }, 'hidden', { value: 'h', enumerable: false });
const inherited = Object.create({ q: 'inherited' }) as Record<string, unknown>;
const exotic = fc.constantFrom<unknown>(
  withSymbol,
  hiddenSymbol,
  reservedKey,
  nullProto,
  hiddenKey,
  inherited,
  new Box(),
  { constructor: Box, q: 'x' },
  { constructor: 'not a function', q: 'x' },
  new Map(),
  [],
  null,
  'text',
  { '': 'empty' },
);
const record = (value: fc.Arbitrary<unknown>) =>
  mostly(fc.dictionary(fc.string({ maxLength: 3 }), value, { maxKeys: 3 }), exotic, fc.constant(undefined));
const retry = mostly(
  fc.record(
    {
      attempts: integer(1, 100),
      backoffMs: integer(0, MAX_TIMER),
      factor: number(1, 100),
      maxBackoffMs: integer(0, MAX_TIMER),
      jitter: number(0, 1),
    },
    { requiredKeys: [] },
  ),
  fc.constantFrom(undefined, null, [], 'retry', { tries: 2 }),
);
const step = mostly(
  fc.record(
    {
      id: stepId,
      tool: mostly(fc.constantFrom('t', 'work', ' '), fc.constantFrom('', 1)),
      input: record(fc.jsonValue()),
      dependsOn: mostly(fc.array(stepId, { maxLength: 3 }), fc.constantFrom(undefined, 'a', [undefined])),
      inputFrom: record(mostly(fc.string({ maxLength: 6 }), fc.constant(1))),
      timeoutMs: integer(1, MAX_TIMER),
      deadlineMs: integer(1, MAX_TIMER),
      retry,
    },
    { requiredKeys: ['id', 'tool'] },
  ),
  exotic,
  fc.constant({ id: 'a', tool: 't', depends_on: ['b'] }),
);
const anyPlan = mostly(
  fc.record(
    {
      strategy: mostly(fc.constantFrom('serial', 'parallel', 'dag', undefined), fc.constantFrom('DAG', '', 1)),
      failurePolicy: mostly(fc.constantFrom('fail-fast', 'continue', undefined), fc.constantFrom('stop', null)),
      maxConcurrency: integer(1, 1000),
      retry,
      steps: mostly(fc.array(step, { minLength: 1, maxLength: 3 }), exotic, fc.constant([])),
    },
    { requiredKeys: ['steps'] },
  ),
  exotic,
  fc.constant({ steps: [{ id: 'a', tool: 't' }], strategyy: 'dag' }),
);

const validStepId = fc.stringMatching(/^[A-Za-z0-9_-]{1,6}$/).filter((id) => id !== '__proto__');
const validRetry = fc.record(
  {
    attempts: fc.integer({ min: 1, max: 100 }),
    backoffMs: fc.integer({ min: 0, max: MAX_TIMER }),
    factor: fc.double({ min: 1, max: 100, noNaN: true }),
    maxBackoffMs: fc.integer({ min: 0, max: MAX_TIMER }),
    jitter: fc.double({ min: 0, max: 1, noNaN: true }),
  },
  { requiredKeys: [] },
);
const validPlan = fc.record(
  {
    strategy: fc.constantFrom('serial', 'parallel', 'dag'),
    failurePolicy: fc.constantFrom('fail-fast', 'continue'),
    maxConcurrency: fc.integer({ min: 1, max: 1000 }),
    retry: validRetry,
    steps: fc.array(
      fc.record(
        {
          id: validStepId,
          tool: fc.string({ minLength: 1, maxLength: 5 }),
          input: fc.dictionary(
            fc.string({ minLength: 1, maxLength: 4 }).filter((key) => key !== '__proto__'),
            fc.jsonValue(),
            { maxKeys: 3 },
          ),
          dependsOn: fc.array(validStepId, { maxLength: 3 }),
          inputFrom: fc.dictionary(
            fc.string({ minLength: 1, maxLength: 4 }).filter((key) => key !== '__proto__'),
            fc.string({ maxLength: 8 }),
            { maxKeys: 2 },
          ),
          timeoutMs: fc.integer({ min: 1, max: MAX_TIMER }),
          deadlineMs: fc.integer({ min: 1, max: MAX_TIMER }),
          retry: validRetry,
        },
        { requiredKeys: ['id', 'tool'] },
      ),
      { minLength: 1, maxLength: 5 },
    ),
  },
  { requiredKeys: ['steps'] },
);

describe('the well-formed fast pass', () => {
  test('whatever it accepts, the schema accepts, and it returns what the schema returns, key order included', () => {
    let accepted = 0;
    fc.assert(
      fc.property(anyPlan, (plan) => {
        const fast = parseWellFormedPlan(plan);
        if (!fast) return;
        accepted++;
        const parsed = PlanSchema.safeParse(plan);
        expect(parsed.success).toBe(true);
        expect(fast).toStrictEqual(parsed.data);
        expect(keyOrder(fast)).toEqual(keyOrder(parsed.data));
      }),
      { numRuns: 3000 },
    );
    // Not vacuous: a good share of the mixed plans are valid.
    expect(accepted).toBeGreaterThan(200);
  });

  test('steps of id, tool, input and dependsOn alone, in any order and with undefined values, come out as the schema outputs them', () => {
    const inputs = [{}, { input: undefined }, { input: { n: 1 } }];
    const dependencies = [{}, { dependsOn: undefined }, { dependsOn: ['a'] }];
    for (const input of inputs)
      for (const dependsOn of dependencies)
        for (const step of [
          { id: 'b', tool: 't', ...input, ...dependsOn },
          { ...dependsOn, ...input, tool: 't', id: 'b' },
        ]) {
          const plan = { steps: [{ id: 'a', tool: 't' }, step] };
          const fast = parseWellFormedPlan(plan);
          expect(fast).toStrictEqual(PlanSchema.parse(plan));
          expect(keyOrder(fast)).toEqual(keyOrder(PlanSchema.parse(plan)));
        }
  });

  test('it accepts every valid plan made of ordinary objects, as the schema parses it', () => {
    fc.assert(
      fc.property(validPlan, (plan) => {
        const fast = parseWellFormedPlan(plan);
        expect(fast).toStrictEqual(PlanSchema.parse(plan));
        expect(keyOrder(fast)).toEqual(keyOrder(PlanSchema.parse(plan)));
      }),
      { numRuns: 500 },
    );
  });

  test('it copies what the schema copies: steps, input, inputFrom and dependsOn', () => {
    const plan = { steps: [{ id: 'a', tool: 't', input: { q: 1 }, dependsOn: [], inputFrom: { f: 'b.x' } }] };
    const step = parseWellFormedPlan(plan)?.steps[0];
    expect(step).toEqual(plan.steps[0]);
    expect(step).not.toBe(plan.steps[0]);
    expect(step?.input).not.toBe(plan.steps[0]?.input);
    expect(step?.inputFrom).not.toBe(plan.steps[0]?.inputFrom);
    expect(step?.dependsOn).not.toBe(plan.steps[0]?.dependsOn);
  });

  test('it knows the same fields as the schemas', () => {
    expect([...PLAN_FIELDS]).toEqual(Object.keys(PlanSchema.shape));
    expect([...STEP_FIELDS]).toEqual(Object.keys(PlanStepSchema.shape));
    expect([...RETRY_FIELDS]).toEqual(Object.keys(RetryPolicySchema.shape));
  });

  test('a valid plan is not parsed by the schema; an invalid one is, so its issues are the schema’s', () => {
    const parse = vi.spyOn(PlanSchema, 'safeParse');
    try {
      validatePlan({
        steps: [
          { id: 'a', tool: 't' },
          { id: 'b', tool: 't', dependsOn: ['a'] },
        ],
      });
      expect(parse).not.toHaveBeenCalled();
      expect(() => validatePlan({ steps: [{ id: 'a', tool: 't', timeoutMs: 0 }] })).toThrow(/steps\[0\]\.timeoutMs/);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });
});
