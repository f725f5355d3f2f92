import type { z } from 'zod';
import { MAX_ATTEMPTS, MAX_TIMER_MS, type RetryPolicyInput } from './retry-policy.js';
import { FAILURE_POLICIES, type PlanSchema, STRATEGIES } from './schema.js';
import { isStepIdText } from './step-id.js';

/** A plan as {@link PlanSchema} outputs it. */
export type ParsedPlan = z.output<typeof PlanSchema>;
/** A step as {@link PlanSchema} outputs it. */
export type ParsedStep = ParsedPlan['steps'][number];

/** The fields each object of a plan may have: those of PlanSchema, PlanStepSchema and RetryPolicySchema (a test keeps them in step). */
export const PLAN_FIELDS: ReadonlySet<string> = new Set(['strategy', 'failurePolicy', 'maxConcurrency', 'retry', 'steps']);
export const STEP_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'tool',
  'input',
  'dependsOn',
  'inputFrom',
  'timeoutMs',
  'deadlineMs',
  'retry',
]);
export const RETRY_FIELDS: ReadonlySet<string> = new Set(['attempts', 'backoffMs', 'factor', 'maxBackoffMs', 'jitter']);

/**
 * What a caller keeps of each parsed step, made as soon as the step is parsed; `retry` is the plan's
 * default policy and `stepCount` the plan's number of steps. At 100k steps, whatever a parsed copy
 * holds that the caller does not keep (its `input`, once checked) then dies young instead of being
 * copied by every scavenge of the pass.
 */
export type StepKeeper<Kept> = (step: ParsedStep, index: number, retry: RetryPolicyInput | undefined, stepCount: number) => Kept;

/** A parsed plan whose steps are what a {@link StepKeeper} kept of them. */
export type KeptPlan<Kept> = Omit<ParsedPlan, 'steps'> & { steps: Kept[] };

const keepParsed: StepKeeper<ParsedStep> = (step) => step;

/**
 * The plan exactly as `PlanSchema.parse` would return it, when every field is certainly valid; else
 * undefined, and PlanSchema decides and reports. A generic zod parse of a 10k-step plan allocates
 * about 1.6 KB per step and, on a process's first plan, compiles its parsers: this pass checks the
 * same rules by hand and copies only what the parse copies (each step, its `input`, `inputFrom` and
 * `dependsOn`, `retry`). It never rejects: anything unusual (a symbol key, an exotic object) is left to zod.
 * With `keep`, each step is what `keep` made of it (possibly before a later step turns out not well-formed).
 */
export function parseWellFormedPlan(plan: unknown): ParsedPlan | undefined;
export function parseWellFormedPlan<Kept>(plan: unknown, keep: StepKeeper<Kept>): KeptPlan<Kept> | undefined;
export function parseWellFormedPlan(plan: unknown, keep: StepKeeper<unknown> = keepParsed): KeptPlan<unknown> | undefined {
  if (!isObject(plan) || !onlyFields(plan, PLAN_FIELDS)) return undefined;
  const { strategy, failurePolicy, maxConcurrency, retry, steps } = plan;
  if (strategy !== undefined && !(STRATEGIES as readonly unknown[]).includes(strategy)) return undefined;
  if (failurePolicy !== undefined && !(FAILURE_POLICIES as readonly unknown[]).includes(failurePolicy)) return undefined;
  if (maxConcurrency !== undefined && !(Number.isSafeInteger(maxConcurrency) && (maxConcurrency as number) > 0)) return undefined;
  const retryCopy = retry === undefined ? undefined : copyRetryPolicy(retry);
  if (retry !== undefined && !retryCopy) return undefined;
  if (!Array.isArray(steps) || steps.length === 0) return undefined;
  const keptSteps: unknown[] = new Array(steps.length);
  for (let index = 0; index < steps.length; index++) {
    const step = parseStep(steps[index]);
    if (!step) return undefined;
    keptSteps[index] = keep(step, index, retryCopy, steps.length);
  }
  const parsed: Record<string, unknown> = {};
  // The same keys as zod's output: the present ones, in schema order.
  if ('strategy' in plan) parsed.strategy = strategy;
  if ('failurePolicy' in plan) parsed.failurePolicy = failurePolicy;
  if ('maxConcurrency' in plan) parsed.maxConcurrency = maxConcurrency;
  if ('retry' in plan) parsed.retry = retryCopy;
  parsed.steps = keptSteps;
  return parsed as KeptPlan<unknown>;
}

function parseStep(step: unknown): ParsedStep | undefined {
  if (!isObject(step) || !onlyFields(step, STEP_FIELDS)) return undefined;
  const { id, tool, input, dependsOn } = step;
  if (!isStepId(id) || typeof tool !== 'string' || tool.length === 0) return undefined;
  const hasInput = 'input' in step;
  const inputCopy = hasInput && input !== undefined ? copyRecord(input, false) : undefined;
  if (input !== undefined && !inputCopy) return undefined;
  const hasDependsOn = 'dependsOn' in step;
  const dependsOnCopy = hasDependsOn && dependsOn !== undefined ? copyStepIds(dependsOn) : undefined;
  if (dependsOn !== undefined && !dependsOnCopy) return undefined;
  if ('inputFrom' in step || 'timeoutMs' in step || 'deadlineMs' in step || 'retry' in step)
    return withOtherFields(step, { id, tool }, hasInput, inputCopy, hasDependsOn, dependsOnCopy);
  // The usual steps as whole literals: a step grown key by key also gets a second object (its
  // out-of-object properties), and at 100k steps every object that lives through the pass costs.
  if (hasInput && hasDependsOn) return { id, tool, input: inputCopy, dependsOn: dependsOnCopy } as ParsedStep;
  if (hasInput) return { id, tool, input: inputCopy } as ParsedStep;
  if (hasDependsOn) return { id, tool, dependsOn: dependsOnCopy } as ParsedStep;
  return { id, tool };
}

/** A step with fields beyond id, tool, input and dependsOn, its keys added in schema order. */
function withOtherFields(
  step: Record<string, unknown>,
  parsed: Record<string, unknown>,
  hasInput: boolean,
  inputCopy: Record<string, unknown> | undefined,
  hasDependsOn: boolean,
  dependsOnCopy: string[] | undefined,
): ParsedStep | undefined {
  const { inputFrom } = step;
  if (hasInput) parsed.input = inputCopy;
  if (hasDependsOn) parsed.dependsOn = dependsOnCopy;
  if ('inputFrom' in step) {
    if (inputFrom === undefined) parsed.inputFrom = inputFrom;
    else {
      const copy = copyRecord(inputFrom, true);
      if (!copy) return undefined;
      parsed.inputFrom = copy;
    }
  }
  // Apart: most steps with more than id, tool, input and dependsOn have only inputFrom.
  if ('timeoutMs' in step || 'deadlineMs' in step || 'retry' in step) return withTimersAndRetry(step, parsed);
  return parsed as ParsedStep;
}

/** {@link withOtherFields} past inputFrom: `timeoutMs`, `deadlineMs` and `retry`, added in schema order. */
function withTimersAndRetry(step: Record<string, unknown>, parsed: Record<string, unknown>): ParsedStep | undefined {
  const { timeoutMs, deadlineMs, retry } = step;
  if ('timeoutMs' in step) {
    if (timeoutMs !== undefined && !isTimerMs(timeoutMs)) return undefined;
    parsed.timeoutMs = timeoutMs;
  }
  if ('deadlineMs' in step) {
    if (deadlineMs !== undefined && !isTimerMs(deadlineMs)) return undefined;
    parsed.deadlineMs = deadlineMs;
  }
  if ('retry' in step) {
    if (retry === undefined) parsed.retry = retry;
    else {
      const copy = copyRetryPolicy(retry);
      if (!copy) return undefined;
      parsed.retry = copy;
    }
  }
  return parsed as ParsedStep;
}

/** zod's object check: any object but an array (class instances included). */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * zod's record check (its `util.isPlainObject`, written out so that any zod 4 copy works): an object
 * whose constructor, if any, looks like Object's.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const maker: unknown = value.constructor;
  if (maker === undefined || typeof maker !== 'function') return true;
  const prototype: unknown = maker.prototype;
  return isObject(prototype) && Object.hasOwn(prototype, 'isPrototypeOf');
}

/** A strict object's key check: every enumerable key, inherited ones included, is a known field. */
function onlyFields(value: object, fields: ReadonlySet<string>): boolean {
  for (const key in value) if (!fields.has(key)) return false;
  return true;
}

function isStepId(value: unknown): value is string {
  return typeof value === 'string' && isStepIdText(value) && value !== '__proto__';
}

function copyStepIds(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const copy: string[] = new Array(value.length);
  for (let index = 0; index < value.length; index++) {
    const id: unknown = value[index];
    if (!isStepId(id)) return undefined;
    copy[index] = id;
  }
  return copy;
}

/**
 * Whether an `input` or `inputFrom` record has an own `"__proto__"` key (a JSON plan can hold one):
 * the record schemas drop it silently, so validation reports it, and the well-formed pass leaves
 * such a plan to the schema's path.
 */
export function hasReservedKey(fields: unknown): boolean {
  return typeof fields === 'object' && fields !== null && Object.hasOwn(fields, '__proto__');
}

/**
 * A record's copy as zod makes it (own enumerable string keys, in order), when the record is a
 * plain object whose keys are all ordinary, non-empty strings (and whose values are strings, with `stringValues`).
 */
function copyRecord(value: unknown, stringValues: boolean): Record<string, unknown> | undefined {
  if (!isPlainObject(value) || Object.getOwnPropertySymbols(value).length > 0) return undefined;
  // An own "__proto__" key, even one the loop below cannot see (not enumerable), is a reported
  // problem: such a plan goes to the schema's path, so a well-formed plan needs no look for it.
  if (hasReservedKey(value)) return undefined;
  // Not `{}`: V8 makes an empty literal without an allocation site, so it can never place the
  // copies straight in the old generation; at 100k steps they live through the whole validation,
  // and every scavenge copied them (one fewer scavenge in three measured, see the commit).
  const copy: Record<string, unknown> = { __proto__: Object.prototype };
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const field = value[key];
    if (key === '' || (stringValues && typeof field !== 'string')) return undefined;
    copy[key] = field;
  }
  return copy;
}

function isTimerMs(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) > 0 && (value as number) <= MAX_TIMER_MS;
}

/** A copy of a valid retry policy (its present fields, in schema order), else undefined. */
function copyRetryPolicy(value: unknown): RetryPolicyInput | undefined {
  if (!isObject(value) || !onlyFields(value, RETRY_FIELDS)) return undefined;
  const { attempts, backoffMs, factor, maxBackoffMs, jitter } = value;
  const valid =
    (attempts === undefined || isIntegerIn(attempts, 1, MAX_ATTEMPTS)) &&
    (backoffMs === undefined || isIntegerIn(backoffMs, 0, MAX_TIMER_MS)) &&
    (factor === undefined || isNumberIn(factor, 1, 100)) &&
    (maxBackoffMs === undefined || isIntegerIn(maxBackoffMs, 0, MAX_TIMER_MS)) &&
    (jitter === undefined || isNumberIn(jitter, 0, 1));
  if (!valid) return undefined;
  const copy: Record<string, unknown> = {};
  if ('attempts' in value) copy.attempts = attempts;
  if ('backoffMs' in value) copy.backoffMs = backoffMs;
  if ('factor' in value) copy.factor = factor;
  if ('maxBackoffMs' in value) copy.maxBackoffMs = maxBackoffMs;
  if ('jitter' in value) copy.jitter = jitter;
  return copy as RetryPolicyInput;
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
}

function isNumberIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}
