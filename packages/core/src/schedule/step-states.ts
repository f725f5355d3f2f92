import type { AttemptContext } from './attempt-context.js';
import type { AttemptError, SkipReason, StepStatus } from './types.js';

/** The step started (its first try, or the input check before it). */
export const STARTED = 1;
export const SETTLED = 2;
/** It holds a concurrency slot: from start to settle, except while it waits to retry. */
export const HOLDS_SLOT = 4;
/** Try `attempt` is running; results of an abandoned try (timed out) are ignored. */
export const ATTEMPTING = 8;
/** It failed, timed out, or was skipped because a dependency failed: its dependents are skipped. */
export const BLOCKS_DEPENDENTS = 16;

/** Timers and retry bookkeeping, made only for steps with a timeout, a deadline or a retry. */
export interface StepTimers {
  /** Bounds the current try (`timeoutMs`), or the input check before the first. */
  timer: ReturnType<typeof setTimeout> | undefined;
  backoffTimer: ReturnType<typeof setTimeout> | undefined;
  deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the step's deadline passes, by the run's clock; null when it has none. */
  deadlineAt: number | null;
  /** The wait that preceded the next try, once a failed try is to be retried. */
  backoffMs: number | null;
  /** How the last try ended, once it is to be retried: the retry's metric attribute. */
  retried: 'error' | 'timed_out' | null;
}

/**
 * The scheduling state of every step of one run, as arrays indexed by step: a 100k-step run holds a
 * few arrays instead of 100k objects for the garbage collector to trace and move.
 */
export class StepStates {
  /** Predecessors (dependencies; in `serial`, the previous step) not yet settled. */
  readonly pending: Int32Array;
  /** Tries of the tool started so far. */
  readonly attempt: Int32Array;
  /** When it last became ready to start, under a limit that can make it wait (run clock); else NaN. */
  readonly queuedAt: Float64Array;
  /** The run's count of freed slots when it last became ready: it waited for a slot when one was freed before it started. */
  readonly slotsFreedWhenReady: Float64Array;
  /**
   * The step whose end made this one ready (its last predecessor to settle), then the one whose
   * end let it start; -1 when none.
   */
  readonly waitedFor: Int32Array;
  /** What the current (or next) try gives the tool, with its signal. */
  readonly context: (AttemptContext | undefined)[];
  /** The validated input, kept when recording I/O (recorded after the contract attributes) or for retries. */
  readonly input: unknown[];
  /** When the step started (run clock); NaN until then. */
  readonly startTime: Float64Array;
  /** 0-based start order within its group; -1 until it starts. */
  readonly executionOrder: Int32Array;
  #endings: StepEndings | undefined;
  readonly #flags: Uint8Array;
  readonly #timers: (StepTimers | undefined)[];
  /** How many steps the run has. */
  readonly size: number;

  constructor(size: number) {
    this.size = size;
    this.pending = new Int32Array(size);
    this.attempt = new Int32Array(size);
    this.queuedAt = new Float64Array(size).fill(Number.NaN);
    this.slotsFreedWhenReady = new Float64Array(size);
    this.waitedFor = new Int32Array(size).fill(-1);
    this.context = new Array<AttemptContext | undefined>(size).fill(undefined);
    this.input = new Array<unknown>(size).fill(undefined);
    this.startTime = new Float64Array(size).fill(Number.NaN);
    this.executionOrder = new Int32Array(size).fill(-1);
    this.#flags = new Uint8Array(size);
    this.#timers = new Array<StepTimers | undefined>(size).fill(undefined);
  }

  /**
   * How the steps ended, made when first needed (a try failing or a step settling): no step ends
   * before the first starts, so a run's first step does not wait for these lists.
   */
  get endings(): StepEndings {
    if (!this.#endings) this.#endings = new StepEndings(this.size);
    return this.#endings;
  }

  /** Whether step `index` has `flag` (STARTED, SETTLED, HOLDS_SLOT, ATTEMPTING). */
  has(index: number, flag: number): boolean {
    return ((this.#flags[index] as number) & flag) !== 0;
  }

  set(index: number, flag: number): void {
    this.#flags[index] = (this.#flags[index] as number) | flag;
  }

  clear(index: number, flag: number): void {
    this.#flags[index] = (this.#flags[index] as number) & ~flag;
  }

  /** The step's timers, made on first use. */
  timers(index: number): StepTimers {
    let timers = this.#timers[index];
    if (!timers) {
      timers = { timer: undefined, backoffTimer: undefined, deadlineTimer: undefined, deadlineAt: null, backoffMs: null, retried: null };
      this.#timers[index] = timers;
    }
    return timers;
  }

  /** The step's timers, if it ever had any. */
  timersIfAny(index: number): StepTimers | undefined {
    return this.#timers[index];
  }

  /** Clears every timer of the step. */
  clearTimers(index: number): void {
    const timers = this.#timers[index];
    if (!timers) return;
    if (timers.timer !== undefined) clearTimeout(timers.timer);
    if (timers.backoffTimer !== undefined) clearTimeout(timers.backoffTimer);
    if (timers.deadlineTimer !== undefined) clearTimeout(timers.deadlineTimer);
  }
}

/**
 * What each step's result will say, as arrays indexed by step: results are made when the run ends,
 * so that a long run does not carry (and its garbage collections copy) one result object per step
 * from start to end.
 */
export class StepEndings {
  /** When the step ended (run clock); NaN until then. */
  readonly endTime: Float64Array;
  readonly status: StepStatus[];
  readonly output: unknown[];
  readonly error: (Error | undefined)[];
  readonly skipReason: (SkipReason | undefined)[];
  readonly blockedBy: (string | undefined)[];
  /** The errors of failed tries, from the first one on. */
  readonly attemptErrors: (AttemptError[] | undefined)[];

  constructor(size: number) {
    this.endTime = new Float64Array(size).fill(Number.NaN);
    this.status = new Array<StepStatus>(size).fill('skipped');
    this.output = new Array<unknown>(size).fill(undefined);
    this.error = new Array<Error | undefined>(size).fill(undefined);
    this.skipReason = new Array<SkipReason | undefined>(size).fill(undefined);
    this.blockedBy = new Array<string | undefined>(size).fill(undefined);
    this.attemptErrors = new Array<AttemptError[] | undefined>(size).fill(undefined);
  }
}
