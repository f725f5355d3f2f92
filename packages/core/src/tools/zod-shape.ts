import type { z } from 'zod';

/** What a zod object schema declares, read structurally so that any copy of zod 4 works. */
export interface ObjectSchemaShape {
  shape: Record<string, z.ZodType>;
  /** Whether the object accepts keys it does not name (`looseObject`, `.passthrough()`, `.catchall()`). */
  acceptsUnknownKeys: boolean;
  /** Whether unknown keys are an error (`strictObject`); otherwise they are stripped. */
  rejectsUnknownKeys: boolean;
}

interface ZodInternals {
  _zod?: { def?: { type?: string; shape?: Record<string, z.ZodType>; catchall?: ZodInternals } };
}

/** The shape of a zod object schema, or null for any other schema. */
export function objectSchemaShape(schema: unknown): ObjectSchemaShape | null {
  const def = (schema as ZodInternals | null)?._zod?.def;
  if (def?.type !== 'object' || !def.shape) return null;
  const catchallType = def.catchall?._zod?.def?.type;
  return {
    shape: def.shape,
    acceptsUnknownKeys: catchallType !== undefined && catchallType !== 'never',
    rejectsUnknownKeys: catchallType === 'never',
  };
}

/** Whether `schema` is a zod object schema: its parse output is always a new object. */
export function isObjectSchema(schema: unknown): boolean {
  return (schema as ZodInternals | null)?._zod?.def?.type === 'object';
}

/** Whether a value can serve as a tool's input or output schema. */
export function isSchema(value: unknown): value is z.ZodType {
  const candidate = value as { safeParse?: unknown; safeParseAsync?: unknown } | null;
  return typeof candidate?.safeParse === 'function' && typeof candidate.safeParseAsync === 'function';
}

/** Whether `error` is zod's "async schema in a synchronous parse" error, from any copy of zod. */
export function isZodAsyncError(error: unknown): boolean {
  try {
    return (
      error instanceof Error &&
      (error.constructor?.name === '$ZodAsyncError' || error.message.startsWith('Encountered Promise during synchronous parse'))
    );
  } catch {
    // A hostile thrown value (a Proxy whose traps throw) is no zod error.
    return false;
  }
}

/** Parses of each schema so far, counted up to {@link INTERPRETED_PARSES}. */
const parseCounts = new WeakMap<object, number>();
/** zod compiles an object schema's parser (`new Function`) on its first parse: worth it only for a schema parsed often. */
const INTERPRETED_PARSES = 4;
const JITLESS = Object.freeze({ jitless: true as const });

/**
 * Parse options for `schema`'s next parse: its first few skip zod's compiled fast path, so that a
 * process's first runs do not wait for zod to compile every tool's schemas; later parses use it.
 * The result of a parse is the same either way.
 */
export function parseOptionsFor(schema: object): { readonly jitless: true } | undefined {
  const count = parseCounts.get(schema) ?? 0;
  if (count >= INTERPRETED_PARSES) return undefined;
  parseCounts.set(schema, count + 1);
  return JITLESS;
}
