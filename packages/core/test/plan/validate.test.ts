import { describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import type { AnyTool, PlanIssue } from '../../src/index.js';
import { defineTool, Orchestrator, PlanValidationError, validatePlan } from '../../src/index.js';

const ciLookup = defineTool({
  name: 'ci_lookup',
  input: z.object({ query: z.string() }),
  output: z.object({ ci: z.object({ id: z.string() }) }),
  run: ({ query }) => ({ ci: { id: `ci-${query}` } }),
});
const metricsQuery = defineTool({
  name: 'metrics_query',
  input: z.object({ ciId: z.string(), window: z.enum(['1h', '24h']), limit: z.number().optional() }),
  output: z.object({ p99: z.number() }),
  run: () => ({ p99: 1 }),
});
const tools = new Map([ciLookup, metricsQuery].map((tool) => [tool.name, tool] as const));

function issuesOf(plan: unknown): PlanIssue[] {
  try {
    validatePlan(plan, tools);
  } catch (error) {
    expect(error).toBeInstanceOf(PlanValidationError);
    expect((error as PlanValidationError).code).toBe('PLAN_INVALID');
    return [...(error as PlanValidationError).issues];
  }
  throw new Error('expected a PlanValidationError');
}

const primary = { id: 'primary', tool: 'ci_lookup', input: { query: 'web-01' } };
const metrics = {
  id: 'metrics',
  tool: 'metrics_query',
  dependsOn: ['primary'],
  input: { window: '1h' },
  inputFrom: { ciId: 'primary.ci.id' },
};

describe('validatePlan', () => {
  test('accepts the issue example and resolves defaults', () => {
    const plan = validatePlan({ steps: [primary, metrics] }, tools);
    expect(plan.strategy).toBe('dag');
    expect(plan.failurePolicy).toBe('fail-fast');
    expect(plan.maxConcurrency).toBeNull();
    expect(plan.steps.map((step) => [step.id, step.groupIndex])).toEqual([
      ['primary', 0],
      ['metrics', 1],
    ]);
  });

  test('a validated plan has exactly its documented fields', () => {
    const plan = validatePlan({ steps: [primary, metrics] }, tools);
    expect(Object.keys(plan)).toEqual(['strategy', 'failurePolicy', 'maxConcurrency', 'steps', 'groups', 'dependents']);
    expect(Object.keys(plan.steps[0] ?? {})).toEqual([
      'id',
      'tool',
      'index',
      'input',
      'dependsOn',
      'dependencyIndexes',
      'inputFrom',
      'inputFromSource',
      'timeoutMs',
      'deadlineMs',
      'retry',
      'groupIndex',
    ]);
  });

  test('an omitted strategy is parallel when no step has dependsOn', () => {
    expect(validatePlan({ steps: [primary, { ...primary, id: 'b' }] }, tools).strategy).toBe('parallel');
  });

  test.each([
    ['unknown strategy', { strategy: 'fanout', steps: [primary] }, 'strategy', 'invalid_value'],
    ['empty id', { steps: [{ ...primary, id: '' }] }, 'steps[0].id', 'invalid_value'],
    ['bad timeout', { steps: [{ ...primary, timeoutMs: -5 }] }, 'steps[0].timeoutMs', 'invalid_value'],
    ['fractional maxConcurrency', { maxConcurrency: 1.5, steps: [primary] }, 'maxConcurrency', 'invalid_value'],
    ['string maxConcurrency', { maxConcurrency: '8', steps: [primary] }, 'maxConcurrency', 'invalid_type'],
    ['no steps', { steps: [] }, 'steps', 'invalid_value'],
    ['unknown key', { steps: [{ ...primary, dependson: [] }] }, 'steps[0].dependson', 'unknown_field'],
    ['reserved id', { steps: [{ ...primary, id: '__proto__' }] }, 'steps[0].id', 'invalid_value'],
    ['duplicate id', { steps: [primary, primary] }, 'steps[1].id', 'duplicate_id'],
    ['unknown tool', { steps: [{ ...primary, tool: 'nope' }] }, 'steps[0].tool', 'unknown_tool'],
    [
      'missing dependency',
      { steps: [primary, { ...metrics, dependsOn: ['primary', 'ghost'] }] },
      'steps[1].dependsOn[1]',
      'missing_dependency',
    ],
    ['self dependency', { steps: [{ ...primary, dependsOn: ['primary'] }] }, 'steps[0].dependsOn[0]', 'self_dependency'],
    ['dependsOn under parallel', { strategy: 'parallel', steps: [primary, metrics] }, 'steps[1].dependsOn', 'dependency_not_allowed'],
    [
      'serial dependency on a later step',
      {
        strategy: 'serial',
        steps: [
          { ...primary, dependsOn: ['metrics'] },
          { ...metrics, dependsOn: [], inputFrom: {}, input: { ciId: 'x', window: '1h' } },
        ],
      },
      'steps[0].dependsOn[0]',
      'forward_dependency',
    ],
    [
      'inputFrom on a step not in dependsOn',
      { steps: [primary, { ...metrics, dependsOn: [], inputFrom: { ciId: 'primary.ci.id' } }] },
      'steps[1].inputFrom.ciId',
      'invalid_mapping',
    ],
    [
      'malformed inputFrom path',
      { steps: [primary, { ...metrics, inputFrom: { ciId: 'primary..id' } }] },
      'steps[1].inputFrom.ciId',
      'invalid_mapping',
    ],
    [
      'inputFrom into a field the tool lacks',
      { steps: [primary, { ...metrics, inputFrom: { ciId: 'primary.ci.id', host: 'primary.ci' } }] },
      'steps[1].inputFrom.host',
      'invalid_mapping',
    ],
    ['invalid static input', { steps: [primary, { ...metrics, input: { window: '7d' } }] }, 'steps[1].input.window', 'invalid_input'],
    ['missing required input', { steps: [{ ...primary, input: {} }] }, 'steps[0].input.query', 'invalid_input'],
  ])('%s is reported at its path', (_name, plan, path, code) => {
    const issues = issuesOf(plan);
    expect(issues).toContainEqual(expect.objectContaining({ path, code }));
  });

  test('a cycle is named in full', () => {
    const issues = issuesOf({
      steps: [
        { id: 'a', tool: 'ci_lookup', input: { query: 'q' }, dependsOn: ['c'] },
        { id: 'b', tool: 'ci_lookup', input: { query: 'q' }, dependsOn: ['a'] },
        { id: 'c', tool: 'ci_lookup', input: { query: 'q' }, dependsOn: ['b'] },
      ],
    });
    expect(issues).toEqual([{ path: 'steps[0].dependsOn', code: 'cycle', message: 'dependency cycle: a → c → b → a' }]);
  });

  test('every problem is listed, and the message names each path', () => {
    const error = (() => {
      try {
        validatePlan(
          {
            steps: [
              { ...primary, tool: 'nope' },
              { ...metrics, dependsOn: ['ghost'] },
            ],
          },
          tools,
        );
      } catch (caught) {
        return caught as PlanValidationError;
      }
      throw new Error('no error');
    })();
    expect(error.issues.map((issue) => issue.path)).toEqual(['steps[1].dependsOn[0]', 'steps[1].inputFrom.ciId', 'steps[0].tool']);
    expect(error.message).toContain('steps[0].tool: unknown tool "nope"; registered tools: ci_lookup, metrics_query');
    expect(error.message).toContain('nothing was run');
  });

  test('dependency and mapping problems carry their messages, in the order of their kinds', () => {
    expect(
      issuesOf({
        strategy: 'serial',
        steps: [
          { ...primary, dependsOn: ['primary', 'later', 'nowhere'] },
          { ...metrics, dependsOn: ['primary', 'primary'], inputFrom: { ciId: 'primary..id', window: 'later.window' } },
          { id: 'later', tool: 'ci_lookup', input: { query: 'q' } },
        ],
      }),
    ).toEqual([
      { path: 'steps[0].dependsOn[0]', code: 'self_dependency', message: 'step "primary" depends on itself' },
      {
        path: 'steps[0].dependsOn[1]',
        code: 'forward_dependency',
        message: 'under "serial", "primary" cannot depend on "later", which runs later (steps run in listed order)',
      },
      { path: 'steps[0].dependsOn[2]', code: 'missing_dependency', message: 'depends on "nowhere", which is not a step of this plan' },
      { path: 'steps[1].dependsOn[1]', code: 'invalid_value', message: '"primary" is listed twice' },
      {
        path: 'steps[1].inputFrom.ciId',
        code: 'invalid_mapping',
        message: '"primary..id" is not a valid source; write "<stepId>.<field>[.<field>|[<n>]]..."',
      },
      {
        path: 'steps[1].inputFrom.window',
        code: 'invalid_mapping',
        message: 'reads from step "later", which is not in this step\'s dependsOn',
      },
    ]);
  });

  test('nothing runs when the plan is invalid', async () => {
    const run = vi.fn(() => ({ ci: { id: 'x' } }));
    const spy = defineTool({
      name: 'ci_lookup',
      input: z.object({ query: z.string() }),
      output: z.object({ ci: z.object({ id: z.string() }) }),
      run,
    });
    const orchestrator = new Orchestrator({ tools: [spy] });
    await expect(orchestrator.run({ steps: [{ ...primary }, { ...primary, id: 'b', dependsOn: ['ghost'] }] })).rejects.toBeInstanceOf(
      PlanValidationError,
    );
    expect(run).not.toHaveBeenCalled();
  });

  test('without tools, only the plan structure is checked', () => {
    expect(validatePlan({ steps: [{ id: 'x', tool: 'anything' }] }).steps).toHaveLength(1);
  });
});

describe('inputFrom targets', () => {
  test('a loose object schema accepts inputFrom into fields it does not name; a strict one does not', () => {
    const loose = defineTool({ name: 'loose', input: z.looseObject({}), output: z.unknown(), run: () => 1 });
    const strict = defineTool({ name: 'strict', input: z.strictObject({}), output: z.unknown(), run: () => 1 });
    const registry = new Map([ciLookup, loose, strict].map((tool) => [tool.name, tool] as const));
    const plan = (tool: string) => ({
      steps: [primary, { id: 'use', tool, dependsOn: ['primary'], inputFrom: { anything: 'primary.ci.id' } }],
    });
    expect(validatePlan(plan('loose'), registry).steps[1]?.inputFrom).toHaveLength(1);
    expect(() => validatePlan(plan('strict'), registry)).toThrow(
      'steps[1].inputFrom.anything: tool "strict" has no input field "anything"',
    );
  });
});

describe('huge cycles', () => {
  test('the message keeps both ends of a cycle too long to list', () => {
    const size = 1000;
    const steps = Array.from({ length: size }, (_, n) => ({ id: `s${n}`, tool: 't', dependsOn: [`s${(n + 1) % size}`] }));
    const issue = (() => {
      try {
        validatePlan({ steps });
      } catch (error) {
        return (error as PlanValidationError).issues[0];
      }
    })();
    expect(issue?.code).toBe('cycle');
    expect(issue?.message).toBe(
      'dependency cycle: s0 → s1 → s2 → s3 → s4 → s5 → s6 → s7 → s8 → s9 → …(986 more)… → s996 → s997 → s998 → s999 → s0',
    );
  });
});

function validateWith(tool: AnyTool, plan: unknown): PlanIssue[] {
  try {
    validatePlan(plan, new Map([[tool.name, tool]]));
  } catch (error) {
    return [...(error as PlanValidationError).issues];
  }
  return [];
}

describe('static input against the whole schema', () => {
  const strict = defineTool({ name: 'strict', input: z.strictObject({ q: z.string() }), output: z.unknown(), run: () => 1 });
  const range = defineTool({
    name: 'range',
    input: z.object({ lo: z.number(), hi: z.number() }).refine(({ lo, hi }) => lo < hi, 'lo must be below hi'),
    output: z.unknown(),
    run: () => 1,
  });
  const registry = new Map([ciLookup, strict, range].map((tool) => [tool.name, tool] as const));
  const issues = (plan: unknown) => {
    try {
      validatePlan(plan, registry);
    } catch (error) {
      return [...(error as PlanValidationError).issues];
    }
    return [];
  };

  test('an unknown key of a strict object is reported, with or without inputFrom', () => {
    expect(issues({ steps: [{ id: 's', tool: 'strict', input: { q: 'x', qury: 'typo' } }] })).toEqual([
      expect.objectContaining({ path: 'steps[0].input', code: 'invalid_input', message: expect.stringContaining('qury') }),
    ]);
    expect(
      issues({
        steps: [primary, { id: 's', tool: 'strict', dependsOn: ['primary'], input: { qury: 'typo' }, inputFrom: { q: 'primary.ci.id' } }],
      }),
    ).toEqual([{ path: 'steps[1].input.qury', code: 'invalid_input', message: 'tool "strict" does not accept "qury"' }]);
  });

  test('object-level refinements run when the whole input is static', () => {
    expect(issues({ steps: [{ id: 'r', tool: 'range', input: { lo: 5, hi: 1 } }] })).toEqual([
      { path: 'steps[0].input', code: 'invalid_input', message: 'lo must be below hi' },
    ]);
    expect(issues({ steps: [{ id: 'r', tool: 'range', input: { lo: 1, hi: 5 } }] })).toEqual([]);
  });

  test('a field the object may omit but whose schema rejects undefined is still reported as required', () => {
    const picky = defineTool({
      name: 'picky',
      input: z.object({
        q: z.string(),
        note: z
          .string()
          .optional()
          .refine((note) => note !== undefined, 'note is needed'),
      }),
      output: z.unknown(),
      run: () => 1,
    });
    expect(picky.input.safeParse({ q: 'x' }).success).toBe(true);
    expect(validateWith(picky, { steps: [{ id: 'p', tool: 'picky', input: { q: 'x' } }] })).toEqual([
      { path: 'steps[0].input.note', code: 'invalid_input', message: 'tool "picky" requires "note"; give it in input or inputFrom' },
    ]);
    expect(validateWith(picky, { steps: [{ id: 'p', tool: 'picky', input: { q: 1 } }] })).toEqual([
      { path: 'steps[0].input.q', code: 'invalid_input', message: 'Invalid input: expected string, received number' },
      { path: 'steps[0].input.note', code: 'invalid_input', message: 'tool "picky" requires "note"; give it in input or inputFrom' },
    ]);
  });

  test('a cycle is reported together with other problems', () => {
    const found = issues({
      steps: [
        { id: 'a', tool: 'nope', dependsOn: ['b'] },
        { id: 'b', tool: 'ci_lookup', input: { query: 'q' }, dependsOn: ['a'] },
      ],
    });
    expect(found.map((issue) => issue.code).sort()).toEqual(['cycle', 'unknown_tool']);
  });
});

describe('everything at once', () => {
  test('a schema problem elsewhere does not hide the step problems', () => {
    const found = issuesOf({
      strategy: 'serial',
      maxConcurrency: 0,
      steps: [
        { ...primary, dependsOn: ['later'] },
        { ...primary, id: 'later' },
      ],
    });
    expect(found.map((issue) => [issue.path, issue.code])).toEqual([
      ['maxConcurrency', 'invalid_value'],
      ['steps[0].dependsOn[0]', 'forward_dependency'],
    ]);
  });

  test('one issue per field from the schema', () => {
    const found = issuesOf({ steps: [{ ...primary, id: '' }] });
    expect(found.filter((issue) => issue.path === 'steps[0].id')).toHaveLength(1);
  });
});

describe('reserved names in a JSON plan', () => {
  test('"__proto__" as an inputFrom field is a validation issue naming the field, not silently dropped', () => {
    const plan = JSON.parse(
      '{"steps":[{"id":"primary","tool":"ci_lookup","input":{"query":"q"}},' +
        '{"id":"metrics","tool":"metrics_query","dependsOn":["primary"],"input":{"window":"1h"},' +
        '"inputFrom":{"__proto__":"primary.ci.id","ciId":"primary.ci.id"}}]}',
    );
    expect(issuesOf(plan)).toContainEqual({
      path: 'steps[1].inputFrom.__proto__',
      code: 'invalid_value',
      message: 'field "__proto__" is reserved',
    });
  });

  test('an own "__proto__" field that is not enumerable is reported too, for input and inputFrom', () => {
    const hidden = <Fields extends object>(fields: Fields, value: unknown): Fields =>
      Object.defineProperty(fields, '__proto__', { value, enumerable: false, configurable: true, writable: true });
    const plan = {
      steps: [
        { id: 'primary', tool: 'ci_lookup', input: hidden({ query: 'q' }, { x: 1 }) },
        { ...metrics, inputFrom: hidden({ ciId: 'primary.ci.id' }, 'primary.ci.id') },
      ],
    };
    expect(issuesOf(plan)).toEqual([
      { path: 'steps[0].input.__proto__', code: 'invalid_value', message: 'field "__proto__" is reserved' },
      { path: 'steps[1].inputFrom.__proto__', code: 'invalid_value', message: 'field "__proto__" is reserved' },
    ]);
    expect(() => new Orchestrator({ tools: [ciLookup, metricsQuery] }).explain(plan)).toThrow(
      expect.objectContaining({ issues: issuesOf(plan) }) as unknown as Error,
    );
  });

  test('"__proto__" as an input field is reported too, also next to schema problems', () => {
    const plan = JSON.parse('{"steps":[{"id":"primary","tool":"ci_lookup","input":{"query":"q","__proto__":{"x":1}},"timeoutMs":-1}]}');
    const issues = issuesOf(plan);
    expect(issues).toContainEqual({ path: 'steps[0].input.__proto__', code: 'invalid_value', message: 'field "__proto__" is reserved' });
    expect(issues.map((issue) => issue.path)).toContain('steps[0].timeoutMs');
  });
});

describe('"did you mean" for a misspelt name', () => {
  const messageAt = (plan: unknown, path: string) => issuesOf(plan).find((issue) => issue.path === path)?.message;
  const primary = { id: 'primary', tool: 'ci_lookup', input: { query: 'q' } };

  test.each([
    ['a step field', { steps: [{ ...primary, depends_on: [] }] }, 'steps[0].depends_on', 'did you mean "dependsOn"?'],
    ['a step field with a typo', { steps: [{ tool: 'ci_lookup', idd: 'x', input: { query: 'q' } }] }, 'steps[0].idd', 'did you mean "id"?'],
    ['a plan field', { strateg: 'dag', steps: [primary] }, 'strateg', 'did you mean "strategy"?'],
    ['a tool name', { steps: [{ ...primary, tool: 'ci_lookpu' }] }, 'steps[0].tool', 'did you mean "ci_lookup"?'],
    [
      'a step id in dependsOn',
      { steps: [primary, { id: 'm', tool: 'ci_lookup', input: { query: 'q' }, dependsOn: ['primray'] }] },
      'steps[1].dependsOn[0]',
      'did you mean "primary"?',
    ],
    [
      'a step id in inputFrom',
      {
        steps: [
          primary,
          { id: 'm', tool: 'metrics_query', input: { window: '1h' }, dependsOn: ['primary'], inputFrom: { ciId: 'primry.ci.id' } },
        ],
      },
      'steps[1].inputFrom.ciId',
      'did you mean "primary"?',
    ],
    [
      "a tool's input field in inputFrom",
      {
        steps: [
          primary,
          {
            id: 'm',
            tool: 'metrics_query',
            input: { window: '1h', ciId: 'x' },
            dependsOn: ['primary'],
            inputFrom: { ciID: 'primary.ci.id' },
          },
        ],
      },
      'steps[1].inputFrom.ciID',
      'did you mean "ciId"?',
    ],
  ])('%s', (_name, plan, path, suggestion) => {
    expect(messageAt(plan, path)).toContain(suggestion);
  });

  test('no suggestion when nothing is close', () => {
    expect(messageAt({ steps: [{ ...primary, tool: 'zzz' }] }, 'steps[0].tool')).not.toContain('did you mean');
    expect(messageAt({ steps: [{ ...primary, colour: 1 }] }, 'steps[0].colour')).not.toContain('did you mean');
  });
});

describe('a plan the fast pass gives up on part way', () => {
  // A non-enumerable symbol key: the hand-written pass leaves such an input to the schema, which accepts it.
  const hiddenSymbol = (fields: Record<string, unknown>) => Object.defineProperty(fields, Symbol('h'), { value: 1, enumerable: false });

  test("reports each earlier step's problems once, as the schema's path does", () => {
    const plan = {
      steps: [
        { id: 'primary', tool: 'ci_lookup', input: { query: 1 } },
        { id: 'later', tool: 'ci_lookup', input: hiddenSymbol({ query: 'x' }), inputFrom: { query: 'nowhere.x' } },
      ],
    };
    expect(issuesOf(plan).map((issue) => issue.path)).toEqual(['steps[1].inputFrom.query', 'steps[0].input.query']);
    expect(() => new Orchestrator({ tools: [ciLookup] }).explain(plan)).toThrow(
      expect.objectContaining({ issues: issuesOf(plan) }) as unknown as Error,
    );
  });

  test('a valid one is explained as its validated plan is described', () => {
    const plan = { steps: [primary, { id: 'later', tool: 'ci_lookup', input: hiddenSymbol({ query: 'x' }), dependsOn: ['primary'] }] };
    const orchestrator = new Orchestrator({ tools: [ciLookup] });
    expect(orchestrator.explain(plan).groups.map((group) => group.stepIds)).toEqual([['primary'], ['later']]);
  });
});

describe('validated steps', () => {
  test('a step without inputFrom has an empty mapping list, which no one can grow for another step', () => {
    const plan = validatePlan({
      steps: [
        { id: 'a', tool: 't' },
        { id: 'b', tool: 't', dependsOn: ['a'], inputFrom: { x: 'a.y' } },
      ],
    });
    expect(plan.steps[0]?.inputFrom).toEqual([]);
    expect(plan.steps[1]?.inputFrom).toEqual([{ field: 'x', source: 'a.y', path: expect.objectContaining({ stepId: 'a' }) }]);
    expect(() => plan.steps[0]?.inputFrom.push(plan.steps[1]?.inputFrom[0] as never)).toThrow(TypeError);
    expect(validatePlan({ steps: [{ id: 'c', tool: 't' }] }).steps[0]?.inputFrom).toEqual([]);
  });

  test('a tool whose input is not an object schema has its static input checked whole', () => {
    const tagged = defineTool({ name: 'tagged', input: z.string().or(z.number()), output: z.unknown(), run: () => 1 });
    const tools = new Map<string, AnyTool>([['tagged', tagged]]);
    const invalid = () => validatePlan({ steps: [{ id: 'a', tool: 'tagged', input: { n: 1 } }] }, tools);
    expect(invalid).toThrow(PlanValidationError);
    expect(() => invalid()).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'steps[0].input', code: 'invalid_input' })] }),
    );
  });
});
