import { describe, expect, it } from 'vitest';
import { groupTiming } from '../../src/model/group-timing.js';
import { buildTraceView } from '../../src/model/trace-view.js';
import { demoFixture } from '../web/fixtures.js';

describe('groupTiming', () => {
  it("gives a group's wall time, its steps' busy time and waits, and the step that kept it open", () => {
    const groups = buildTraceView(demoFixture()).runs[0]?.groups ?? [];
    // Group 1: metrics 44–130, events 45–80, changes 60–95, all ready when primary ended at 42.
    const timing = groupTiming(groups[1] as (typeof groups)[number]);
    expect(timing).toMatchObject({ wallMs: 86, busyMs: 86 + 35 + 35, waitMs: 2 + 3 + 18 });
    expect(timing.lastStep?.stepId).toBe('metrics');
    // Group 2: correlate ran, timeline was skipped (neither busy nor waiting).
    expect(groupTiming(groups[2] as (typeof groups)[number])).toMatchObject({ wallMs: 37, busyMs: 37 });
  });
});
