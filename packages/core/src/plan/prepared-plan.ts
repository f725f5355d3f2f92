import type { ValidatedPlan } from './types.js';

/** Who prepared each plan: a prepared plan runs only on the orchestrator (tool registry) it was checked against. */
const owners = new WeakMap<PreparedPlan, object>();
let wrap: (plan: ValidatedPlan) => PreparedPlan;

/**
 * A plan validated once by `Orchestrator.prepare`, for running many times without validating it
 * again. Immutable: it holds a frozen copy of the validated plan, so changing the input it was
 * made from changes nothing. Only the orchestrator that prepared it may run it.
 *
 * @example
 * const prepared = orchestrator.prepare(plan);
 * for (const query of queries) await orchestrator.run(prepared, { signal });
 */
export class PreparedPlan {
  /** The validated plan, defaults resolved (deeply frozen). */
  readonly plan: ValidatedPlan;

  static {
    wrap = (plan) => new PreparedPlan(plan);
  }

  private constructor(plan: ValidatedPlan) {
    this.plan = plan;
    Object.freeze(this);
  }
}

/** A prepared copy of `plan` (already validated against `owner`'s tools), runnable by `owner` only. */
export function preparePlan(plan: ValidatedPlan, owner: object): PreparedPlan {
  const prepared = wrap(frozenCopy(plan, new Map()));
  owners.set(prepared, owner);
  return prepared;
}

/** Whether `owner` prepared `prepared`. */
export function isPreparedBy(prepared: PreparedPlan, owner: object): boolean {
  return owners.get(prepared) === owner;
}

/**
 * Plain objects and arrays copied and frozen, all the way down (shared and cyclic parts stay shared
 * and cyclic); anything else (a Date, a class instance, a function in a step's static input) is kept
 * as it is, and checked again by the tool's input schema on every run.
 */
function frozenCopy<T>(value: T, copies: Map<object, unknown>): T {
  if (typeof value !== 'object' || value === null) return value;
  const done = copies.get(value);
  if (done !== undefined) return done as T;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    copies.set(value, copy);
    for (const item of value) copy.push(frozenCopy(item, copies));
    return Object.freeze(copy) as T;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = Object.create(prototype);
  copies.set(value, copy);
  // defineProperty: a JSON "__proto__" key is data, not the copy's prototype.
  for (const key of Object.keys(value))
    Object.defineProperty(copy, key, { value: frozenCopy((value as Record<string, unknown>)[key], copies), enumerable: true });
  return Object.freeze(copy) as T;
}
