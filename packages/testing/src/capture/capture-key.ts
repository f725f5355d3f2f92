import { type Context, createContextKey } from '@opentelemetry/api';
import type { CaptureSink } from './capture-sink.js';

/** Context key naming the capture that owns spans started in this context. */
export const CAPTURE_KEY = createContextKey('@tooltrace/testing capture');

/** `context` with its spans routed to `sink`. */
export function withCapture(context: Context, sink: CaptureSink): Context {
  return context.setValue(CAPTURE_KEY, sink);
}

/** The capture named by a context, if any. */
export function captureOf(context: Context): CaptureSink | undefined {
  return context.getValue(CAPTURE_KEY) as CaptureSink | undefined;
}
