import { INSTRUMENTATION_SCOPE } from '@tooltrace/core';
import type { DecodedSpans, RejectedSpan } from '../load/errors.js';
import { groupIntoTraces } from '../model/build-trace.js';
import { padHexId, TRACE_ID_BYTES } from '../model/ids.js';
import type { InspectorSpan, InspectorTrace } from '../model/types.js';
import { InvalidOptionError, integerOption } from '../options/invalid-option-error.js';

/** The trace backends the inspector reads from. */
export type BackendKind = 'jaeger' | 'tempo';

/** Options of a {@link TraceBackend}; every field has a default. */
export interface TraceBackendOptions {
  /** Each request gives up after this many milliseconds (default 10,000). */
  timeoutMs?: number;
  /** How far back the search for recent traces looks, in milliseconds (default 24 hours). */
  lookbackMs?: number;
  /** At most this many recent traces are listed (default 20). */
  limit?: number;
}

/** One trace as a backend returned it. */
export interface FetchedTrace extends DecodedSpans {
  /** What the backend said about the answer, e.g. Tempo's "a partial trace is returned". */
  warnings: string[];
}

/** Traces found by a search, newest first, and the spans the decoders left out. */
export interface FoundTraces {
  traces: InspectorTrace[];
  rejected: RejectedSpan[];
}

/** A Jaeger or Tempo server, read through its HTTP query API. */
export interface TraceBackend {
  readonly kind: BackendKind;
  /** The API's base URL, without a trailing slash, e.g. `http://127.0.0.1:16686`. */
  readonly baseUrl: string;
  /** Names the backend in messages: `Jaeger at http://127.0.0.1:16686`. */
  readonly label: string;
  /**
   * The spans of one trace (id in hex; shorter ids are left-padded with zeros).
   *
   * @throws {BackendError} `BACKEND_TRACE_NOT_FOUND` when the backend does not hold it, or why the
   *   request failed.
   */
  getTrace(traceId: string, signal?: AbortSignal): Promise<FetchedTrace>;
  /** Recent traces with tooltrace spans, found through the backend's search API, newest first. */
  findRecentTraces(signal?: AbortSignal): Promise<FoundTraces>;
}

/** Resolved options, shared by the backend implementations. */
export interface BackendSettings {
  baseUrl: string;
  label: string;
  timeoutMs: number;
  lookbackMs: number;
  limit: number;
}

export const DEFAULT_BACKEND_TIMEOUT_MS = 10_000;
export const DEFAULT_BACKEND_LOOKBACK_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_BACKEND_LIMIT = 20;

const BACKEND_NAMES: Record<BackendKind, string> = { jaeger: 'Jaeger', tempo: 'Tempo' };

/**
 * Checks a backend's base URL and options.
 *
 * @throws {InvalidOptionError} for a URL that is not http(s) or carries a query, and for limits
 *   that are not positive integers.
 */
export function backendSettings(kind: BackendKind, baseUrl: string, options: TraceBackendOptions = {}): BackendSettings {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InvalidOptionError(kind, baseUrl, 'an http:// or https:// URL');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '') {
    throw new InvalidOptionError(kind, baseUrl, 'an http:// or https:// URL without a query');
  }
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  return {
    baseUrl: base,
    label: `${BACKEND_NAMES[kind]} at ${base}`,
    timeoutMs: integerOption('timeoutMs', options.timeoutMs ?? DEFAULT_BACKEND_TIMEOUT_MS, 1),
    lookbackMs: integerOption('lookbackMs', options.lookbackMs ?? DEFAULT_BACKEND_LOOKBACK_MS, 1),
    limit: integerOption('limit', options.limit ?? DEFAULT_BACKEND_LIMIT, 1),
  };
}

/**
 * A trace id as backends take it: 32 lower-case hex digits (shorter ids are left-padded).
 *
 * @throws {InvalidOptionError} when it is not 1 to 32 hex digits.
 */
export function backendTraceId(traceId: string): string {
  const id = padHexId(traceId, TRACE_ID_BYTES);
  if (id === null) throw new InvalidOptionError('traceId', traceId, '1 to 32 hex digits, not all zero');
  return id;
}

/**
 * Groups found spans into traces and keeps those with a span of tooltrace's instrumentation scope,
 * newest first, at most `limit`.
 */
export function recentTooltraceTraces(spans: InspectorSpan[], limit: number): InspectorTrace[] {
  return groupIntoTraces(spans)
    .filter((trace) => trace.spans.some((span) => span.scope.name === INSTRUMENTATION_SCOPE))
    .map((trace) => ({ trace, startMs: trace.spans[0]?.startMs ?? 0 }))
    .sort((a, b) => b.startMs - a.startMs)
    .slice(0, limit)
    .map(({ trace }) => trace);
}

/** Runs `task` on every item, at most `concurrency` at a time; results in item order. */
export async function mapConcurrently<T, R>(items: readonly T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
