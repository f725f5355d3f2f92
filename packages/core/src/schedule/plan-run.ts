import type { ValidatedPlan, ValidatedStep } from '../plan/types.js';
import type { AnyTool } from '../tools/define-tool.js';
import { errorType } from '../trace/plan-spans.js';
import { RunMetrics } from '../trace/run-metrics.js';
import { RunSpans, type StepEnding } from '../trace/run-spans.js';
import { SpanHandle } from '../trace/span-handle.js';
import { AttemptContext } from './attempt-context.js';
import { type Clock, clockFor } from './clock.js';
import { measuredCriticalPath } from './critical-path.js';
import { ReadyQueue } from './ready-queue.js';
import { recordAttemptError } from './retry.js';
import { runResult, stepResults } from './run-result.js';
import type { PlanRunOptions, RunState } from './run-state.js';
import { startPriority } from './start-priority.js';
import { buildStepInput } from './step-input.js';
import { ATTEMPTING, BLOCKS_DEPENDENTS, HOLDS_SLOT, SETTLED, STARTED, StepStates } from './step-states.js';
import { fail, invoke, retry } from './step-tries.js';
import { failedDependency, isFailed, skipDoomed, stop } from './stop-and-skip.js';
import { armTimeouts, attemptErrorsOf } from './try-retries.js';
import type { RunOutcome, RunResult, SkipReason, StepStatus } from './types.js';

/**
 * One execution of a validated plan. A step starts as soon as its predecessors have settled
 * (its own dependencies in `dag`, the previous step in `serial`, none in `parallel`) and a
 * concurrency slot is free; there are no whole-level rounds. Steps waiting for a slot start in
 * {@link startPriority} order.
 */
export class PlanRun implements RunState {
  readonly plan: ValidatedPlan;
  readonly options: PlanRunOptions;
  private readonly limit: number;
  /** Whether the limit can make a ready step wait (it is below the step count). */
  private readonly canWait: boolean;
  readonly states: StepStates;
  /** Steps of each group started so far: the next one's `executionOrder`. */
  private readonly groupStarted: number[];
  /** In `serial`, each step's successor is the next one; otherwise its dependents. */
  private readonly serial: boolean;
  /** Step indexes by id, built on the first `inputFrom` read. */
  private indexById: Map<string, number> | null = null;
  private readonly ready: ReadyQueue;
  /** Steps to skip because a dependency failed: a worklist, so long chains do not recurse. */
  private doomed: number[] = [];
  private doomedHead = 0;
  /** Settled steps whose spans are still to end: ended once the steps they released have started. */
  private spanEndings: SpanEnding[] = [];
  running = 0;
  /** Concurrency slots given back so far (a step settling, or a try failing before its retry). */
  slotsFreed = 0;
  /** The last started step to settle: the one whose end freed the most recent concurrency slot. */
  private lastFreed: number | null = null;
  private unsettled: number;
  stopped = false;
  cancelledByCaller = false;
  private advancing = false;
  finished = false;
  readonly spans: RunSpans;
  private startTime = 0;
  private resolve!: (result: RunResult) => void;
  private readonly onAbort = (): void => stop(this, null);
  readonly now: Clock;
  /** The run's metrics, looked up when first recorded (no step has ended before the first starts); null with no MeterProvider. */
  #metrics: RunMetrics | null | undefined;

  constructor(options: PlanRunOptions) {
    this.options = options;
    this.plan = options.plan;
    this.now = clockFor(options.parentContext);
    this.limit = options.maxConcurrency ?? Number.POSITIVE_INFINITY;
    const { steps } = this.plan;
    this.unsettled = steps.length;
    this.canWait = this.limit < steps.length;
    const serial = this.plan.strategy === 'serial';
    this.serial = serial;
    this.states = new StepStates(steps.length);
    for (let index = 0; index < steps.length; index++) {
      this.states.pending[index] = serial ? Math.min(index, 1) : (steps[index] as ValidatedStep).dependencyIndexes.length;
    }
    this.groupStarted = new Array<number>(this.plan.groups.length).fill(0);
    // Priorities order only steps that wait for a slot: none can without a limit below the step count.
    this.ready = new ReadyQueue(steps.length, this.canWait ? startPriority(this.plan, this.limit) : null);
    this.spans = new RunSpans({
      plan: this.plan,
      tracer: options.tracer,
      toolDescriptions: options.toolDescriptions,
      layout: options.spanLayout,
      stepSpanNames: options.stepSpanNames,
      parentContext: options.parentContext,
      maxConcurrency: options.maxConcurrency,
      recordIO: options.recordIO,
    });
  }

  /** Where measurements go: null when no MeterProvider is registered. */
  get metrics(): RunMetrics | null {
    if (this.#metrics === undefined) this.#metrics = RunMetrics.for(this.options.meterProvider);
    return this.#metrics;
  }

  /** Starts the run; resolves when every step has settled. Never rejects for a step's failure. */
  start(): Promise<RunResult> {
    const promise = new Promise<RunResult>((resolve) => {
      this.resolve = resolve;
    });
    this.startTime = this.options.startTime;
    this.spans.openRun(this.options.span, this.startTime, this.options.keepSpanName);
    const { signal } = this.options;
    if (signal?.aborted) {
      stop(this, null);
      return promise;
    }
    signal?.addEventListener('abort', this.onAbort, { once: true });
    for (let index = 0; index < this.states.size; index++) if (this.states.pending[index] === 0) this.enqueue(index);
    this.advance();
    // Described while the first steps run: not before they start, and, as they wait on I/O, not at the run's end.
    this.spans.addExecutionPlanEvent();
    return promise;
  }

  enqueue(index: number): void {
    // Any ready step may wait, even with slots free now: one that becomes ready with it may go first.
    if (this.canWait) {
      this.states.queuedAt[index] = this.now();
      this.states.slotsFreedWhenReady[index] = this.slotsFreed;
    }
    this.ready.push(index);
  }

  /** Settles doomed steps and starts ready ones until nothing more can happen now. Re-entrant safe. */
  advance(): void {
    if (this.advancing) return;
    this.advancing = true;
    try {
      for (;;) {
        if (this.doomedHead < this.doomed.length) {
          skipDoomed(this, this.doomed[this.doomedHead++] as number);
        } else if (!this.stopped && this.running < this.limit) {
          const next = this.ready.pop();
          if (next === -1) break;
          this.startStep(next);
        } else {
          break;
        }
      }
    } finally {
      this.doomed = [];
      this.doomedHead = 0;
      // Only a recording run has any: an untraced one skips even the call.
      if (this.spanEndings.length > 0) this.endSettledSpans();
      this.advancing = false;
    }
    if (this.unsettled === 0 && !this.finished) this.finish();
  }

  private startStep(index: number): void {
    const step = this.plan.steps[index];
    const { states } = this;
    if (!step || states.has(index, SETTLED | HOLDS_SLOT)) return;
    if (states.has(index, STARTED)) {
      retry(this, index);
      return;
    }
    const tool = this.options.tools.get(step.tool) as AnyTool;
    const startTime = this.now();
    const executionOrder = this.groupStarted[step.groupIndex] as number;
    this.groupStarted[step.groupIndex] = executionOrder + 1;
    states.set(index, STARTED | HOLDS_SLOT);
    // Only a limit below the step count can make a step wait for a slot.
    const queuedMs = this.canWait ? this.waitedMs(index, step.tool, startTime) : null;
    this.running++;
    states.startTime[index] = startTime;
    states.executionOrder[index] = executionOrder;
    // Not recording: the (non-recording) orchestrate span stands in; its end() does nothing.
    const span = this.spans.recording ? this.spans.openStep(index, executionOrder, startTime, queuedMs) : undefined;
    // The first try's signal and timeout cover everything from here: input validation may be async.
    states.context[index] = new AttemptContext(step, executionOrder, span ? new SpanHandle(span) : this.spans.runSpan, 1);
    if (step.timeoutMs !== null || step.deadlineMs !== null) armTimeouts(this, index, step, startTime);
    const input = buildStepInput(step, tool, this.outputOf);
    if (input instanceof Promise) input.then((checked) => invoke(this, index, checked)).catch((bug: unknown) => fail(this, index, 0, bug));
    else invoke(this, index, input);
  }

  /**
   * How long a step starting now waited for a concurrency slot (null when none was freed while it was
   * ready): recorded as a metric, and the step that freed the last slot is what it waited for.
   */
  private waitedMs(index: number, tool: string, startTime: number): number | null {
    const { states } = this;
    const queuedAt = states.queuedAt[index] as number;
    if (Number.isNaN(queuedAt) || states.slotsFreedWhenReady[index] === this.slotsFreed) return null;
    if (this.lastFreed !== null) states.waitedFor[index] = this.lastFreed;
    const queuedMs = startTime - queuedAt;
    this.metrics?.stepQueued(tool, this.plan.strategy, queuedMs);
    return queuedMs;
  }

  /** The output of the step with this id (an `inputFrom` source). */
  private readonly outputOf = (stepId: string): unknown => {
    if (!this.indexById) this.indexById = new Map(this.plan.steps.map((step, index) => [step.id, index]));
    return this.states.endings.output[this.indexById.get(stepId) ?? -1];
  };

  /**
   * Records how a step ended, ends its span (opening a zero-length one if it never started) and
   * releases its successors. `output` counts for `ok` steps, `skipReason` and `blockedBy` for skipped ones.
   */
  settle(index: number, status: StepStatus, error: Error | undefined, output?: unknown, skipReason?: SkipReason, blockedBy?: string): void {
    const step = this.plan.steps[index];
    const { states } = this;
    if (!step || states.has(index, SETTLED)) return;
    states.set(index, SETTLED);
    this.unsettled--;
    states.clearTimers(index);
    const endTime = this.now();
    if (states.has(index, HOLDS_SLOT)) {
      this.running--;
      this.slotsFreed++;
      this.lastFreed = index;
    }
    const failed = isFailed(status);
    if (failed || skipReason === 'dependency_failed') states.set(index, BLOCKS_DEPENDENTS);
    const started = states.has(index, STARTED);
    if (states.has(index, ATTEMPTING) && error && failed)
      recordAttemptError(attemptErrorsOf(states, index), states.attempt[index] as number, error);
    states.clear(index, HOLDS_SLOT | ATTEMPTING);
    const { endings } = states;
    endings.status[index] = status;
    if (status === 'ok') endings.output[index] = output;
    if (error !== undefined) endings.error[index] = error;
    if (skipReason !== undefined) endings.skipReason[index] = skipReason;
    if (blockedBy !== undefined) endings.blockedBy[index] = blockedBy;
    if (started) endings.endTime[index] = endTime;
    const durationMs = started ? endTime - (states.startTime[index] as number) : null;
    this.metrics?.stepEnded(step.tool, this.plan.strategy, status, durationMs, error);
    if (this.spans.recording) {
      const input = this.options.recordIO ? states.input[index] : undefined;
      const attempts = started ? states.attempt[index] : undefined;
      // Its times are taken; the span itself ends after its dependents have started (endSettledSpans).
      this.spanEndings.push({ index, endTime, status, error, skipReason, blockedBy, input, output, attempts });
    }
    states.input[index] = undefined;
    states.context[index] = undefined;
    if (failed && this.plan.failurePolicy === 'fail-fast') stop(this, index);
    this.release(index);
    this.advance();
  }

  /**
   * Ends the spans of the steps settled since the last call, with the end times taken when they
   * settled. Called when `advance` is done, so the steps a settled step made ready start first:
   * ending a span (its attributes, the SDK's processors) is not on the path from a step's end to
   * its dependents' start. Always before the run finishes.
   */
  private endSettledSpans(): void {
    const endings = this.spanEndings;
    for (let at = 0; at < endings.length; at++) {
      const ending = endings[at] as SpanEnding;
      this.spans.endStep(ending.index, ending, ending.endTime);
    }
    endings.length = 0;
  }

  /** Lets the successors of a settled step go: skipped when a dependency failed, else ready. */
  private release(index: number): void {
    if (this.serial) {
      if (index + 1 < this.states.size) this.releaseOne(index + 1, index);
      return;
    }
    const dependents = this.plan.dependents[index] ?? [];
    for (let at = 0; at < dependents.length; at++) this.releaseOne(dependents[at] as number, index);
  }

  /** One predecessor of `next`, `settled`, has settled: `next` is ready once it was the last. */
  private releaseOne(next: number, settled: number): void {
    const { states } = this;
    // Once stopped, stop() settles every remaining step itself, in dependency order.
    if (--(states.pending[next] as number) > 0 || states.has(next, SETTLED) || this.stopped) return;
    states.waitedFor[next] = settled;
    if (failedDependency(this.plan, states, next) !== null) this.doomed.push(next);
    else this.enqueue(next);
  }

  private finish(): void {
    this.finished = true;
    this.options.signal?.removeEventListener('abort', this.onAbort);
    const endTime = this.now();
    const results = stepResults(this.plan, this.states);
    const failed = results.filter((result) => isFailed(result.status));
    const outcome: RunOutcome = this.cancelledByCaller ? 'cancelled' : failed.length > 0 ? 'error' : 'ok';
    const criticalPath = measuredCriticalPath(results, this.states.waitedFor);
    const failedError = failed.find((result) => result.error)?.error;
    const failedErrorType = failedError ? errorType(failedError) : undefined;
    this.options.workflow?.report({ outcome, errorType: failedErrorType });
    const { metrics } = this;
    if (metrics) {
      metrics.runEnded(this.plan.strategy, outcome, endTime - this.startTime);
      if (!this.options.workflow) metrics.workflowEnded(this.options.workflowName, failedErrorType, endTime - this.startTime);
    }
    this.spans.endRun(
      outcome,
      failed.map((result) => result.id),
      failedErrorType,
      criticalPath,
      endTime,
    );
    this.resolve(runResult(outcome, this.plan.strategy, results, this.spans.traceId(), this.startTime, endTime, criticalPath));
  }
}

/** How a settled step ended, kept until its span ends. */
interface SpanEnding extends StepEnding {
  index: number;
  endTime: number;
}
