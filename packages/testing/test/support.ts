import { type Attributes, type Context, type Link, ROOT_CONTEXT, type Span, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { type AnyTool, defineTool } from '@tooltrace/core';
import { z } from 'zod';

/** A promise with its resolve/reject exposed: time in tests comes from these, not from sleeps. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Runs `fn` and returns the message it threw (for asserting on matcher failure messages). */
export function failureOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the function to throw, but it returned');
}

/** A fixed epoch so hand-built spans have controlled, readable times (offsets in ms). */
export const T0 = 1_700_000_000_000;

/** One hand-built span: times are offsets from {@link T0}; `end: null` leaves it running. */
export interface SpanSpec {
  name: string;
  ref?: string;
  attributes?: Attributes;
  start?: number;
  end?: number | null;
  error?: string;
  events?: string[];
  /** Refs of earlier spans to link to, with optional link attributes. */
  links?: { to: string; attributes?: Attributes }[];
  children?: SpanSpec[];
}

/**
 * Emits hand-built spans with a real tracer, depth-first (children are started after, and ended
 * before, their parent). Returns the spans by `ref`.
 */
export function emit(
  tracer: Tracer,
  specs: readonly SpanSpec[],
  parent: Context = ROOT_CONTEXT,
  refs: Map<string, Span> = new Map(),
): Map<string, Span> {
  for (const spec of specs) {
    const links: Link[] = (spec.links ?? []).map((link) => {
      const target = refs.get(link.to);
      if (!target) throw new Error(`emit: unknown ref ${link.to}`);
      return { context: target.spanContext(), ...(link.attributes ? { attributes: link.attributes } : {}) };
    });
    const span = tracer.startSpan(spec.name, { attributes: spec.attributes ?? {}, links, startTime: T0 + (spec.start ?? 0) }, parent);
    if (spec.ref) refs.set(spec.ref, span);
    for (const event of spec.events ?? []) span.addEvent(event, T0 + (spec.start ?? 0));
    emit(tracer, spec.children ?? [], trace.setSpan(parent, span), refs);
    if (spec.error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: spec.error });
    if (spec.end !== null) span.end(T0 + (spec.end ?? spec.start ?? 0));
  }
  return refs;
}

/** A tool that returns its input's `value` as `{ value }`. */
export const echo = defineTool({
  name: 'echo',
  input: z.object({ value: z.string().default('') }),
  output: z.object({ value: z.string() }),
  run: ({ value }) => ({ value }),
});

/** A tool that always throws. */
export const explode = defineTool({
  name: 'explode',
  input: z.object({}),
  output: z.object({}),
  run: () => {
    throw new TypeError('boom');
  },
});

/** A tool whose calls wait until the test releases them, by step id; `started(id)` resolves when a call began. */
export function gatedTool(name = 'gated'): {
  tool: AnyTool;
  release: (stepId: string) => void;
  started: (stepId: string) => Promise<void>;
} {
  const gates = new Map<string, { started: Deferred<void>; release: Deferred<void> }>();
  const gate = (stepId: string): { started: Deferred<void>; release: Deferred<void> } => {
    let entry = gates.get(stepId);
    if (!entry) {
      entry = { started: deferred(), release: deferred() };
      gates.set(stepId, entry);
    }
    return entry;
  };
  const tool = defineTool({
    name,
    input: z.object({}),
    output: z.object({ done: z.boolean() }),
    run: async (_input, ctx) => {
      gate(ctx.stepId).started.resolve();
      await gate(ctx.stepId).release.promise;
      return { done: true };
    },
  });
  return { tool, release: (stepId) => gate(stepId).release.resolve(), started: (stepId) => gate(stepId).started.promise };
}

/** A small hand-built run (orchestrate › groups › steps, one failed, one link) for matcher tests. */
export const SMALL_RUN: SpanSpec[] = [
  {
    name: 'orchestrate dag',
    start: 0,
    end: 10,
    attributes: { 'tooltrace.strategy': 'dag' },
    children: [
      {
        name: 'group 0',
        start: 1,
        end: 3,
        attributes: { 'tooltrace.group_index': 0 },
        children: [{ name: 'execute_tool ci_lookup', ref: 'primary', start: 1, end: 3, attributes: { 'tooltrace.step.id': 'primary' } }],
      },
      {
        name: 'group 1',
        start: 3,
        end: 9,
        attributes: { 'tooltrace.group_index': 1 },
        children: [
          {
            name: 'execute_tool metrics_query',
            start: 3,
            end: 9,
            error: 'boom',
            events: ['exception'],
            attributes: { 'tooltrace.step.id': 'metrics' },
            links: [{ to: 'primary', attributes: { 'tooltrace.link.kind': 'depends_on' } }],
          },
        ],
      },
    ],
  },
];
