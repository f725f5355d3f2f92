import type { InspectorSpan } from '../model/types.js';

/** The input formats the inspector reads. */
export type TraceFormat = 'otlp-json' | 'otlp-jsonl' | 'otlp-protobuf' | 'jaeger-json';

/**
 * Thrown when a whole document cannot be read as trace data (not JSON, not protobuf, wrong shape).
 * Problems with single spans do not throw: they are reported as {@link RejectedSpan}s.
 */
export class TraceDecodeError extends Error {
  readonly code = 'TRACE_DECODE_ERROR';
  override readonly name = 'TraceDecodeError';
  /** The format being decoded, or null when it could not be recognized. */
  readonly format: TraceFormat | null;
  /** Where in the document the problem is, e.g. `resourceSpans[0].scopeSpans` (empty for the whole). */
  readonly path: string;

  constructor(message: string, options: { format: TraceFormat | null; path?: string; cause?: unknown }) {
    const path = options.path ?? '';
    super(path === '' ? message : `${path}: ${message}`, options.cause === undefined ? {} : { cause: options.cause });
    this.format = options.format;
    this.path = path;
  }
}

/** Thrown when a trace id asked for is not among the loaded or stored traces. */
export class TraceNotFoundError extends Error {
  readonly code = 'TRACE_NOT_FOUND';
  override readonly name = 'TraceNotFoundError';
  readonly traceId: string;
  /** Ids of the traces that are available, to put in the message. */
  readonly available: string[];

  constructor(traceId: string, available: string[]) {
    super(
      available.length === 0
        ? `Trace ${traceId} not found: no traces are loaded.`
        : `Trace ${traceId} not found. Available: ${available.slice(0, 10).join(', ')}${available.length > 10 ? ', …' : ''}`,
    );
    this.traceId = traceId;
    this.available = available;
  }
}

/** A span that was left out because it is invalid (e.g. its trace id is not 16 bytes). */
export interface RejectedSpan {
  /** Where the span is, e.g. `resourceSpans[0].scopeSpans[1].spans[4]`. */
  path: string;
  reason: string;
}

/** The spans read from a document, and the ones that were left out. */
export interface DecodedSpans {
  spans: InspectorSpan[];
  rejected: RejectedSpan[];
}
