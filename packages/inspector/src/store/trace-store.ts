import { type AttributeQuery, type SpanMatch, searchTraces } from '../model/attribute-query.js';
import { buildTrace } from '../model/build-trace.js';
import { summarizeTrace } from '../model/summarize.js';
import type { InspectorSpan, InspectorTrace, TraceSummary } from '../model/types.js';
import { integerOption } from '../options/invalid-option-error.js';
import { plural } from '../text/plural.js';

/** Limits of a {@link TraceStore}. */
export interface TraceStoreOptions {
  /** Traces kept; adding spans to a new trace beyond this evicts the least recently updated (default 100). */
  maxTraces?: number;
  /** Spans kept per trace; further new spans of that trace are rejected (default 50,000). */
  maxSpansPerTrace?: number;
}

export const DEFAULT_MAX_TRACES = 100;
export const DEFAULT_MAX_SPANS_PER_TRACE = 50_000;
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
}

/** A change in the store: a trace got spans (with its new summary), or was evicted. */
export type TraceStoreEvent = { type: 'trace-updated'; summary: TraceSummary } | { type: 'trace-evicted'; traceId: string };

/** A store listener; it must not throw (errors are reported as process warnings). */
export type TraceStoreListener = (event: TraceStoreEvent) => void;

interface Entry {
  spans: Map<string, InspectorSpan>;
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
  /** Insertion order is update order: the first entry is the least recently updated. */
  readonly #entries = new Map<string, Entry>();
  readonly #listeners = new Set<TraceStoreListener>();

  constructor(options: TraceStoreOptions = {}) {
    this.maxTraces = integerOption('maxTraces', options.maxTraces ?? DEFAULT_MAX_TRACES, 1);
    this.maxSpansPerTrace = integerOption('maxSpansPerTrace', options.maxSpansPerTrace ?? DEFAULT_MAX_SPANS_PER_TRACE, 1);
  }

  /** Number of traces held. */
  get size(): number {
    return this.#entries.size;
  }

  /** Adds spans of any traces; notifies listeners once per changed trace. */
  add(spans: Iterable<InspectorSpan>): AddSpansResult {
    const touched = new Map<string, Entry>();
    const full = new Set<string>();
    let accepted = 0;
    let rejected = 0;
    for (const span of spans) {
      const entry = touched.get(span.traceId) ?? this.#entries.get(span.traceId) ?? emptyEntry();
      if (!entry.spans.has(span.spanId) && entry.spans.size >= this.maxSpansPerTrace) {
        rejected += 1;
        full.add(span.traceId);
        continue;
      }
      entry.spans.set(span.spanId, span);
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
    for (const traceId of touched.keys()) {
      const summary = this.summary(traceId);
      if (summary) this.#emit({ type: 'trace-updated', summary });
    }
    for (const traceId of evicted) this.#emit({ type: 'trace-evicted', traceId });
    const rejectedMessage =
      rejected === 0
        ? ''
        : `${plural(rejected, 'span')} dropped: ${full.size === 1 ? 'trace' : 'traces'} ${[...full].join(', ')} reached the limit of ${this.maxSpansPerTrace} spans per trace`;
    return { accepted, rejected, rejectedMessage, traceIds: [...touched.keys()].filter((id) => this.#entries.has(id)) };
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
    for (const traceId of traceIds) this.#emit({ type: 'trace-evicted', traceId });
  }

  /** Calls `listener` on every change; returns the function that unsubscribes it. */
  subscribe(listener: TraceStoreListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  #evict(): string[] {
    const evicted: string[] = [];
    for (const traceId of this.#entries.keys()) {
      if (this.#entries.size <= this.maxTraces) break;
      this.#entries.delete(traceId);
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
  return { spans: new Map(), trace: undefined, summary: undefined };
}
