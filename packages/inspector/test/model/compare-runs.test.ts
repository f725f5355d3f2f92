import { describe, expect, it } from 'vitest';
import { compareRuns, describePlanDifferences, type StepComparison, samePlan, stepChange } from '../../src/model/compare-runs.js';
import { demoFixture, fixtureTrace } from '../web/fixtures.js';

describe('compareRuns', () => {
  it('matches steps by id: status and duration then and now, each critical path, what got slower', () => {
    const before = demoFixture();
    const after = fixtureTrace([
      { id: 'primary', tool: 'ci_lookup', start: 0, end: 42, group: 0, executionOrder: 0 },
      { id: 'metrics', tool: 'metrics_query', dependsOn: ['primary'], start: 44, end: 90, group: 1, executionOrder: 0 },
      { id: 'events', tool: 'event_search', dependsOn: ['primary'], start: 45, end: 200, group: 1, executionOrder: 1 },
      { id: 'changes', tool: 'change_log', dependsOn: ['primary'], start: 60, end: 95, group: 1, executionOrder: 2 },
      { id: 'correlate', tool: 'correlate', dependsOn: ['metrics', 'changes'], start: 100, end: 140, group: 2, executionOrder: 0 },
      { id: 'timeline', tool: 'timeline', dependsOn: ['events'], start: 200, end: 210, group: 2, executionOrder: 1 },
      { id: 'summarize', tool: 'summarize', dependsOn: ['correlate'], start: 141, end: 180, group: 3, executionOrder: 0 },
    ]);
    const comparison = compareRuns(before, after);
    const events = comparison.steps.find((step) => step.stepId === 'events');
    expect(events).toMatchObject({
      before: { status: 'error', durationMs: 35 },
      after: { status: 'ok', durationMs: 155 },
      deltaMs: 120,
      statusChanged: true,
    });
    const timeline = comparison.steps.find((step) => step.stepId === 'timeline');
    expect(timeline).toMatchObject({
      before: { status: 'skipped', durationMs: null },
      after: { status: 'ok', durationMs: 10 },
      deltaMs: null,
    });
    expect(comparison.before.criticalPath).toEqual(['primary', 'metrics', 'correlate', 'summarize']);
    expect(comparison.after.criticalPath).toEqual(['primary', 'events', 'timeline']);
    expect(comparison.slower.map((step) => step.stepId)).toEqual(['events', 'correlate']);
    expect(comparison.steps.map((step) => step.stepId)).toEqual([
      'primary',
      'metrics',
      'events',
      'changes',
      'correlate',
      'timeline',
      'summarize',
    ]);
  });

  it('keeps steps that only one run has', () => {
    const before = fixtureTrace([
      { id: 'a', start: 0, end: 10, group: 0 },
      { id: 'gone', start: 0, end: 5, group: 0, executionOrder: 1 },
    ]);
    const after = fixtureTrace([
      { id: 'a', start: 0, end: 8, group: 0 },
      { id: 'new', start: 0, end: 5, group: 0, executionOrder: 1 },
    ]);
    const comparison = compareRuns(before, after);
    expect(comparison.steps.map((step) => [step.stepId, step.before === null, step.after === null, step.deltaMs])).toEqual([
      ['a', false, false, -2],
      ['new', true, false, null],
      ['gone', false, true, null],
    ]);
    expect(comparison.slower).toEqual([]);
  });
});

describe('plan differences', () => {
  it('are none for two runs of the same plan', () => {
    const comparison = compareRuns(demoFixture(), demoFixture());
    expect(comparison.plan).toEqual({ onlyBefore: [], onlyAfter: [], toolChanged: [], dependenciesChanged: [], commonSteps: 7 });
    expect(samePlan(comparison.plan)).toBe(true);
    expect(describePlanDifferences(comparison.plan)).toEqual([]);
  });

  it('name the steps only one run has, changed tools and changed dependencies; the common steps are still compared', () => {
    const before = fixtureTrace([
      { id: 'fetch', tool: 'http_get', start: 0, end: 10, group: 0 },
      { id: 'parse', tool: 'parse_json', dependsOn: ['fetch'], start: 10, end: 15, group: 1 },
      { id: 'gone', tool: 'old_tool', dependsOn: ['fetch'], start: 10, end: 12, group: 1, executionOrder: 1 },
    ]);
    const after = fixtureTrace([
      { id: 'fetch', tool: 'http_get_v2', start: 0, end: 14, group: 0 },
      { id: 'warm', tool: 'cache_warm', start: 0, end: 3, group: 0, executionOrder: 1 },
      { id: 'parse', tool: 'parse_json', dependsOn: ['fetch', 'warm'], start: 14, end: 20, group: 1 },
    ]);
    const comparison = compareRuns(before, after);
    expect(comparison.plan).toEqual({
      onlyBefore: ['gone'],
      onlyAfter: ['warm'],
      toolChanged: [{ stepId: 'fetch', before: 'http_get', after: 'http_get_v2' }],
      dependenciesChanged: [{ stepId: 'parse', before: ['fetch'], after: ['fetch', 'warm'] }],
      commonSteps: 2,
    });
    expect(describePlanDifferences(comparison.plan)).toEqual([
      "The runs' plans differ; the 2 steps both have are compared.",
      'Only then: 1 step (gone).',
      'Only now: 1 step (warm).',
      'Tool of fetch: http_get then, http_get_v2 now.',
      'Dependencies of parse: fetch then, fetch, warm now.',
    ]);
    expect(comparison.steps.find((step) => step.stepId === 'fetch')?.deltaMs).toBe(4);
    expect(comparison.steps.find((step) => step.stepId === 'parse')?.deltaMs).toBe(1);
  });

  it('say so when the runs share no step', () => {
    const plan = compareRuns(
      fixtureTrace([{ id: 'a', start: 0, end: 1, group: 0 }]),
      fixtureTrace([{ id: 'b', start: 0, end: 1, group: 0 }]),
    ).plan;
    expect(describePlanDifferences(plan)[0]).toBe("The runs' plans differ and share no step: there is nothing to compare step by step.");
  });
});

describe('stepChange', () => {
  const ms = (value: number): string => `${value}ms`;
  const run = (status: 'ok' | 'error', durationMs: number | null) => ({ status, durationMs });
  const step = (fields: Partial<StepComparison>): StepComparison => ({
    stepId: 's',
    tool: 't',
    before: run('ok', 10),
    after: run('ok', 10),
    deltaMs: null,
    statusChanged: false,
    ...fields,
  });

  it('words a change the same for every view: signed delta, missing run, status change, or the view’s unchanged mark', () => {
    expect(stepChange(step({ deltaMs: 5 }), ms, '')).toBe('+5ms');
    expect(stepChange(step({ deltaMs: -3 }), ms, '')).toBe('−3ms');
    expect(stepChange(step({ after: null }), ms, '')).toBe('only then');
    expect(stepChange(step({ before: null }), ms, '')).toBe('only now');
    expect(stepChange(step({ after: run('error', null), statusChanged: true }), ms, '')).toBe('status changed');
    expect(stepChange(step({}), ms, '–')).toBe('–');
  });
});
