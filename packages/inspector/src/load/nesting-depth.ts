import { TraceDecodeError, type TraceFormat } from './errors.js';

/**
 * Deepest JSON nesting a trace document may have. OTLP's own nesting (request → resource → scope →
 * span → attribute) is about ten levels and an `AnyValue` level is four more, so this allows
 * attribute values about 120 levels deep; protobuf bodies have a similar limit of their own.
 */
export const MAX_NESTING_DEPTH = 512;

/**
 * Throws {@link TraceDecodeError} when `document` nests arrays and objects deeper than
 * {@link MAX_NESTING_DEPTH}. Walks with an explicit stack, so no depth can overflow it, and makes
 * the recursive decoders (and their error messages) safe.
 */
export function assertNestingDepth(document: unknown, format: TraceFormat): void {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: document, depth: 0 }];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const { value, depth } = entry;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_NESTING_DEPTH) {
      throw new TraceDecodeError(`the document is nested deeper than ${MAX_NESTING_DEPTH} levels`, { format });
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1 });
    }
  }
}

/** A short description of a value for an error message; never throws, whatever the value. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Array.isArray(value) ? 'an array' : typeof value === 'object' && value !== null ? 'an object' : typeof value;
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
