import type { SpanLike } from '../spans/captured-span.js';

/** What the router needs of a capture: somewhere to put the spans it owns. */
export interface CaptureSink {
  readonly id: number;
  readonly closed: boolean;
  /** A span it owns started (`order` is the router's start counter). */
  spanStarted(span: SpanLike, order: number): void;
  /** A span it owns ended. */
  spanEnded(span: SpanLike): void;
}
