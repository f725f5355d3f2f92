import { type Context, context, type Tracer } from '@opentelemetry/api';
import { topologicalOrder } from '../plan/graph.js';
import type { ValidatedPlan } from '../plan/types.js';
import type { ToolRegistry } from '../plan/validate.js';
import type { AnyTool, ToolContext } from '../tools/define-tool.js';
import { StepCancelledError, StepTimeoutError } from '../tools/errors.js';
import { toError } from '../tools/to-error.js';
import type { RecordIoOptions } from '../trace/record-io.js';
import { RunSpans } from '../trace/run-spans.js';
import { SpanHandle } from '../trace/span-handle.js';
import { type Clock, clockFor, withClock } from './clock.js';
import { LazyAbort } from './lazy-abort.js';
import { buildStepInput, type Checked, checkStepOutput } from './step-input.js';
import type { RunOutcome, RunResult, SkipReason, StepResult, StepStatus } from './types.js';

/** Everything one run needs. */
export interface PlanRunOptions {
  plan: ValidatedPlan;
  tools: ToolRegistry;
  tracer: Tracer;
  parentContext: Context;
  maxConcurrency: number | null;
  signal: AbortSignal | undefined;
  recordIO: RecordIoOptions | null;
}

interface StepState {
  /** Predecessors (dependencies; in `serial`, the previous step) not yet settled. */
  pending: number;
  started: boolean;
  settled: boolean;
  abort: LazyAbort | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  queuedAt: number | null;
  /** The validated input, kept only when recording I/O: it is recorded after the contract attributes. */
  input: unknown;
}

interface GroupState {
  /** Steps of the group started so far: the next one's `executionOrder`. */
  started: number;
}

interface Settlement {
  output?: unknown;
  error?: Error;
  skipReason?: SkipReason;
  blockedBy?: string;
}

const FAILED: ReadonlySet<StepStatus> = new Set(['error', 'timed_out']);

/**
 * One execution of a validated plan. A step starts as soon as its predecessors have settled
 * (its own dependencies in `dag`, the previous step in `serial`, none in `parallel`) and a
 * concurrency slot is free; there are no whole-level rounds.
 */
export class PlanRun {
  private readonly plan: ValidatedPlan;
  private readonly options: PlanRunOptions;
  private readonly limit: number;
  private readonly states: StepState[];
  private readonly groups: GroupState[];
  private readonly results: StepResult[];
  private readonly successors: number[][];
  private readonly indexById = new Map<string, number>();
  private readonly queue: number[] = [];
  private queueHead = 0;
  /** Steps to skip because a dependency failed: a worklist, so long chains do not recurse. */
  private doomed: number[] = [];
  private doomedHead = 0;
  private running = 0;
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
    const serial = this.plan.strategy === 'serial';
    this.successors = serial ? steps.map((_, index) => (index + 1 < steps.length ? [index + 1] : [])) : this.plan.dependents;
    this.states = steps.map((step, index) => ({
      pending: serial ? Math.min(index, 1) : step.dependencyIndexes.length,
      started: false,
      settled: false,
      abort: undefined,
      timer: undefined,
      queuedAt: null,
      input: undefined,
    }));
    this.groups = this.plan.groups.map(() => ({ started: 0 }));
    this.results = steps.map((step) => ({
      id: step.id,
      tool: step.tool,
      status: 'skipped',
      groupIndex: step.groupIndex,
      executionOrder: null,
      dependsOn: step.dependsOn,
      startTime: null,
      endTime: null,
      durationMs: null,
    }));
    for (const [index, step] of steps.entries()) this.indexById.set(step.id, index);
    this.spans = new RunSpans({
      plan: this.plan,
      tracer: options.tracer,
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
    this.startTime = this.now();
    this.spans.openRun(this.startTime);
    const { signal } = this.options;
    if (signal?.aborted) {
      this.stop(null);
      return promise;
    }
    signal?.addEventListener('abort', this.onAbort, { once: true });
    this.states.forEach((state, index) => {
      if (state.pending === 0) this.enqueue(index);
    });
    this.advance();
    return promise;
  }

  private enqueue(index: number): void {
    // It will wait when the running steps plus those queued ahead of it fill every slot.
    if (this.running + this.queue.length - this.queueHead >= this.limit) (this.states[index] as StepState).queuedAt = this.now();
    this.queue.push(index);
  }

  /** Settles doomed steps and starts ready ones until nothing more can happen now. Re-entrant safe. */
  private advance(): void {
    if (this.advancing) return;
    this.advancing = true;
    try {
      for (;;) {
        if (this.doomedHead < this.doomed.length) {
          this.skipDoomed(this.doomed[this.doomedHead++] as number);
        } else if (!this.stopped && this.running < this.limit && this.queueHead < this.queue.length) {
          this.startStep(this.queue[this.queueHead++] as number);
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
    const state = this.states[index];
    const result = this.results[index];
    if (!step || !state || !result || state.started || state.settled) return;
    const tool = this.options.tools.get(step.tool) as AnyTool;
    const startTime = this.now();
    const executionOrder = (this.groups[step.groupIndex] as GroupState).started++;
    state.started = true;
    this.running++;
    result.startTime = startTime;
    result.executionOrder = executionOrder;
    const span = this.spans.openStep(index, executionOrder, startTime, state.queuedAt === null ? null : startTime - state.queuedAt);
    // The step's signal and timeout cover everything from here: input validation may be async.
    const abort = new LazyAbort();
    state.abort = abort;
    if (step.timeoutMs !== null) state.timer = setTimeout(() => this.timeOut(index), step.timeoutMs);
    const toolContext: ToolContext = {
      get signal() {
        return abort.signal;
      },
      stepId: step.id,
      tool: step.tool,
      groupIndex: step.groupIndex,
      executionOrder,
      // Not recording: the (non-recording) orchestrate span stands in; its end() does nothing.
      span: span ? new SpanHandle(span) : this.spans.runSpan,
    };
    const input = buildStepInput(step, tool, (id) => this.results[this.indexById.get(id) ?? -1]?.output);
    if (input instanceof Promise)
      input.then((checked) => this.invoke(index, tool, checked, toolContext)).catch((bug: unknown) => this.fail(index, bug));
    else this.invoke(index, tool, input, toolContext);
  }

  /** Calls the tool with its validated input, inside the step span's context. */
  private invoke(index: number, tool: AnyTool, input: Checked, toolContext: ToolContext): void {
    const state = this.states[index];
    if (!state || state.settled) return;
    if (!input.ok) {
      this.settle(index, 'error', { error: input.error });
      return;
    }
    if (this.options.recordIO) state.input = input.value;
    const runContext = this.spans.stepContext(index);
    let pending: unknown;
    try {
      pending = context.with(runContext, () => tool.run(input.value, toolContext));
    } catch (thrown) {
      pending = Promise.reject(thrown);
    }
    // One reaction per step; a bug in complete() still fails the step rather than escaping.
    Promise.resolve(pending).then(
      (output) => {
        try {
          this.complete(index, tool, output);
        } catch (bug) {
          this.fail(index, bug);
        }
      },
      (thrown) => {
        try {
          this.fail(index, thrown);
        } catch (bug) {
          this.fail(index, bug);
        }
      },
    );
  }

  private complete(index: number, tool: AnyTool, output: unknown): void {
    const step = this.plan.steps[index];
    if (!step || this.states[index]?.settled) return;
    const checked = checkStepOutput(step, tool, output);
    if (checked instanceof Promise)
      checked.then((outcome) => this.settleChecked(index, outcome)).catch((bug: unknown) => this.fail(index, bug));
    else this.settleChecked(index, checked);
  }

  private settleChecked(index: number, checked: Checked): void {
    if (this.states[index]?.settled) return;
    if (checked.ok) this.settle(index, 'ok', { output: checked.value });
    else this.settle(index, 'error', { error: checked.error });
  }

  private fail(index: number, thrown: unknown): void {
    if (this.states[index]?.settled) return;
    this.settle(index, 'error', { error: toError(thrown) });
  }

  private timeOut(index: number): void {
    const step = this.plan.steps[index];
    const state = this.states[index];
    if (!step || !state || state.settled) return;
    const error = new StepTimeoutError(step.id, step.tool, step.timeoutMs ?? 0);
    state.abort?.abort(error);
    this.settle(index, 'timed_out', { error });
  }

  /** Records how a step ended, ends its span (opening a zero-length one if it never started) and releases its successors. */
  private settle(index: number, status: StepStatus, settlement: Settlement): void {
    const step = this.plan.steps[index];
    const state = this.states[index];
    const result = this.results[index];
    if (!step || !state || !result || state.settled) return;
    state.settled = true;
    this.unsettled--;
    if (state.timer !== undefined) clearTimeout(state.timer);
    const endTime = this.now();
    if (state.started) this.running--;
    // Field by field (no Object.assign or spread): a hot path, and results keep their shape.
    const { output, error, skipReason, blockedBy } = settlement;
    result.status = status;
    if ('output' in settlement) result.output = output;
    if (error !== undefined) result.error = error;
    if (skipReason !== undefined) result.skipReason = skipReason;
    if (blockedBy !== undefined) result.blockedBy = blockedBy;
    result.endTime = state.started ? endTime : null;
    if (result.startTime !== null) result.durationMs = endTime - result.startTime;
    this.spans.endStep(index, { status, error, skipReason, blockedBy, input: state.input, output }, endTime);
    state.input = undefined;
    if (FAILED.has(status) && this.plan.failurePolicy === 'fail-fast') this.stop(index);
    this.release(index);
    this.advance();
  }

  /** Lets the successors of a settled step go: skipped when a dependency failed, else ready. */
  private release(index: number): void {
    for (const next of this.successors[index] ?? []) {
      const state = this.states[next];
      // Once stopped, stop() settles every remaining step itself, in dependency order.
      if (!state || --state.pending > 0 || state.settled || this.stopped) continue;
      if (this.failedDependency(next) !== null) this.doomed.push(next);
      else this.enqueue(next);
    }
  }

  private skipDoomed(index: number): void {
    const blocker = this.failedDependency(index);
    if (blocker !== null) this.settle(index, 'skipped', { skipReason: 'dependency_failed', blockedBy: blocker });
  }

  /**
   * The root cause behind a step's first dependency that failed, timed out or was skipped because
   * its own dependency failed; null when there is none.
   */
  private failedDependency(index: number): string | null {
    for (const dep of this.plan.steps[index]?.dependencyIndexes ?? []) {
      const result = this.results[dep];
      // Cancelled and fail_fast-skipped dependencies are collateral of a failure elsewhere, not causes.
      if (result && (FAILED.has(result.status) || result.skipReason === 'dependency_failed')) return result.blockedBy ?? result.id;
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
      const state = this.states[index];
      const step = this.plan.steps[index];
      if (!state || !step || state.settled || index === failed) continue;
      if (state.started || failedId === null) {
        const cause = failedId === null ? this.options.signal?.reason : this.results[failed ?? -1]?.error;
        const error = new StepCancelledError(step.id, step.tool, reason, cause);
        state.abort?.abort(error);
        this.settle(index, 'cancelled', { error });
        continue;
      }
      const blocker = this.failedDependency(index);
      this.settle(
        index,
        'skipped',
        blocker === null ? { skipReason: 'fail_fast', blockedBy: failedId } : { skipReason: 'dependency_failed', blockedBy: blocker },
      );
    }
  }

  private finish(): void {
    this.finished = true;
    this.options.signal?.removeEventListener('abort', this.onAbort);
    const endTime = this.now();
    const failed = this.results.filter((result) => FAILED.has(result.status));
    const outcome: RunOutcome = this.cancelledByCaller ? 'cancelled' : failed.length > 0 ? 'error' : 'ok';
    this.spans.endRun(
      outcome,
      failed.map((result) => result.id),
      endTime,
    );
    const outputs: Record<string, unknown> = {};
    for (const result of this.results) if (result.status === 'ok') outputs[result.id] = result.output;
    this.resolve({
      outcome,
      strategy: this.plan.strategy,
      steps: this.results,
      outputs,
      traceId: this.spans.traceId(),
      startTime: this.startTime,
      endTime,
      durationMs: endTime - this.startTime,
    });
  }
}
