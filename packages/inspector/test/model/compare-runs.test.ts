import { describe, expect, it } from 'vitest';
import { compareRuns, type StepComparison, stepChange } from '../../src/model/compare-runs.js';
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
