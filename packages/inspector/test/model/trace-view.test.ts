import { ATTR_QUEUED_MS } from '@tooltrace/core';
import { describe, expect, it } from 'vitest';
import { buildTraceView } from '../../src/model/trace-view.js';
import type { RunView, StepView } from '../../src/model/trace-view-types.js';
import { demoFixture, fixtureTrace, spanIdFor } from '../web/fixtures.js';

const onlyRun = (steps: Parameters<typeof fixtureTrace>[0]): RunView => {
  const run = buildTraceView(fixtureTrace(steps)).runs[0];
  if (run === undefined) throw new Error('no run');
  return run;
};
const step = (run: RunView, id: string): StepView => {
  const found = run.steps.find((each) => each.stepId === id);
  if (found === undefined) throw new Error(`no step ${id}`);
  return found;
};

describe('buildTraceView', () => {
  it('resolves dependencies from depends_on links, in both directions', () => {
    const run = buildTraceView(demoFixture()).runs[0] as RunView;
    expect(step(run, 'correlate').dependsOnKeys).toEqual([spanIdFor('step metrics'), spanIdFor('step changes')]);
    expect(step(run, 'primary').dependedOnByKeys).toEqual([spanIdFor('step metrics'), spanIdFor('step events'), spanIdFor('step changes')]);
    expect(step(run, 'summarize').dependsOn).toEqual(['correlate']);
  });

  it('falls back to the depends_on attribute when a step has no links', () => {
    const run = onlyRun([
      { id: 'a', start: 0, end: 10, group: 0 },
      { id: 'b', dependsOn: ['a'], start: 12, end: 20, group: 1, withoutLinks: true },
    ]);
    expect(step(run, 'b').dependsOnKeys).toEqual([step(run, 'a').key]);
    expect(step(run, 'a').dependedOnByKeys).toEqual([step(run, 'b').key]);
  });

  it("measures a step's wait from its last dependency's end to its start", () => {
    const run = onlyRun([
      { id: 'a', start: 0, end: 10, group: 0 },
      { id: 'b', start: 0, end: 30, group: 0, executionOrder: 1 },
      { id: 'c', dependsOn: ['a', 'b'], start: 34.5, end: 50, group: 1 },
    ]);
    const c = step(run, 'c');
    expect(c.readyMs).toBe(c.span.startMs - 4.5);
    expect(c.waitMs).toBeCloseTo(4.5, 9);
  });

  it("counts a root step's queueing for a concurrency slot as its wait", () => {
    const run = onlyRun([{ id: 'a', start: 5, end: 10, group: 0, attributes: { [ATTR_QUEUED_MS]: 3 } }]);
    expect(step(run, 'a').waitMs).toBe(3);
  });

  it('marks skipped steps as not run, without a wait', () => {
    const run = buildTraceView(demoFixture()).runs[0] as RunView;
    const skipped = step(run, 'timeline');
    expect(skipped).toMatchObject({ status: 'skipped', ran: false, waitMs: 0, executionOrder: null });
    expect(step(run, 'events')).toMatchObject({ status: 'error', ran: true, executionOrder: 1 });
  });

  it('makes one swimlane per group, steps in execution order and never-started steps last', () => {
    const run = buildTraceView(demoFixture()).runs[0] as RunView;
    expect(run.groups.map((group) => [group.index, group.steps.map((each) => each.stepId), group.parallel])).toEqual([
      [0, ['primary'], false],
      [1, ['metrics', 'events', 'changes'], true],
      [2, ['correlate', 'timeline'], true],
      [3, ['summarize'], false],
    ]);
  });

  it("keeps plan order from the orchestrate span's step ids", () => {
    const run = onlyRun([
      { id: 'late', start: 50, end: 60, group: 0 },
      { id: 'early', start: 0, end: 10, group: 0, executionOrder: 1 },
    ]);
    expect(run.steps.map((each) => each.stepId)).toEqual(['late', 'early']);
    expect(run).toMatchObject({ strategy: 'dag', outcome: 'ok', failurePolicy: 'continue' });
  });

  it('keeps the steps of two runs in one trace apart, even with equal step ids', () => {
    const first = fixtureTrace([{ id: 'a', start: 0, end: 10, group: 0 }]);
    const orchestrate = first.spans.find((each) => each.name.startsWith('orchestrate'));
    const firstStep = first.spans.find((each) => each.name.startsWith('execute_tool'));
    const group = first.spans.find((each) => each.name === 'group 0');
    if (orchestrate === undefined || firstStep === undefined || group === undefined) throw new Error('fixture changed');
    const second = [
      { ...orchestrate, spanId: 'aaaaaaaaaaaaaaa1', startMs: orchestrate.startMs + 100, endMs: orchestrate.endMs + 100 },
      { ...group, spanId: 'aaaaaaaaaaaaaaa2', parentSpanId: 'aaaaaaaaaaaaaaa1' },
      {
        ...firstStep,
        spanId: 'aaaaaaaaaaaaaaa3',
        parentSpanId: 'aaaaaaaaaaaaaaa2',
        startMs: firstStep.startMs + 100,
        endMs: firstStep.endMs + 100,
      },
    ];
    const view = buildTraceView({ traceId: first.traceId, spans: [...first.spans, ...second] });
    expect(view.runs.map((run) => run.steps.map((each) => each.key))).toEqual([[firstStep.spanId], ['aaaaaaaaaaaaaaa3']]);
  });

  it('finds the pipeline and orders its stages', () => {
    const view = buildTraceView(demoFixture());
    expect(view.pipeline?.name).toBe('pipeline incident');
    expect(view.stages.map((stage) => [stage.name, stage.index])).toEqual([
      ['plan', 0],
      ['execute', 1],
      ['compose', 2],
    ]);
    expect(view.rootName).toBe('pipeline incident');
    expect(view.serviceName).toBe('incident-bot');
    expect(view.errorCount).toBe(1);
  });

  it('describes an empty trace', () => {
    const view = buildTraceView({ traceId: 'ab'.repeat(16), spans: [] });
    expect(view).toMatchObject({ startMs: 0, endMs: 0, rootName: '(empty trace)', runs: [], stages: [], spanTree: [] });
  });
});
