import { describe, expect, test, vi } from 'vitest';
import { ATTEMPTING, HOLDS_SLOT, SETTLED, STARTED, StepStates } from '../../src/schedule/step-states.js';

describe('StepStates', () => {
  test('a step starts with no flags, no wait, no predecessor waited for and no timers', () => {
    const states = new StepStates(3);
    expect(states.size).toBe(3);
    for (const flag of [STARTED, SETTLED, HOLDS_SLOT, ATTEMPTING]) expect(states.has(1, flag)).toBe(false);
    expect(Number.isNaN(states.queuedAt[1])).toBe(true);
    expect(states.waitedFor[1]).toBe(-1);
    expect(states.timersIfAny(1)).toBeUndefined();
  });

  test('until a step starts and settles, what its result will say is: skipped, no times, no start order, no output', () => {
    const states = new StepStates(2);
    const { endings } = states;
    expect(endings.status[1]).toBe('skipped');
    expect([states.startTime[1], endings.endTime[1]].every(Number.isNaN)).toBe(true);
    expect(states.executionOrder[1]).toBe(-1);
    expect([endings.output[1], endings.error[1], endings.skipReason[1], endings.blockedBy[1], endings.attemptErrors[1]]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  test('how the steps ended is made on first use, then kept', () => {
    const states = new StepStates(2);
    const { endings } = states;
    endings.status[0] = 'ok';
    expect(states.endings).toBe(endings);
    expect(states.endings.status).toEqual(['ok', 'skipped']);
  });

  test('flags are set and cleared per step, and has() is true when any of the asked flags is set', () => {
    const states = new StepStates(2);
    states.set(0, STARTED | HOLDS_SLOT);
    expect(states.has(0, STARTED)).toBe(true);
    expect(states.has(0, SETTLED | HOLDS_SLOT)).toBe(true);
    expect(states.has(1, STARTED)).toBe(false);
    states.clear(0, HOLDS_SLOT);
    expect(states.has(0, HOLDS_SLOT)).toBe(false);
    expect(states.has(0, STARTED)).toBe(true);
  });

  test('timers are made on first use, kept, and cleared together', () => {
    vi.useFakeTimers();
    try {
      const states = new StepStates(1);
      const timers = states.timers(0);
      expect(states.timers(0)).toBe(timers);
      let fired = 0;
      timers.timer = setTimeout(() => fired++, 10);
      timers.backoffTimer = setTimeout(() => fired++, 10);
      timers.deadlineTimer = setTimeout(() => fired++, 10);
      states.clearTimers(0);
      vi.runAllTimers();
      expect(fired).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
