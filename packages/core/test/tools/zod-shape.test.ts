import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { isObjectSchema, parseOptionsFor } from '../../src/tools/zod-shape.js';

describe('parse options by use', () => {
  test("a schema's first parses skip zod's compiled parser, later ones use it", () => {
    const schema = z.object({ n: z.number() });
    const options = Array.from({ length: 6 }, () => parseOptionsFor(schema));
    expect(options).toEqual([{ jitless: true }, { jitless: true }, { jitless: true }, { jitless: true }, undefined, undefined]);
    expect(parseOptionsFor(z.object({ n: z.number() }))).toEqual({ jitless: true });
  });

  test('the result and the issues are the same either way', () => {
    const schema = z
      .strictObject({ n: z.number().int(), tags: z.array(z.string()).optional() })
      .refine((value) => value.n !== 13, 'unlucky');
    for (const value of [{ n: 1 }, { n: 1.5, tags: [1] }, { n: 13 }, { n: 2, extra: true }, null]) {
      const interpreted = schema.safeParse(value, { jitless: true });
      const compiled = schema.safeParse(value);
      expect(interpreted.success).toBe(compiled.success);
      expect(interpreted.data).toEqual(compiled.data);
      expect(interpreted.error?.issues).toEqual(compiled.error?.issues);
    }
  });
});

describe('isObjectSchema', () => {
  test('object schemas, refined or not, parse into a new object; other schemas may hand back their input', () => {
    for (const schema of [
      z.object({ n: z.number() }),
      z.strictObject({ n: z.number() }),
      z.looseObject({}),
      z.object({ n: z.number() }).refine(() => true),
    ]) {
      expect(isObjectSchema(schema)).toBe(true);
      const input = Object.freeze({ n: 1 });
      expect(schema.parse(input)).not.toBe(input);
    }
    for (const schema of [z.any(), z.unknown(), z.record(z.string(), z.number()), z.preprocess((value) => value, z.object({}))]) {
      expect(isObjectSchema(schema)).toBe(false);
    }
    expect(isObjectSchema(null)).toBe(false);
  });
});
