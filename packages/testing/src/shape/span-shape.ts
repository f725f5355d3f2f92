import type { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { AsymmetricMatcherLike } from '../query/value-match.js';
import type { SpanKindName, SpanStatusName } from '../spans/captured-span.js';

/** A name expectation: a string (`execute_tool` also matches `execute_tool ci_lookup`), a RegExp or an asymmetric matcher. */
export type NameExpectation = string | RegExp | AsymmetricMatcherLike;

/** An expected event: by name, optionally with (partial) attributes. A string is a name. */
export type EventShape = string | { readonly name?: NameExpectation; readonly attributes?: Readonly<Record<string, unknown>> };

/** An expected status: a name or code, or `{ code?, message? }` (the message may be a RegExp or a matcher). */
export type StatusShape = SpanStatusName | SpanStatusCode | { readonly code?: SpanStatusName | SpanStatusCode; readonly message?: unknown };

/**
 * A partial description of a span and, through `children`, of the spans below it. Every field is
 * optional; what is given must match. Values may be exact, RegExps or vitest asymmetric matchers
 * (`expect.any(Number)`); an attribute expected as `undefined` must be absent. A plain string is
 * shorthand for `{ name }`.
 *
 * @example
 * { name: 'orchestrate dag', children: [{ name: 'group', attributes: { 'tooltrace.group_index': 0 } }] }
 */
export interface SpanShapeObject {
  readonly name?: NameExpectation;
  readonly kind?: SpanKindName | SpanKind;
  readonly status?: StatusShape;
  readonly attributes?: Readonly<Record<string, unknown>>;
  /** Events that must be present (in any order); other events are allowed. */
  readonly events?: readonly EventShape[];
  /** Child spans that must be present; see the `ordered` and `exact` options for stricter checks. */
  readonly children?: readonly SpanShape[];
  readonly ended?: boolean;
}

/** A span shape, or a span name as shorthand for `{ name }`. */
export type SpanShape = string | SpanShapeObject;

/** How `children` in a shape are compared. */
export interface ShapeOptions {
  /** Children must appear in the given order (other children may sit between them). Default false. */
  readonly ordered?: boolean;
  /** A span whose shape lists `children` must have no other children. Default false. */
  readonly exact?: boolean;
}

/** The object form of a shape. */
export function normalizeShape(shape: SpanShape): SpanShapeObject {
  return typeof shape === 'string' ? { name: shape } : shape;
}
