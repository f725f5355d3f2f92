import { describe, expect, test } from 'vitest';
import { explain, planJsonSchema, validatePlan } from '../../src/index.js';
import { describePlan } from '../../src/plan/explain.js';
import { longestChain } from '../../src/plan/graph.js';
import type { PlanInput } from '../../src/plan/schema.js';

describe('explain', () => {
  test('describes groups, dependencies, totals and the critical path without running anything', () => {
    const plan = explain({
      maxConcurrency: 8,
      steps: [
        { id: 'primary', tool: 'ci_lookup' },
        { id: 'metrics', tool: 'metrics_query', dependsOn: ['primary'], inputFrom: { ciId: 'primary.ci.id' } },
        { id: 'events', tool: 'event_search', dependsOn: ['primary'] },
        { id: 'correlate', tool: 'correlate', dependsOn: ['metrics', 'events'] },
      ],
    });
    expect(plan).toEqual({
      strategy: 'dag',
      failurePolicy: 'fail-fast',
      maxConcurrency: 8,
      totalSteps: 4,
      totalGroups: 3,
      stepIds: ['primary', 'metrics', 'events', 'correlate'],
      groups: [
        {
          index: 0,
          parallel: false,
          stepIds: ['primary'],
          steps: [{ id: 'primary', tool: 'ci_lookup', dependsOn: [], dependsOnGroups: [] }],
        },
        {
          index: 1,
          parallel: true,
          stepIds: ['metrics', 'events'],
          steps: [
            { id: 'metrics', tool: 'metrics_query', dependsOn: ['primary'], dependsOnGroups: [0], inputFrom: { ciId: 'primary.ci.id' } },
            { id: 'events', tool: 'event_search', dependsOn: ['primary'], dependsOnGroups: [0] },
          ],
        },
        {
          index: 2,
          parallel: false,
          stepIds: ['correlate'],
          steps: [{ id: 'correlate', tool: 'correlate', dependsOn: ['metrics', 'events'], dependsOnGroups: [1] }],
        },
      ],
      criticalPath: ['primary', 'metrics', 'correlate'],
    });
  });

  test('dependsOnGroups lists each group of a wide fan-in once, ascending', () => {
    const roots = Array.from({ length: 20 }, (_, index) => ({ id: `r${index}`, tool: 't' }));
    const middle = Array.from({ length: 20 }, (_, index) => ({ id: `m${index}`, tool: 't', dependsOn: [`r${index}`] }));
    const fanIn = { id: 'all', tool: 't', dependsOn: [...middle, ...roots].map((step) => step.id).reverse() };
    const pair = { id: 'pair', tool: 't', dependsOn: ['m0', 'r1'] };
    const plan = explain({ steps: [...roots, ...middle, fanIn, pair] });
    const described = plan.groups[2]?.steps ?? [];
    expect(described.map((step) => [step.id, step.dependsOnGroups])).toEqual([
      ['all', [0, 1]],
      ['pair', [0, 1]],
    ]);
    expect(plan.criticalPath).toEqual(['r0', 'm0', 'all']);
  });

  test('serial: one group per step, and the whole plan is the critical path', () => {
    const plan = explain({
      strategy: 'serial',
      steps: [
        { id: 'a', tool: 't' },
        { id: 'b', tool: 't' },
      ],
    });
    expect(plan.groups.map((group) => [group.index, group.stepIds, group.parallel])).toEqual([
      [0, ['a'], false],
      [1, ['b'], false],
    ]);
    expect(plan.criticalPath).toEqual(['a', 'b']);
  });

  test('parallel: one group, parallel unless the limit is 1', () => {
    expect(
      explain({
        steps: [
          { id: 'a', tool: 't' },
          { id: 'b', tool: 't' },
        ],
      }).groups[0]?.parallel,
    ).toBe(true);
    expect(
      explain({
        maxConcurrency: 1,
        steps: [
          { id: 'a', tool: 't' },
          { id: 'b', tool: 't' },
        ],
      }).groups[0]?.parallel,
    ).toBe(false);
  });

  test('the plan JSON Schema describes the fields and accepts strategy names', () => {
    const schema = planJsonSchema() as { properties: Record<string, { enum?: string[] }>; required: string[] };
    expect(schema.required).toEqual(['steps']);
    expect(schema.properties.strategy?.enum).toEqual(['serial', 'parallel', 'dag']);
    expect(Object.keys(schema.properties)).toEqual(['strategy', 'failurePolicy', 'maxConcurrency', 'retry', 'steps']);
  });
});

describe('explain and describePlan', () => {
  test('steps with no dependency group, or the same single one, share one frozen list', () => {
    const plan = explain({
      steps: [
        { id: 'a', tool: 't' },
        { id: 'b', tool: 't' },
        { id: 'c', tool: 't', dependsOn: ['a'] },
        { id: 'd', tool: 't', dependsOn: ['a', 'b'] },
        { id: 'e', tool: 't', dependsOn: ['a', 'c'] },
      ],
    });
    const [a, b, c, d, e] = plan.groups.flatMap((group) => group.steps).map((step) => step.dependsOnGroups);
    expect([a, b, c, d, e]).toEqual([[], [], [0], [0], [0, 1]]);
    expect(b).toBe(a);
    expect(d).toBe(c);
    expect(Object.isFrozen(a) && Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(e)).toBe(false);
  });

  test('explain describes a plan exactly as describePlan describes the validated plan', () => {
    let state = 11;
    const next = (limit: number) => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state >>> 8) % limit;
    };
    const strategies = [undefined, 'dag', 'serial', 'parallel'] as const;
    for (let round = 0; round < 300; round++) {
      const strategy = strategies[next(strategies.length)];
      const count = 1 + next(30);
      const steps: PlanInput['steps'] = Array.from({ length: count }, (_, index) => {
        const dependsOn =
          strategy === 'parallel' || strategy === 'serial' || index === 0
            ? []
            : [...new Set(Array.from({ length: next(4) }, () => `s${next(index)}`))];
        return {
          id: `s${index}`,
          tool: 't',
          ...(dependsOn.length > 0 || next(2) === 0 ? { dependsOn } : {}),
          ...(dependsOn[0] !== undefined && next(2) === 0 ? { inputFrom: { value: `${dependsOn[0]}.out` } } : {}),
          ...(next(4) === 0 ? { timeoutMs: 1 + next(1000) } : {}),
          ...(next(4) === 0 ? { deadlineMs: 1 + next(1000) } : {}),
          ...(next(4) === 0 ? { retry: { attempts: 1 + next(3) } } : {}),
        };
      });
      const plan: PlanInput = {
        ...(strategy ? { strategy } : {}),
        ...(next(2) === 0 ? { maxConcurrency: 1 + next(3) } : {}),
        ...(next(3) === 0 ? { retry: { attempts: 1 + next(3), backoffMs: next(50) } } : {}),
        steps,
      };
      expect(explain(plan)).toStrictEqual(describePlan(validatePlan(plan)));
    }
  });
});

describe('Orchestrator.explain', () => {
  test('checks the plan against the orchestrator tools', async () => {
    const { Orchestrator, defineTool, PlanValidationError } = await import('../../src/index.js');
    const { z } = await import('zod');
    const tool = defineTool({ name: 't', input: z.object({}), output: z.unknown(), run: () => 1 });
    const orchestrator = new Orchestrator({ tools: [tool] });
    expect(orchestrator.explain({ steps: [{ id: 'a', tool: 't' }] }).stepIds).toEqual(['a']);
    expect(() => orchestrator.explain({ steps: [{ id: 'a', tool: 'u' }] })).toThrow(PlanValidationError);
  });
});

describe('the plan JSON Schema for planners', () => {
  test('every field carries a description an LLM planner can read', () => {
    const schema = planJsonSchema() as {
      properties: Record<string, { description?: string; items?: { properties: Record<string, { description?: string }> } }>;
    };
    for (const [name, property] of Object.entries(schema.properties)) expect(property.description, name).toMatch(/\w/);
    const step = schema.properties.steps?.items?.properties ?? {};
    for (const name of ['id', 'tool', 'input', 'dependsOn', 'inputFrom', 'timeoutMs', 'deadlineMs', 'retry'])
      expect(step[name]?.description, name).toMatch(/\w/);
  });

  test('the critical path of a dag is the longest chain, ties to the earlier step, as longestChain finds it', () => {
    let state = 7;
    const next = (limit: number) => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state >>> 8) % limit;
    };
    for (let round = 0; round < 200; round++) {
      const count = 1 + next(40);
      const dependencies = Array.from({ length: count }, (_, index) => [
        ...new Set(Array.from({ length: index === 0 ? 0 : next(4) }, () => next(index))),
      ]);
      const plan = explain({
        strategy: 'dag',
        steps: dependencies.map((deps, index) => ({ id: `s${index}`, tool: 't', dependsOn: deps.map((dep) => `s${dep}`) })),
      });
      expect(plan.criticalPath).toEqual(longestChain(dependencies).map((index) => `s${index}`));
    }
  });
});
