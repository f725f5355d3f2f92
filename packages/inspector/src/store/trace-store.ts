import { type AttributeQuery, type SpanMatch, searchTraces } from '../model/attribute-query.js';
import { buildTrace } from '../model/build-trace.js';
import { summarizeTrace } from '../model/summarize.js';
import type { InspectorSpan, InspectorTrace, TraceSummary } from '../model/types.js';
import { integerOption } from '../options/invalid-option-error.js';
import { plural } from '../text/plural.js';
import { attributeBytes, spanBytes } from './span-bytes.js';

/** Limits of a {@link TraceStore}. */
export interface TraceStoreOptions {
  /** Traces kept; adding spans to a new trace beyond this evicts the least recently updated (default 100). */
  maxTraces?: number;
  /** Spans kept per trace; further new spans of that trace are rejected (default 50,000). */
  maxSpansPerTrace?: number;
  /**
   * Byte budget of the whole store (an estimate of the memory spans hold; default 256 MiB). Past it,
   * whole traces are evicted, least recently updated first; a span that would make one trace
   * larger than the whole budget is rejected.
   */
  maxBytes?: number;
}

export const DEFAULT_MAX_TRACES = 100;
export const DEFAULT_MAX_SPANS_PER_TRACE = 50_000;
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
const DEFAULT_SEARCH_LIMIT = 1000;

/** What {@link TraceStore.add} did with a batch of spans. */
export interface AddSpansResult {
  /** Spans stored (new, or replacing a span with the same id). */
  accepted: number;
  /** Spans dropped because their trace already holds `maxSpansPerTrace` spans. */
  rejected: number;
  /** Why spans were rejected, when some were. */
  rejectedMessage: string;
  /** Traces that changed, in order of first appearance in the batch. */
  traceIds: string[];
  /** Traces evicted by this batch (the least recently updated ones) to stay within the limits. */
  evicted: string[];
  /** Everything worth telling the sender: the rejections and the evictions; empty when neither. */
  message: string;
}

/**
 * A change in the store: a trace got spans, or was evicted. An update's `summary` is computed when
 * first read, so a listener that does not need it costs nothing per added span.
 */
export type TraceStoreEvent =
  | { type: 'trace-updated'; traceId: string; readonly summary: TraceSummary }
  | { type: 'trace-evicted'; traceId: string };

/** A store listener; it must not throw (errors are reported as process warnings). */
export type TraceStoreListener = (event: TraceStoreEvent) => void;

/** Spans an `add` dropped, and the traces they belonged to by reason. */
interface Dropped {
  spans: number;
  overCount: Set<string>;
  overBudget: Set<string>;
}

interface Entry {
  spans: Map<string, InspectorSpan>;
  /** Estimated bytes of each span, by span id. */
  spanBytes: Map<string, number>;
  /** Resource attribute maps already counted (shared by the spans of a batch). */
  resources: WeakSet<object>;
  bytes: number;
  /** Built (sorted) and summarized only when read, so adding a span costs O(1) amortized. */
  trace: InspectorTrace | undefined;
  summary: TraceSummary | undefined;
}

/**
 * The inspector's bounded in-memory trace store. Spans of one trace may arrive in any number of
 * batches and are merged by span id (a span sent twice is replaced). When a new trace would exceed
 * `maxTraces`, the least recently updated trace is evicted.
 *
 * @example
 * const store = new TraceStore({ maxTraces: 50 });
 * store.add(decodeOtlpJson(request).spans);
 * for (const summary of store.list()) console.log(summary.rootName, summary.durationMs);
 */
export class TraceStore {
  readonly maxTraces: number;
  readonly maxSpansPerTrace: number;
  readonly maxBytes: number;
  /** Insertion order is update order: the first entry is the least recently updated. */
  readonly #entries = new Map<string, Entry>();
  readonly #listeners = new Set<TraceStoreListener>();
  #bytes = 0;

  constructor(options: TraceStoreOptions = {}) {
    this.maxTraces = integerOption('maxTraces', options.maxTraces ?? DEFAULT_MAX_TRACES, 1);
    this.maxSpansPerTrace = integerOption('maxSpansPerTrace', options.maxSpansPerTrace ?? DEFAULT_MAX_SPANS_PER_TRACE, 1);
    this.maxBytes = integerOption('maxBytes', options.maxBytes ?? DEFAULT_MAX_BYTES, 1);
  }

  /** Number of traces held. */
  get size(): number {
    return this.#entries.size;
  }

  /** Estimated bytes the held spans take; never above {@link maxBytes} after an `add`. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Adds spans of any traces; notifies listeners once per changed trace. */
  add(spans: Iterable<InspectorSpan>): AddSpansResult {
    const touched = new Map<string, Entry>();
    const dropped: Dropped = { spans: 0, overCount: new Set(), overBudget: new Set() };
    let accepted = 0;
    for (const span of spans) {
      const entry = touched.get(span.traceId) ?? this.#entries.get(span.traceId) ?? emptyEntry();
      const previous = entry.spanBytes.get(span.spanId);
      if (previous === undefined && entry.spans.size >= this.maxSpansPerTrace) {
        dropped.spans += 1;
        dropped.overCount.add(span.traceId);
        continue;
      }
      const resourceBytes = entry.resources.has(span.resource) ? 0 : attributeBytes(span.resource);
      const bytes = spanBytes(span);
      const growth = bytes + resourceBytes - (previous ?? 0);
      if (entry.bytes + growth > this.maxBytes) {
        dropped.spans += 1;
        dropped.overBudget.add(span.traceId);
        continue;
      }
      entry.resources.add(span.resource);
      entry.spans.set(span.spanId, span);
      entry.spanBytes.set(span.spanId, bytes);
      entry.bytes += growth;
      this.#bytes += growth;
      entry.trace = undefined;
      entry.summary = undefined;
      touched.set(span.traceId, entry);
      accepted += 1;
    }
    for (const [traceId, entry] of touched) {
      this.#entries.delete(traceId);
      this.#entries.set(traceId, entry);
    }
    const evicted = this.#evict();
    for (const traceId of touched.keys()) if (this.#entries.has(traceId)) this.#emit(this.#updated(traceId));
    for (const traceId of evicted) this.#emit({ type: 'trace-evicted', traceId });
    return this.#result(accepted, dropped, evicted, touched);
  }

  /** An update event whose summary is computed when a listener first reads it. */
  #updated(traceId: string): TraceStoreEvent {
    const store = this;
    let summary: TraceSummary | undefined;
    return {
      type: 'trace-updated',
      traceId,
      get summary(): TraceSummary {
        summary ??= store.summary(traceId) ?? emptySummary(traceId);
        return summary;
      },
    };
  }

  #result(accepted: number, dropped: Dropped, evicted: string[], touched: Map<string, Entry>): AddSpansResult {
    const reasons: string[] = [];
    const traces = (ids: Set<string>) => `${ids.size === 1 ? 'trace' : 'traces'} ${[...ids].join(', ')}`;
    if (dropped.overCount.size > 0)
      reasons.push(`${traces(dropped.overCount)} reached the limit of ${this.maxSpansPerTrace} spans per trace`);
    if (dropped.overBudget.size > 0)
      reasons.push(`${traces(dropped.overBudget)} would exceed the store's byte budget of ${this.maxBytes} bytes`);
    const rejectedMessage = dropped.spans === 0 ? '' : `${plural(dropped.spans, 'span')} dropped: ${reasons.join('; ')}`;
    const evictedMessage =
      evicted.length === 0
        ? ''
        : `evicted ${evicted.length === 1 ? 'trace' : `${evicted.length} traces`} ${evicted.slice(0, 5).join(', ')}${evicted.length > 5 ? ', …' : ''} ` +
          `(least recently updated) to stay within the store's limits: ${this.maxTraces} traces, a byte budget of ${this.maxBytes} bytes`;
    return {
      accepted,
      rejected: dropped.spans,
      rejectedMessage,
      traceIds: [...touched.keys()].filter((id) => this.#entries.has(id)),
      evicted,
      message: [rejectedMessage, evictedMessage].filter((text) => text !== '').join('; '),
    };
  }

  /** Adds whole traces (e.g. loaded from files). */
  addTraces(traces: Iterable<InspectorTrace>): AddSpansResult {
    const all: InspectorSpan[] = [];
    for (const trace of traces) for (const span of trace.spans) all.push(span);
    return this.add(all);
  }

  /** Summaries of all traces, most recent start first. */
  list(): TraceSummary[] {
    const summaries: TraceSummary[] = [];
    for (const traceId of this.#entries.keys()) {
      const summary = this.summary(traceId);
      if (summary) summaries.push(summary);
    }
    return summaries.sort((a, b) => b.startMs - a.startMs || (a.traceId < b.traceId ? -1 : 1));
  }

  /** Whether the store holds a trace (id in hex, any case). */
  has(traceId: string): boolean {
    return this.#entries.has(traceId.toLowerCase());
  }

  /** A trace with its spans sorted (see {@link buildTrace}); undefined when not held. */
  get(traceId: string): InspectorTrace | undefined {
    const id = traceId.toLowerCase();
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    entry.trace ??= buildTrace(id, entry.spans.values());
    return entry.trace;
  }

  /** The list row of a trace; undefined when not held. */
  summary(traceId: string): TraceSummary | undefined {
    const id = traceId.toLowerCase();
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    if (entry.summary === undefined) {
      const trace = this.get(id);
      if (trace) entry.summary = summarizeTrace(trace);
    }
    return entry.summary;
  }

  /** Spans whose attribute matches, newest traces first, spans in trace order. */
  search(query: AttributeQuery): SpanMatch[] {
    const traceIds = query.traceId === undefined ? this.list().map((summary) => summary.traceId) : [query.traceId];
    const traces = traceIds.map((traceId) => this.get(traceId)).filter((trace) => trace !== undefined);
    return searchTraces(traces, { ...query, limit: query.limit ?? DEFAULT_SEARCH_LIMIT });
  }

  /** Removes every trace (listeners get an eviction per trace). */
  clear(): void {
    const traceIds = [...this.#entries.keys()];
    this.#entries.clear();
    this.#bytes = 0;
    for (const traceId of traceIds) this.#emit({ type: 'trace-evicted', traceId });
  }

  /** Calls `listener` on every change; returns the function that unsubscribes it. */
  subscribe(listener: TraceStoreListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Evicts the least recently updated traces while there are too many or they hold too many bytes. */
  #evict(): string[] {
    const evicted: string[] = [];
    for (const [traceId, entry] of this.#entries) {
      if (this.#entries.size <= this.maxTraces && this.#bytes <= this.maxBytes) break;
      this.#entries.delete(traceId);
      this.#bytes -= entry.bytes;
      evicted.push(traceId);
    }
    return evicted;
  }

  #emit(event: TraceStoreEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        process.emitWarning(`TraceStore listener threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

function emptyEntry(): Entry {
  return { spans: new Map(), spanBytes: new Map(), resources: new WeakSet(), bytes: 0, trace: undefined, summary: undefined };
}

function emptySummary(traceId: string): TraceSummary {
  return summarizeTrace({ traceId, spans: [] });
}
