import { type Context, createContextKey } from '@opentelemetry/api';

/** Epoch milliseconds with sub-millisecond precision. */
export type Clock = () => number;

const CLOCK_KEY = createContextKey('tooltrace.clock');

/**
 * The clock for tooltrace spans started under `ctx`. All tooltrace spans of one tree share one clock,
 * anchored to `Date.now()` when the tree's first span starts (as the SDK anchors its own spans), so a
 * child never appears to start before, or end after, its tooltrace parent.
 */
export function clockFor(ctx: Context): Clock {
  const inherited = ctx.getValue(CLOCK_KEY) as Clock | undefined;
  if (inherited) return inherited;
  const anchor = Date.now() - performance.now();
  return () => anchor + performance.now();
}

/** `ctx` carrying `clock` for the tooltrace spans started under it. */
export function withClock(ctx: Context, clock: Clock): Context {
  return ctx.setValue(CLOCK_KEY, clock);
}
