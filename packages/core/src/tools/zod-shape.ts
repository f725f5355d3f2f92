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
