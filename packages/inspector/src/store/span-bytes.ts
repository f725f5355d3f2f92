import type { AttributeValue, InspectorSpan } from '../model/types.js';

/** Fixed cost of a span object, its ids, times, status and arrays, in bytes (an estimate). */
const SPAN_OVERHEAD_BYTES = 320;
const EVENT_OVERHEAD_BYTES = 96;
const LINK_OVERHEAD_BYTES = 128;
const VALUE_OVERHEAD_BYTES = 16;

/**
 * An estimate of the memory a span holds in the store: strings at two bytes per UTF-16 unit, plus
 * fixed overheads. Resource attributes are not counted here: one resource object is shared by the
 * spans of a batch, so the store counts each once per trace.
 */
export function spanBytes(span: InspectorSpan): number {
  let bytes = SPAN_OVERHEAD_BYTES + 2 * (span.name.length + (span.status.message?.length ?? 0) + span.scope.name.length);
  bytes += attributeBytes(span.attributes);
  for (const event of span.events) bytes += EVENT_OVERHEAD_BYTES + 2 * event.name.length + attributeBytes(event.attributes);
  for (const link of span.links) bytes += LINK_OVERHEAD_BYTES + attributeBytes(link.attributes);
  return bytes;
}

/** Bytes of an attribute map or value, walked with an explicit stack (any depth). */
export function attributeBytes(value: AttributeValue | Record<string, AttributeValue>): number {
  let bytes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    bytes += VALUE_OVERHEAD_BYTES;
    if (typeof next === 'string') bytes += 2 * next.length;
    else if (Array.isArray(next)) for (const item of next) stack.push(item);
    else if (typeof next === 'object' && next !== null) {
      for (const key of Object.keys(next)) {
        bytes += 2 * key.length;
        stack.push((next as Record<string, unknown>)[key]);
      }
    }
  }
  return bytes;
}
