import type { InputPath } from './input-path.js';
import type { RetryPolicy } from './retry-policy.js';
import type { FailurePolicy, Strategy } from './schema.js';

/** One `inputFrom` entry after validation. */
export interface InputMapping {
  /** The input field that receives the value. */
  field: string;
  /** The source as written, e.g. `primary.ci.id`. */
  source: string;
  path: InputPath;
}

/** A step after validation: defaults resolved, dependencies as indexes, group assigned. */
export interface ValidatedStep {
  id: string;
  tool: string;
  /** Position in the plan. */
  index: number;
  input: Record<string, unknown>;
  dependsOn: string[];
  dependencyIndexes: number[];
  inputFrom: InputMapping[];
  /** `inputFrom` as written, or null. */
  inputFromSource: Record<string, string> | null;
  /** Bounds one try (attempt) of the step; null when unbounded. */
  timeoutMs: number | null;
  /** Bounds the whole step, every try and wait included; null when unbounded. */
  deadlineMs: number | null;
  /** The effective retry policy (`attempts` 1 when the step is not retried). */
  retry: Readonly<RetryPolicy>;
  groupIndex: number;
}

/** A validated, normalized plan: what the scheduler runs and `explain` describes. */
export interface ValidatedPlan {
  strategy: Strategy;
  failurePolicy: FailurePolicy;
  /** null when unbounded. */
  maxConcurrency: number | null;
  steps: ValidatedStep[];
  /** Step indexes per group, in plan order; `groups[g]` is group index g. */
  groups: number[][];
  /** `dependents[i]` lists the steps that depend on step i. */
  dependents: number[][];
}
