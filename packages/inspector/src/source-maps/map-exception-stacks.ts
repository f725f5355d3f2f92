import { ATTR_EXCEPTION_STACKTRACE, EVENT_EXCEPTION } from '../model/otel-attributes.js';
import { parseStackFrame, type StackFrame, type StackLine } from '../model/stack-trace.js';
import type { InspectorEvent, InspectorSpan, InspectorTrace } from '../model/types.js';
import type { OriginalPosition, SourceMapCache } from './source-map-cache.js';

/** Distinct stack traces mapped in one trace; further ones are shown as recorded. */
const MAX_STACKS_PER_TRACE = 1000;
/** Lines of one stack trace looked up; later ones are shown as recorded. */
const MAX_FRAMES_PER_STACK = 200;

/**
 * The stack trace's lines, with each frame that a source map covers placed in its original source
 * (file, line, column, and the map's name for the function when it has one); null when no frame
 * was mapped. Never throws: a frame without a usable map stays as recorded.
 *
 * @example
 * const lines = await mapStackTrace(error.stack, new SourceMapCache());
 */
export async function mapStackTrace(stack: string, cache: SourceMapCache): Promise<StackLine[] | null> {
  const texts = stack.split('\n');
  const frames = texts.map((text, index) => (index < MAX_FRAMES_PER_STACK ? parseStackFrame(text) : null));
  const origins = await Promise.all(frames.map((frame) => (frame === null ? null : cache.originalPosition(frame.position))));
  if (origins.every((origin) => origin === null)) return null;
  return texts.map((text, index) => {
    const frame = frames[index];
    const origin = origins[index];
    if (frame === null || frame === undefined || origin === null || origin === undefined) return { text };
    const original: StackFrame = {
      functionName: originalFunctionName(frame, frames[index + 1] ?? null, origins[index + 1] ?? null),
      position: { file: origin.file, line: origin.line, column: origin.column },
    };
    return { text, original, compiled: frame };
  });
}

/**
 * The frame's function as the source names it. A map names identifiers at call sites, so the
 * caller's frame (the next one, in the same file) names the function called, as Node's own
 * `--enable-source-maps` reads it; otherwise the compiled name stands.
 */
function originalFunctionName(frame: StackFrame, caller: StackFrame | null, callerOrigin: OriginalPosition | null): string | null {
  const compiled = frame.functionName;
  const name = caller !== null && caller.position.file === frame.position.file ? (callerOrigin?.name ?? null) : null;
  if (name === null || compiled === null) return compiled;
  const prefix = /^(async |new )/.exec(compiled)?.[1] ?? '';
  return `${prefix}${name}`;
}

/**
 * The trace with `mappedStack` set on each exception event whose `exception.stacktrace` has frames
 * a source map covers (see {@link mapStackTrace}); the same trace object when none has. What the
 * inspector's API serves and what `render` and `print` show, so every view maps a stack the same way.
 */
export async function mapExceptionStacks(trace: InspectorTrace, cache: SourceMapCache): Promise<InspectorTrace> {
  const mapped = new Map<string, Promise<StackLine[] | null>>();
  const stackOf = (event: InspectorEvent): Promise<StackLine[] | null> | null => {
    const stack = event.name === EVENT_EXCEPTION ? event.attributes[ATTR_EXCEPTION_STACKTRACE] : undefined;
    if (typeof stack !== 'string') return null;
    let lines = mapped.get(stack);
    if (lines === undefined) {
      if (mapped.size >= MAX_STACKS_PER_TRACE) return null;
      lines = mapStackTrace(stack, cache);
      mapped.set(stack, lines);
    }
    return lines;
  };
  let changed = false;
  const mapSpan = async (span: InspectorSpan): Promise<InspectorSpan> => {
    const events = await Promise.all(
      span.events.map(async (event) => {
        const lines = await stackOf(event);
        return lines === null ? event : { ...event, mappedStack: lines };
      }),
    );
    if (events.every((event, index) => event === span.events[index])) return span;
    changed = true;
    return { ...span, events };
  };
  const spans = await Promise.all(trace.spans.map((span) => (span.events.some((event) => stackOf(event) !== null) ? mapSpan(span) : span)));
  return changed ? { ...trace, spans } : trace;
}
