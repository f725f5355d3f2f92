import type { Strategy } from '../plan/schema.js';
import type { CriticalPath } from './critical-path.js';

/** How a step ended. */
export type StepStatus = 'ok' | 'error' | 'skipped' | 'cancelled' | 'timed_out';

/** Why a step was skipped. */
export type SkipReason = 'dependency_failed' | 'fail_fast';

/** How a run ended: every step ok, a step failed, or the run's signal aborted it. */
export type RunOutcome = 'ok' | 'error' | 'cancelled';

/** Most failed tries whose errors a step result keeps (the latest ones). */
export const MAX_ATTEMPT_ERRORS = 10;

/** The error of one failed try of a step. */
export interface AttemptError {
  /** 1-based number of the try. */
  attempt: number;
  error: Error;
}

/** The result of one planned step. Every planned step has one, whatever happened. */
export interface StepResult {
  id: string;
  tool: string;
  status: StepStatus;
  /** The validated output, for `ok` steps. */
  output?: unknown;
  /** Why the step failed, timed out or was cancelled. */
  error?: Error;
  skipReason?: SkipReason;
  /** For skipped steps: the step whose failure caused the skip. */
  blockedBy?: string;
  groupIndex: number;
  /** 0-based start order within the group; null when the step never started. */
  executionOrder: number | null;
  /** The step's dependencies as planned; when it has none, a frozen empty array shared by results. */
  dependsOn: string[];
  /** Tries of the tool that started: 0 when it was never called (skipped, invalid input), above 1 after retries. */
  attempts: number;
  /**
   * The error of each failed try, oldest first; only the last {@link MAX_ATTEMPT_ERRORS} are kept.
   * With no failed try, a frozen empty array shared by results.
   */
  attemptErrors: AttemptError[];
  /** Epoch milliseconds (sub-millisecond precision); null when the step never started. */
  startTime: number | null;
  endTime: number | null;
  durationMs: number | null;
}

/** The result of `Orchestrator.run`. */
export interface RunResult {
  outcome: RunOutcome;
  strategy: Strategy;
  /** One result per planned step, in plan order. */
  steps: StepResult[];
  /** Outputs of the `ok` steps, by step id. */
  outputs: Record<string, unknown>;
  /** Trace id of the orchestrate span (also when sampled out), or of the run's remote parent; null with no SDK and no parent. */
  traceId: string | null;
  startTime: number;
  endTime: number;
  durationMs: number;
  /**
   * The measured critical path: the chain of steps that determined when the run ended (see
   * `tooltrace.critical_path`); null when no step started.
   */
  criticalPath: CriticalPath | null;
}
