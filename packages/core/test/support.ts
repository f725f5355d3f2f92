import { type Context, context, type Span, type SpanOptions, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { z } from 'zod';
import { type AnyTool, defineTool } from '../src/index.js';

let contextManagerInstalled = false;

/** A real SDK provider writing to an in-memory exporter, plus a count of end() calls per span. */
export function tracing(): {
  provider: TracerProvider;
  exporter: InMemorySpanExporter;
  spans: () => ReadableSpan[];
  endCalls: Map<string, number>;
  started: Set<string>;
} {
  if (!contextManagerInstalled) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    contextManagerInstalled = true;
  }
  const exporter = new InMemorySpanExporter();
  const sdk = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const endCalls = new Map<string, number>();
  const started = new Set<string>();
  const provider: TracerProvider = {
    getTracer(name, version, options) {
      const tracer = sdk.getTracer(name, version, options);
      return countingTracer(tracer, started, endCalls);
    },
  };
  return { provider, exporter, spans: () => [...exporter.getFinishedSpans()], endCalls, started };
}

function countingTracer(tracer: Tracer, started: Set<string>, endCalls: Map<string, number>): Tracer {
  const wrap = (span: Span): Span => {
    const id = span.spanContext().spanId;
    started.add(id);
    const end = span.end.bind(span);
    span.end = (time) => {
      endCalls.set(id, (endCalls.get(id) ?? 0) + 1);
      end(time);
    };
    return span;
  };
  return {
    startSpan: (name: string, options?: SpanOptions, ctx?: Context) => wrap(tracer.startSpan(name, options, ctx)),
    startActiveSpan: tracer.startActiveSpan.bind(tracer) as Tracer['startActiveSpan'],
  };
}

/** Every started span was ended exactly once. */
export function unendedOrTwice(endCalls: Map<string, number>, started: Set<string>): string[] {
  return [...started].filter((id) => endCalls.get(id) !== 1);
}

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

/** Lets every pending promise callback run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * A tool whose calls are controlled by the test: each call records its step id and waits for
 * `release(stepId)` (or `fail(stepId, error)`).
 */
export function controlledTool(name = 'controlled'): {
  tool: AnyTool;
  calls: string[];
  release: (stepId: string, output?: unknown) => void;
  fail: (stepId: string, error: Error) => void;
  signals: Map<string, AbortSignal>;
} {
  const calls: string[] = [];
  const waiting = new Map<string, Deferred<unknown>>();
  const early = new Map<string, { output?: unknown; error?: Error }>();
  const signals = new Map<string, AbortSignal>();
  const tool = defineTool({
    name,
    input: z.record(z.string(), z.unknown()),
    output: z.unknown(),
    run: (_input, ctx) => {
      calls.push(ctx.stepId);
      signals.set(ctx.stepId, ctx.signal);
      const pending = deferred<unknown>();
      const settled = early.get(ctx.stepId);
      if (settled?.error) pending.reject(settled.error);
      else if (settled) pending.resolve(settled.output ?? { from: ctx.stepId });
      waiting.set(ctx.stepId, pending);
      return pending.promise;
    },
  });
  return {
    tool,
    calls,
    signals,
    release: (stepId, output) => {
      const pending = waiting.get(stepId);
      if (pending) pending.resolve(output ?? { from: stepId });
      else early.set(stepId, { output: output ?? { from: stepId } });
    },
    fail: (stepId, error) => {
      const pending = waiting.get(stepId);
      if (pending) pending.reject(error);
      else early.set(stepId, { error });
    },
  };
}

/** A tool that answers at once with `{ value }`. */
export function echoTool(name = 'echo'): AnyTool {
  return defineTool({
    name,
    input: z.object({ value: z.unknown().optional() }).passthrough(),
    output: z.object({ value: z.unknown() }).passthrough(),
    run: (input) => ({ ...input, value: input.value ?? name }),
  });
}

/** The spans with a given name prefix, by step id when they are step spans. */
export function stepSpans(spans: readonly ReadableSpan[]): Map<string, ReadableSpan> {
  const byId = new Map<string, ReadableSpan>();
  for (const span of spans) {
    const id = span.attributes['tooltrace.step.id'];
    if (typeof id === 'string' && span.name.startsWith('execute_tool')) byId.set(id, span);
  }
  return byId;
}

export function hrToMs(time: readonly [number, number]): number {
  return time[0] * 1e3 + time[1] / 1e6;
}
