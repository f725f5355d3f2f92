import { type Context, context, type Span, type Tracer } from '@opentelemetry/api';
import { chainToSink } from '../plan/chain-to-sink.js';
import { topologicalOrder } from '../plan/graph.js';
import type { ValidatedPlan, ValidatedStep } from '../plan/types.js';
import type { ToolRegistry } from '../plan/validate.js';
import type { AnyTool } from '../tools/define-tool.js';
import { StepCancelledError, StepTimeoutError } from '../tools/errors.js';
import { toError } from '../tools/to-error.js';
import { errorType } from '../trace/plan-spans.js';
import type { RecordIoOptions } from '../trace/record-io.js';
import type { RunMetrics } from '../trace/run-metrics.js';
import { RunSpans, type SpanLayout, type StepSpanNames } from '../trace/run-spans.js';
import { SpanHandle } from '../trace/span-handle.js';
import type { WorkflowRuns } from '../trace/workflow.js';
import { AttemptContext } from './attempt-context.js';
import { type Clock, clockFor, withClock } from './clock.js';
import { measuredCriticalPath } from './critical-path.js';
import { ReadyQueue } from './ready-queue.js';
import { decideRetry, recordAttemptError } from './retry.js';
import { buildStepInput, type Checked, checkStepOutput } from './step-input.js';
import { ATTEMPTING, BLOCKS_DEPENDENTS, HOLDS_SLOT, SETTLED, STARTED, StepStates } from './step-states.js';
import type { AttemptError, RunOutcome, RunResult, SkipReason, StepResult, StepStatus } from './types.js';

/** Everything one run needs. */
export interface PlanRunOptions {
  plan: ValidatedPlan;
  tools: ToolRegistry;
  tracer: Tracer;
  parentContext: Context;
  maxConcurrency: number | null;
  signal: AbortSignal | undefined;
  recordIO: RecordIoOptions | null;
  spanLayout: SpanLayout;
  stepSpanNames: StepSpanNames;
  /** Tool descriptions by tool name. */
  toolDescriptions: ReadonlyMap<string, string>;
  /** The orchestrate span, started before validation at `startTime` (by the run's clock, carried by `parentContext`). */
  span: Span;
  startTime: number;
  /** Keep the span's name (`invoke_workflow {name}` under the GenAI opt-in) instead of `orchestrate {strategy}`. */
  keepSpanName: boolean;
  /** The pipeline this run is part of, told how the run ended. */
  workflow: WorkflowRuns | undefined;
  /** Where measurements go; null when no MeterProvider is registered. */
  metrics: RunMetrics | null;
  /** `gen_ai.workflow.name` of a run outside a pipeline (it is then the workflow). */
  workflowName: string | undefined;
}

/**
 * The empty `dependsOn` and `attemptErrors` of step results: one frozen array shared by all, as most
 * results have no dependencies or failed tries (a 100k-step run holds 200k fewer objects). A result
 * gets its own `attemptErrors` array on its first failed try.
 */
const EMPTY: never[] = Object.freeze([]) as never[];

/** Whether a step with this status failed (a cause, unlike a skipped or cancelled step). */
function isFailed(status: StepStatus): boolean {
  return status === 'error' || status === 'timed_out';
}

/**
 * One execution of a validated plan. A step starts as soon as its predecessors have settled
 * (its own dependencies in `dag`, the previous step in `serial`, none in `parallel`) and a
 * concurrency slot is free; there are no whole-level rounds. Steps waiting for a slot start in
 * {@link startPriority} order.
 */
export class PlanRun {
  private readonly plan: ValidatedPlan;
  private readonly options: PlanRunOptions;
  private readonly limit: number;
  /** Whether the limit can make a ready step wait (it is below the step count). */
  private readonly canWait: boolean;
  private readonly states: StepStates;
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
  private running = 0;
  /** Concurrency slots given back so far (a step settling, or a try failing before its retry). */
  private slotsFreed = 0;
  /** The last started step to settle: the one whose end freed the most recent concurrency slot. */
  private lastFreed: number | null = null;
  private unsettled: number;
  private stopped = false;
  private cancelledByCaller = false;
  private advancing = false;
  private finished = false;
  private readonly spans: RunSpans;
  private startTime = 0;
  private resolve!: (result: RunResult) => void;
  private readonly onAbort = (): void => this.stop(null);
  private readonly now: Clock;

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
    this.ready = new ReadyQueue(steps.length, startPriority(this.plan, this.limit));
    this.spans = new RunSpans({
      plan: this.plan,
      tracer: options.tracer,
      toolDescriptions: options.toolDescriptions,
      layout: options.spanLayout,
      stepSpanNames: options.stepSpanNames,
      parentContext: withClock(options.parentContext, this.now),
      maxConcurrency: options.maxConcurrency,
      recordIO: options.recordIO,
    });
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
      this.stop(null);
      return promise;
    }
    signal?.addEventListener('abort', this.onAbort, { once: true });
    for (let index = 0; index < this.states.size; index++) if (this.states.pending[index] === 0) this.enqueue(index);
    this.advance();
    // Described while the first steps run: not before they start, and, as they wait on I/O, not at the run's end.
    this.spans.addExecutionPlanEvent();
    return promise;
  }

  private enqueue(index: number): void {
    // Any ready step may wait, even with slots free now: one that becomes ready with it may go first.
    if (this.canWait) {
      this.states.queuedAt[index] = this.now();
      this.states.slotsFreedWhenReady[index] = this.slotsFreed;
    }
    this.ready.push(index);
  }

  /** Settles doomed steps and starts ready ones until nothing more can happen now. Re-entrant safe. */
  private advance(): void {
    if (this.advancing) return;
    this.advancing = true;
    try {
      for (;;) {
        if (this.doomedHead < this.doomed.length) {
          this.skipDoomed(this.doomed[this.doomedHead++] as number);
        } else if (!this.stopped && this.running < this.limit && this.ready.size > 0) {
          this.startStep(this.ready.pop());
        } else {
          break;
        }
      }
    } finally {
      this.doomed = [];
      this.doomedHead = 0;
      this.advancing = false;
    }
    if (this.unsettled === 0 && !this.finished) this.finish();
  }

  private startStep(index: number): void {
    const step = this.plan.steps[index];
    const { states } = this;
    if (!step || states.has(index, SETTLED | HOLDS_SLOT)) return;
    if (states.has(index, STARTED)) {
      this.retry(index);
      return;
    }
    const tool = this.options.tools.get(step.tool) as AnyTool;
    const startTime = this.now();
    const executionOrder = this.groupStarted[step.groupIndex] as number;
    this.groupStarted[step.groupIndex] = executionOrder + 1;
    states.set(index, STARTED | HOLDS_SLOT);
    const queuedAt = states.queuedAt[index] as number;
    const waited = !Number.isNaN(queuedAt) && states.slotsFreedWhenReady[index] !== this.slotsFreed;
    if (waited && this.lastFreed !== null) states.waitedFor[index] = this.lastFreed;
    this.running++;
    states.startTime[index] = startTime;
    states.executionOrder[index] = executionOrder;
    const queuedMs = waited ? startTime - queuedAt : null;
    if (queuedMs !== null) this.options.metrics?.stepQueued(step.tool, this.plan.strategy, queuedMs);
    // Not recording: the (non-recording) orchestrate span stands in; its end() does nothing.
    const span = this.spans.recording ? this.spans.openStep(index, executionOrder, startTime, queuedMs) : undefined;
    // The first try's signal and timeout cover everything from here: input validation may be async.
    states.context[index] = new AttemptContext(step, executionOrder, span ? new SpanHandle(span) : this.spans.runSpan, 1);
    if (step.timeoutMs !== null) states.timers(index).timer = setTimeout(() => this.timeOut(index), step.timeoutMs);
    if (step.deadlineMs !== null) {
      const timers = states.timers(index);
      timers.deadlineAt = startTime + step.deadlineMs;
      timers.deadlineTimer = setTimeout(() => this.passDeadline(index), step.deadlineMs);
    }
    const input = buildStepInput(step, tool, this.outputOf);
    if (input instanceof Promise) input.then((checked) => this.invoke(index, checked)).catch((bug: unknown) => this.fail(index, 0, bug));
    else this.invoke(index, input);
  }

  /** The output of the step with this id (an `inputFrom` source). */
  private readonly outputOf = (stepId: string): unknown => {
    if (!this.indexById) this.indexById = new Map(this.plan.steps.map((step, index) => [step.id, index]));
    return this.states.output[this.indexById.get(stepId) ?? -1];
  };

  /** Calls the tool with its validated input: the first try. */
  private invoke(index: number, input: Checked): void {
    if (this.states.has(index, SETTLED)) return;
    if (!input.success) {
      this.settle(index, 'error', input.error);
      return;
    }
    this.states.input[index] = input.data;
    this.runAttempt(index);
  }

  /** A retry whose backoff is over got a slot: a fresh signal and timeout, then the next try. */
  private retry(index: number): void {
    const step = this.plan.steps[index];
    if (!step) return;
    const timers = this.states.timers(index);
    this.states.set(index, HOLDS_SLOT);
    this.running++;
    const previous = this.states.context[index] as AttemptContext;
    this.states.context[index] = new AttemptContext(step, previous.executionOrder, previous.span, previous.attempt + 1);
    if (timers.retried) this.options.metrics?.stepRetried(step.tool, timers.retried);
    if (step.timeoutMs !== null) timers.timer = setTimeout(() => this.timeOut(index), step.timeoutMs);
    this.runAttempt(index);
  }

  /** One try of the tool, inside the context of its attempt span (or step span). */
  private runAttempt(index: number): void {
    const step = this.plan.steps[index];
    const { states } = this;
    if (!step) return;
    const tool = this.options.tools.get(step.tool) as AnyTool;
    const attempt = (states.attempt[index] as number) + 1;
    states.attempt[index] = attempt;
    states.set(index, ATTEMPTING);
    if (step.retry.attempts > 1) this.spans.openAttempt(index, attempt, states.timersIfAny(index)?.backoffMs ?? null, this.now());
    const toolContext = states.context[index] as AttemptContext;
    const input = states.input[index];
    let pending: unknown;
    try {
      pending = context.with(this.spans.stepContext(index), tool.run, tool, input, toolContext);
    } catch (thrown) {
      pending = Promise.reject(thrown);
    }
    // One reaction per try; a bug in complete() still fails the try rather than escaping.
    Promise.resolve(pending).then(
      (output) => {
        try {
          this.complete(index, attempt, tool, output);
        } catch (bug) {
          this.fail(index, attempt, bug);
        }
      },
      (thrown) => {
        try {
          this.fail(index, attempt, thrown);
        } catch (bug) {
          this.fail(index, attempt, bug);
        }
      },
    );
  }

  /** Aborts the signal of the step's current try, if it has one. */
  private abortTry(index: number, reason: Error): void {
    const current = this.states.context[index];
    if (current) AttemptContext.abort(current, reason);
  }

  /** Whether try `attempt` of the step is still the one that counts. */
  private isCurrent(index: number, attempt: number): boolean {
    const { states } = this;
    return !states.has(index, SETTLED) && states.has(index, ATTEMPTING) && states.attempt[index] === attempt;
  }

  private complete(index: number, attempt: number, tool: AnyTool, output: unknown): void {
    const step = this.plan.steps[index];
    if (!step || !this.isCurrent(index, attempt)) return;
    const checked = checkStepOutput(step, tool, output);
    if (checked instanceof Promise)
      checked.then((outcome) => this.settleChecked(index, attempt, outcome)).catch((bug: unknown) => this.fail(index, attempt, bug));
    else this.settleChecked(index, attempt, checked);
  }

  /** An invalid output fails the step: the tool answered, so another try would not help. */
  private settleChecked(index: number, attempt: number, checked: Checked): void {
    if (!this.isCurrent(index, attempt)) return;
    if (checked.success) this.settle(index, 'ok', undefined, checked.data);
    else this.settle(index, 'error', checked.error);
  }

  /** A try threw (`attempt` ≥ 1), or checking the input did (`attempt` 0). */
  private fail(index: number, attempt: number, thrown: unknown): void {
    if (attempt === 0) {
      if (!this.states.has(index, SETTLED)) this.settle(index, 'error', toError(thrown));
    } else if (this.isCurrent(index, attempt)) {
      this.attemptFailed(index, 'error', toError(thrown));
    }
  }

  private timeOut(index: number): void {
    const step = this.plan.steps[index];
    if (!step || this.states.has(index, SETTLED)) return;
    this.states.timers(index).timer = undefined;
    const error = new StepTimeoutError(step.id, step.tool, step.timeoutMs ?? 0);
    this.abortTry(index, error);
    if (this.states.has(index, ATTEMPTING)) this.attemptFailed(index, 'timed_out', error);
    else this.settle(index, 'timed_out', error);
  }

  private passDeadline(index: number): void {
    const step = this.plan.steps[index];
    if (!step || this.states.has(index, SETTLED)) return;
    const error = new StepTimeoutError(step.id, step.tool, step.deadlineMs ?? 0, 'deadline');
    this.abortTry(index, error);
    this.settle(index, 'timed_out', error);
  }

  /**
   * A try failed or timed out: the step fails, or — when its policy and the tool allow — the try's
   * span ends, the slot is given back and the next try waits out its backoff.
   */
  private attemptFailed(index: number, status: 'error' | 'timed_out', error: Error): void {
    const step = this.plan.steps[index];
    if (!step) return;
    const { states } = this;
    const now = this.now();
    const timers = states.timers(index);
    const remainingMs = timers.deadlineAt === null ? null : timers.deadlineAt - now;
    const tool = this.options.tools.get(step.tool) as AnyTool;
    const attempt = states.attempt[index] as number;
    const decision = decideRetry(step.retry, tool, { attempt, error, remainingMs }, Math.random);
    if (!decision.retry) {
      this.settle(index, status, error);
      return;
    }
    states.clear(index, ATTEMPTING | HOLDS_SLOT);
    recordAttemptError(this.attemptErrorsOf(index), attempt, error);
    if (timers.timer !== undefined) clearTimeout(timers.timer);
    timers.timer = undefined;
    this.spans.endAttempt(index, status, error, now);
    timers.backoffMs = decision.delayMs;
    timers.retried = status;
    this.running--;
    this.slotsFreed++;
    timers.backoffTimer = setTimeout(() => this.backoffOver(index), decision.delayMs);
    this.advance();
  }

  private backoffOver(index: number): void {
    if (this.states.has(index, SETTLED)) return;
    this.states.timers(index).backoffTimer = undefined;
    this.enqueue(index);
    this.advance();
  }

  /**
   * Records how a step ended, ends its span (opening a zero-length one if it never started) and
   * releases its successors. `output` counts for `ok` steps, `skipReason` and `blockedBy` for skipped ones.
   */
  private settle(
    index: number,
    status: StepStatus,
    error: Error | undefined,
    output?: unknown,
    skipReason?: SkipReason,
    blockedBy?: string,
  ): void {
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
      recordAttemptError(this.attemptErrorsOf(index), states.attempt[index] as number, error);
    states.clear(index, HOLDS_SLOT | ATTEMPTING);
    states.status[index] = status;
    if (status === 'ok') states.output[index] = output;
    if (error !== undefined) states.error[index] = error;
    if (skipReason !== undefined) states.skipReason[index] = skipReason;
    if (blockedBy !== undefined) states.blockedBy[index] = blockedBy;
    if (started) states.endTime[index] = endTime;
    const durationMs = started ? endTime - (states.startTime[index] as number) : null;
    this.options.metrics?.stepEnded(step.tool, this.plan.strategy, status, durationMs, error);
    if (this.spans.recording) {
      const input = this.options.recordIO ? states.input[index] : undefined;
      const attempts = started ? states.attempt[index] : undefined;
      this.spans.endStep(index, { status, error, skipReason, blockedBy, input, output, attempts }, endTime);
    }
    states.input[index] = undefined;
    states.context[index] = undefined;
    if (failed && this.plan.failurePolicy === 'fail-fast') this.stop(index);
    this.release(index);
    this.advance();
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
    if (this.failedDependency(next) !== null) this.doomed.push(next);
    else this.enqueue(next);
  }

  private skipDoomed(index: number): void {
    const blocker = this.failedDependency(index);
    if (blocker !== null) this.settle(index, 'skipped', undefined, undefined, 'dependency_failed', blocker);
  }

  /**
   * The root cause behind a step's first dependency that failed, timed out or was skipped because
   * its own dependency failed; null when there is none.
   */
  private failedDependency(index: number): string | null {
    const dependencies = this.plan.steps[index]?.dependencyIndexes ?? [];
    for (let at = 0; at < dependencies.length; at++) {
      const dep = dependencies[at] as number;
      // Cancelled and fail_fast-skipped dependencies are collateral of a failure elsewhere, not causes.
      if (this.states.has(dep, BLOCKS_DEPENDENTS)) return this.states.blockedBy[dep] ?? this.plan.steps[dep]?.id ?? null;
    }
    return null;
  }

  /**
   * Stops the run: running steps are aborted through their signal and cancelled; steps not started
   * are skipped (`fail-fast` after step `failed`) or cancelled (the caller's signal, `failed` null).
   */
  private stop(failed: number | null): void {
    if (this.stopped || this.finished) return;
    this.stopped = true;
    const failedId = failed === null ? null : (this.plan.steps[failed]?.id ?? null);
    if (failedId === null) this.cancelledByCaller = true;
    const reason = failedId === null ? 'the run was aborted' : `fail-fast after step "${failedId}" failed`;
    const order = topologicalOrder(this.plan.steps.map((step) => step.dependencyIndexes));
    for (const index of order) {
      const step = this.plan.steps[index];
      if (!step || this.states.has(index, SETTLED) || index === failed) continue;
      if (this.states.has(index, STARTED) || failedId === null) {
        const cause = failedId === null ? this.options.signal?.reason : this.states.error[failed ?? -1];
        const error = new StepCancelledError(step.id, step.tool, reason, cause);
        this.abortTry(index, error);
        this.settle(index, 'cancelled', error);
        continue;
      }
      const blocker = this.failedDependency(index);
      if (blocker === null) this.settle(index, 'skipped', undefined, undefined, 'fail_fast', failedId);
      else this.settle(index, 'skipped', undefined, undefined, 'dependency_failed', blocker);
    }
  }

  /** The step's own list of failed tries, made on the first. */
  private attemptErrorsOf(index: number): AttemptError[] {
    let errors = this.states.attemptErrors[index];
    if (!errors) {
      errors = [];
      this.states.attemptErrors[index] = errors;
    }
    return errors;
  }

  /** One result per planned step, made from the step states when the run ends. */
  private results(): StepResult[] {
    const { states } = this;
    const { steps } = this.plan;
    const results = new Array<StepResult>(steps.length);
    for (let index = 0; index < steps.length; index++) {
      const step = steps[index] as ValidatedStep;
      const startTime = states.startTime[index] as number;
      const endTime = states.endTime[index] as number;
      const started = !Number.isNaN(startTime);
      const executionOrder = states.executionOrder[index] as number;
      const result: StepResult = {
        id: step.id,
        tool: step.tool,
        status: states.status[index] as StepStatus,
        groupIndex: step.groupIndex,
        executionOrder: executionOrder === -1 ? null : executionOrder,
        // A copy: a prepared plan's arrays are frozen and shared by its runs.
        dependsOn: step.dependsOn.length === 0 ? EMPTY : [...step.dependsOn],
        attempts: states.attempt[index] as number,
        attemptErrors: states.attemptErrors[index] ?? EMPTY,
        startTime: started ? startTime : null,
        endTime: Number.isNaN(endTime) ? null : endTime,
        durationMs: started && !Number.isNaN(endTime) ? endTime - startTime : null,
      };
      // Only the fields that apply, as before: `'output' in result` only for ok steps.
      if (result.status === 'ok') result.output = states.output[index];
      const error = states.error[index];
      if (error !== undefined) result.error = error;
      const skipReason = states.skipReason[index];
      if (skipReason !== undefined) result.skipReason = skipReason;
      const blockedBy = states.blockedBy[index];
      if (blockedBy !== undefined) result.blockedBy = blockedBy;
      results[index] = result;
    }
    return results;
  }

  private finish(): void {
    this.finished = true;
    this.options.signal?.removeEventListener('abort', this.onAbort);
    const endTime = this.now();
    const results = this.results();
    const failed = results.filter((result) => isFailed(result.status));
    const outcome: RunOutcome = this.cancelledByCaller ? 'cancelled' : failed.length > 0 ? 'error' : 'ok';
    const criticalPath = measuredCriticalPath(results, this.states.waitedFor);
    const failedError = failed.find((result) => result.error)?.error;
    const failedErrorType = failedError ? errorType(failedError) : undefined;
    this.options.workflow?.report({ outcome, errorType: failedErrorType });
    const { metrics } = this.options;
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
    const outputs: Record<string, unknown> = {};
    for (const result of results) if (result.status === 'ok') outputs[result.id] = result.output;
    this.resolve({
      outcome,
      strategy: this.plan.strategy,
      steps: results,
      outputs,
      traceId: this.spans.traceId(),
      startTime: this.startTime,
      endTime,
      durationMs: endTime - this.startTime,
      criticalPath,
    });
  }
}

/**
 * Which waiting step gets a free slot first: the one with the longest chain of steps still to run
 * from it (it keeps the critical chain moving), or null — first ready, first started — when no step
 * can wait (no limit, or a limit at least the step count) or every step's chain is one step long.
 */
function startPriority(plan: ValidatedPlan, limit: number): Uint32Array | null {
  const { steps } = plan;
  if (plan.strategy !== 'dag' || limit >= steps.length || !steps.some((step) => step.dependencyIndexes.length > 0)) return null;
  return chainToSink(
    steps.map((step) => step.dependencyIndexes),
    plan.dependents,
  );
}
