import type { ValidatedStep } from '../plan/types.js';
import type { AnyTool } from '../tools/define-tool.js';
import { StepTimeoutError } from '../tools/errors.js';
import { AttemptContext } from './attempt-context.js';
import { decideRetry, recordAttemptError } from './retry.js';
import type { RunState } from './run-state.js';
import { ATTEMPTING, HOLDS_SLOT, SETTLED, type StepStates } from './step-states.js';
import type { AttemptError } from './types.js';

// A try's time limits and what follows a failed try: the step's timeout (per try) and deadline
// (whole step), and retries after a backoff. Plain functions of the run, off the hot path: they run
// for steps with a timeout, a deadline, a failed try or a cancelled try.

/** Arms the first try's timeout and the step's deadline (a step with either), from `startTime`. */
export function armTimeouts(run: RunState, index: number, step: ValidatedStep, startTime: number): void {
  if (step.timeoutMs !== null) run.states.timers(index).timer = setTimeout(() => timeOut(run, index), step.timeoutMs);
  if (step.deadlineMs !== null) {
    const timers = run.states.timers(index);
    timers.deadlineAt = startTime + step.deadlineMs;
    timers.deadlineTimer = setTimeout(() => passDeadline(run, index), step.deadlineMs);
  }
}

/** Aborts the signal of the step's current try, if it has one. */
export function abortTry(states: StepStates, index: number, reason: Error): void {
  const current = states.context[index];
  if (current) AttemptContext.abort(current, reason);
}

/** The step's own list of failed tries, made on the first. */
export function attemptErrorsOf(states: StepStates, index: number): AttemptError[] {
  const { attemptErrors } = states.endings;
  let errors = attemptErrors[index];
  if (!errors) {
    errors = [];
    attemptErrors[index] = errors;
  }
  return errors;
}

export function timeOut(run: RunState, index: number): void {
  const step = run.plan.steps[index];
  if (!step || run.states.has(index, SETTLED)) return;
  run.states.timers(index).timer = undefined;
  const error = new StepTimeoutError(step.id, step.tool, step.timeoutMs ?? 0);
  abortTry(run.states, index, error);
  if (run.states.has(index, ATTEMPTING)) attemptFailed(run, index, 'timed_out', error);
  else run.settle(index, 'timed_out', error);
}

function passDeadline(run: RunState, index: number): void {
  const step = run.plan.steps[index];
  if (!step || run.states.has(index, SETTLED)) return;
  const error = new StepTimeoutError(step.id, step.tool, step.deadlineMs ?? 0, 'deadline');
  abortTry(run.states, index, error);
  run.settle(index, 'timed_out', error);
}

/**
 * A try failed or timed out: the step fails, or — when its policy and the tool allow — the try's
 * span ends, the slot is given back and the next try waits out its backoff.
 */
export function attemptFailed(run: RunState, index: number, status: 'error' | 'timed_out', error: Error): void {
  const step = run.plan.steps[index];
  if (!step) return;
  const { states } = run;
  const now = run.now();
  const timers = states.timers(index);
  const remainingMs = timers.deadlineAt === null ? null : timers.deadlineAt - now;
  const tool = run.options.tools.get(step.tool) as AnyTool;
  const attempt = states.attempt[index] as number;
  const decision = decideRetry(step.retry, tool, { attempt, error, remainingMs }, Math.random);
  if (!decision.retry) {
    run.settle(index, status, error);
    return;
  }
  states.clear(index, ATTEMPTING | HOLDS_SLOT);
  recordAttemptError(attemptErrorsOf(states, index), attempt, error);
  if (timers.timer !== undefined) clearTimeout(timers.timer);
  timers.timer = undefined;
  run.spans.endAttempt(index, status, error, now);
  timers.backoffMs = decision.delayMs;
  timers.retried = status;
  run.running--;
  run.slotsFreed++;
  timers.backoffTimer = setTimeout(() => backoffOver(run, index), decision.delayMs);
  run.advance();
}

function backoffOver(run: RunState, index: number): void {
  if (run.states.has(index, SETTLED)) return;
  run.states.timers(index).backoffTimer = undefined;
  run.enqueue(index);
  run.advance();
}
