import { describe, expect, it } from 'vitest';
import { describeGroupTiming, groupOfSpan, groupTiming, keptOpenBy } from '../../src/model/group-timing.js';
import { buildTraceView } from '../../src/model/trace-view.js';
import type { GroupView } from '../../src/model/trace-view-types.js';
import { demoFixture } from '../web/fixtures.js';

const ms = (value: number): string => `${value}ms`;

describe('groupTiming', () => {
  it("gives a group's wall time, its steps' busy time and waits, and the step that kept it open", () => {
    const groups = buildTraceView(demoFixture()).runs[0]?.groups ?? [];
    // Group 1: metrics 44–130, events 45–80, changes 60–95, all ready when primary ended at 42.
    const timing = groupTiming(groups[1] as GroupView);
    expect(timing).toMatchObject({ wallMs: 86, busyMs: 86 + 35 + 35, waitMs: 2 + 3 + 18 });
    expect(timing.lastStep?.stepId).toBe('metrics');
    // Group 2: correlate ran, timeline was skipped (neither busy nor waiting).
    expect(groupTiming(groups[2] as GroupView)).toMatchObject({ wallMs: 37, busyMs: 37 });
  });
});

describe('describeGroupTiming', () => {
  it('words the timing once for every view: wall, busy, waits when there were some', () => {
    const groups = buildTraceView(demoFixture()).runs[0]?.groups ?? [];
    expect(describeGroupTiming(groupTiming(groups[1] as GroupView), ms)).toBe('86ms wall · 156ms busy · 23ms waits');
    expect(describeGroupTiming(groupTiming(groups[0] as GroupView), ms)).toBe('42ms wall · 42ms busy');
  });

  it('says when no step of the group ran', () => {
    const skipped: GroupView = { index: 4, span: null, steps: [], parallel: null };
    expect(describeGroupTiming(groupTiming(skipped), ms)).toBe('no step ran');
  });
});

describe('keptOpenBy', () => {
  it('names the last step to end only when the group had several steps', () => {
    const groups = buildTraceView(demoFixture()).runs[0]?.groups ?? [];
    const [first, second] = groups as [GroupView, GroupView];
    expect(keptOpenBy(second, groupTiming(second))?.stepId).toBe('metrics');
    expect(keptOpenBy(first, groupTiming(first))).toBeNull();
  });
});

describe('groupOfSpan', () => {
  it('finds the execution group of a group span, and nothing for other spans', () => {
    const view = buildTraceView(demoFixture());
    const groups = view.runs[0]?.groups ?? [];
    const second = groups[1] as GroupView;
    expect(second.span).not.toBeNull();
    expect(groupOfSpan(view, second.span?.spanId ?? '')).toBe(second);
    const step = second.steps[0];
    expect(groupOfSpan(view, step?.span.spanId ?? '')).toBeUndefined();
  });
});
