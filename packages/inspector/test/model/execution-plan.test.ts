import { ATTR_EXECUTION_PLAN, EVENT_EXECUTION_PLAN, explain, type PlanInput } from '@tooltrace/core';
import { describe, expect, it } from 'vitest';
import { readExecutionPlan } from '../../src/model/execution-plan.js';

const plan: PlanInput = {
  strategy: 'dag',
  steps: [
    { id: 'primary', tool: 'ci_lookup', input: {} },
    { id: 'metrics', tool: 'metrics_query', dependsOn: ['primary'], input: {} },
    { id: 'events', tool: 'event_search', dependsOn: ['primary'], input: {} },
  ],
};

const event = (value: unknown) => ({ name: EVENT_EXECUTION_PLAN, timeMs: 0, attributes: { [ATTR_EXECUTION_PLAN]: value as string } });

describe('readExecutionPlan', () => {
  it("reads explain(plan)'s JSON back into groups of steps with their tools and dependencies", () => {
    const read = readExecutionPlan(event(JSON.stringify(explain(plan))));
    expect(read).toMatchObject({ strategy: 'dag', totalSteps: 3, totalGroups: 2, criticalPath: ['primary', 'metrics'], truncated: null });
    expect(
      read?.groups.map((group) => [group.index, group.steps.map((step) => `${step.id}:${step.tool}<-${step.dependsOn.join('+')}`)]),
    ).toEqual([
      [0, ['primary:ci_lookup<-']],
      [1, ['metrics:metrics_query<-primary', 'events:event_search<-primary']],
    ]);
  });

  it('is null for an event without readable JSON, and keeps what a truncated plan still has', () => {
    expect(readExecutionPlan(event('{not json'))).toBeNull();
    expect(readExecutionPlan(event(42))).toBeNull();
    expect(readExecutionPlan(event('[1,2]'))).toBeNull();
    const truncated = readExecutionPlan(
      event(JSON.stringify({ strategy: 'dag', truncated: 'steps', groups: [{ index: 0, stepIds: ['a', 'b'] }] })),
    );
    expect(truncated?.truncated).toBe('steps');
    expect(truncated?.groups[0]?.stepIds).toEqual(['a', 'b']);
  });
});
