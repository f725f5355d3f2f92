import type { ExecutionPlan, PlanInput } from '@tooltrace/core';
import type { PlanExpectations } from '../plan/check-plan.js';
import type { Selector } from '../query/select.js';
import type { ShapeOptions, SpanShape, SpanShapeObject } from '../shape/span-shape.js';

/** What a span matcher returns to vitest. `actual`/`expected` feed vitest's diff. */
export interface SpanMatcherResult {
  pass: boolean;
  message: () => string;
  actual?: unknown;
  expected?: unknown;
}

/**
 * The span matchers, registered by `@tooltrace/testing/setup` (or `expect.extend(spanMatchers)`).
 * Each accepts a capture, a `SpanTree`, a `SpanNode` or an array of spans as `expect(...)` subject.
 */
export interface SpanMatchers<R = unknown> {
  /**
   * Some span matches the selector (and, when given, the partial `expected` fields).
   *
   * @example
   * expect(capture).toHaveSpan('execute_tool[tooltrace.step.id="metrics"]', { status: 'error' })
   */
  toHaveSpan(selector: Selector, expected?: SpanShapeObject): R;
  /** Exactly `count` spans match the selector. */
  toHaveSpanCount(selector: Selector, count: number): R;
  /**
   * Some span matches the shape, children included (partial, order-insensitive unless
   * `{ ordered: true }`). An array of shapes must match the tree's roots.
   */
  toHaveSpanTree(shape: SpanShape | readonly SpanShape[], options?: ShapeOptions): R;
  /** A span matching `from` has a link to a span matching `to`, with (partial) link `attributes`. */
  toHaveLinkTo(from: Selector, to: Selector, attributes?: Readonly<Record<string, unknown>>): R;
  /**
   * The spans of every run of this plan follow it: groups, one step span per step in the right
   * group, links equal to `dependsOn`, serial/dag timing, retried steps' `attempt {n}` spans in
   * order, every span ended. `{ attempts: { fetch: 3 } }` also asks for that many tries of a step.
   */
  toMatchPlan(plan: PlanInput | ExecutionPlan, expected?: PlanExpectations): R;
}

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: must repeat vitest's own declaration to merge with it.
  interface Matchers<T = any> extends SpanMatchers<T> {}
}
