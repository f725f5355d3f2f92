import { type Context, type Span, trace } from '@opentelemetry/api';

/**
 * The key under which the API keeps a context's active span, learnt from the API itself (the key
 * `trace.getSpan` reads) rather than assumed; null if it cannot be learnt. Found on first use.
 */
let spanKey: symbol | null | undefined;

function learnSpanKey(): symbol | null {
  let read: symbol | null = null;
  const reader: Context = {
    getValue: (key) => {
      read = key;
      return undefined;
    },
    setValue: () => reader,
    deleteValue: () => reader,
  };
  try {
    trace.getSpan(reader);
  } catch {
    return null;
  }
  return read;
}

/**
 * A context that answers as `trace.setSpan(parent, span)` does: `span` is its active span, every
 * other key reads through to `parent`, and setting or deleting a value gives the API's own context
 * with both. It holds two references where the API's context copies the parent's entries into a
 * new Map and makes three closures. Measured on 100k-step runs: with the API's context made for
 * each step, most step spans outlived their step long enough to be promoted to V8's old generation
 * (~0.8 KB per step, then collected by full GCs); with this one, they die young. Made only once
 * {@link spanKey} is known, so `getValue` reads it rather than keeping a copy.
 */
class StepSpanContext implements Context {
  private readonly parent: Context;
  private readonly span: Span;

  constructor(parent: Context, span: Span) {
    this.parent = parent;
    this.span = span;
  }

  getValue(key: symbol): unknown {
    return key === spanKey ? this.span : this.parent.getValue(key);
  }

  setValue(key: symbol, value: unknown): Context {
    return trace.setSpan(this.parent, this.span).setValue(key, value);
  }

  deleteValue(key: symbol): Context {
    return trace.setSpan(this.parent, this.span).deleteValue(key);
  }
}

/**
 * The context a step's tool runs in: `parent` with `span` active. Falls back to
 * `trace.setSpan` should the API ever read the active span some other way.
 */
export function withStepSpan(parent: Context, span: Span): Context {
  if (spanKey === undefined) spanKey = learnSpanKey();
  return spanKey ? new StepSpanContext(parent, span) : trace.setSpan(parent, span);
}
