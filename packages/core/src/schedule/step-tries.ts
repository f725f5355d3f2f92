import { context } from '@opentelemetry/api';
import type { AnyTool } from '../tools/define-tool.js';
import { toError } from '../tools/to-error.js';
import { AttemptContext } from './attempt-context.js';
import type { RunState } from './run-state.js';
import { type Checked, checkStepOutput } from './step-input.js';
import { ATTEMPTING, HOLDS_SLOT, SETTLED } from './step-states.js';
import { attemptFailed, timeOut } from './try-retries.js';

// Running a started step's tries: calling the tool, checking what it answers, and taking a try's
// result only while it is the one that counts. Plain functions of the run, on its hot path.

/** Calls the tool with its validated input: the first try. */
export function invoke(run: RunState, index: number, input: Checked): void {
  if (run.states.has(index, SETTLED)) return;
  if (!input.success) {
    run.settle(index, 'error', input.error);
    return;
  }
  run.states.input[index] = input.data;
  runAttempt(run, index);
}

/** A retry whose backoff is over got a slot: a fresh signal and timeout, then the next try. */
export function retry(run: RunState, index: number): void {
  const step = run.plan.steps[index];
  if (!step) return;
  const timers = run.states.timers(index);
  run.states.set(index, HOLDS_SLOT);
  run.running++;
  const previous = run.states.context[index] as AttemptContext;
  run.states.context[index] = new AttemptContext(step, previous.executionOrder, previous.span, previous.attempt + 1);
  if (timers.retried) run.metrics?.stepRetried(step.tool, timers.retried);
  if (step.timeoutMs !== null) timers.timer = setTimeout(() => timeOut(run, index), step.timeoutMs);
  runAttempt(run, index);
}

/** One try of the tool, inside the context of its attempt span (or step span). */
function runAttempt(run: RunState, index: number): void {
  const step = run.plan.steps[index];
  const { states } = run;
  if (!step) return;
  const tool = run.options.tools.get(step.tool) as AnyTool;
  const attempt = (states.attempt[index] as number) + 1;
  states.attempt[index] = attempt;
  states.set(index, ATTEMPTING);
  if (step.retry.attempts > 1) run.spans.openAttempt(index, attempt, states.timersIfAny(index)?.backoffMs ?? null, run.now());
  const toolContext = states.context[index] as AttemptContext;
  const input = states.input[index];
  let pending: unknown;
  try {
    pending = context.with(run.spans.stepContext(index), callTool, undefined, tool, input, toolContext);
  } catch (thrown) {
    pending = Promise.reject(thrown);
  }
  // One reaction per try; a bug in complete() still fails the try rather than escaping.
  Promise.resolve(pending).then(
    (output) => {
      try {
        complete(run, index, attempt, tool, output);
      } catch (bug) {
        fail(run, index, attempt, bug);
      }
    },
    (thrown) => {
      try {
        fail(run, index, attempt, thrown);
      } catch (bug) {
        fail(run, index, attempt, bug);
      }
    },
  );
}

/**
 * Calls the tool's `run` as a method of the tool. Passed to `context.with` with no `this`, so that
 * the context manager does not bind `run` to the tool afresh for every try.
 */
function callTool(tool: AnyTool, input: unknown, toolContext: AttemptContext): unknown {
  return tool.run(input, toolContext);
}

/** Whether try `attempt` of the step is still the one that counts. */
function isCurrent(run: RunState, index: number, attempt: number): boolean {
  const { states } = run;
  return !states.has(index, SETTLED) && states.has(index, ATTEMPTING) && states.attempt[index] === attempt;
}

function complete(run: RunState, index: number, attempt: number, tool: AnyTool, output: unknown): void {
  const step = run.plan.steps[index];
  if (!step || !isCurrent(run, index, attempt)) return;
  const checked = checkStepOutput(step, tool, output);
  if (checked instanceof Promise)
    checked.then((outcome) => settleChecked(run, index, attempt, outcome)).catch((bug: unknown) => fail(run, index, attempt, bug));
  else settleChecked(run, index, attempt, checked);
}

/** An invalid output fails the step: the tool answered, so another try would not help. */
function settleChecked(run: RunState, index: number, attempt: number, checked: Checked): void {
  if (!isCurrent(run, index, attempt)) return;
  if (checked.success) run.settle(index, 'ok', undefined, checked.data);
  else run.settle(index, 'error', checked.error);
}

/** A try threw (`attempt` ≥ 1), or checking the input did (`attempt` 0). */
export function fail(run: RunState, index: number, attempt: number, thrown: unknown): void {
  if (attempt === 0) {
    if (!run.states.has(index, SETTLED)) run.settle(index, 'error', toError(thrown));
  } else if (isCurrent(run, index, attempt)) {
    attemptFailed(run, index, 'error', toError(thrown));
  }
}
