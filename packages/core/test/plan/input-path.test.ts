import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type InputPath, parseInputPath } from '../../src/plan/input-path.js';
import { isStepIdText } from '../../src/plan/step-id.js';

/** The grammar as a regular expression: what the hand-written parser must agree with. */
function parseWithPattern(source: string): InputPath | null {
  const match = /^([A-Za-z0-9_-]+)((?:\.[^.[\]\s]+|\[\d+\])*)$/.exec(source);
  if (!match) return null;
  const segments: (string | number)[] = [];
  for (const part of (match[2] ?? '').matchAll(/\.([^.[\]\s]+)|\[(\d+)\]/g)) {
    segments.push(part[1] !== undefined ? part[1] : Number(part[2]));
  }
  return { stepId: match[1] as string, segments };
}

const everyCodeUnit = Array.from({ length: 65_536 }, (_, code) => String.fromCharCode(code));

describe('inputFrom sources', () => {
  test('parse into the step id and the path inside its output', () => {
    expect(parseInputPath('primary.ci.items[0].id')).toEqual({ stepId: 'primary', segments: ['ci', 'items', 0, 'id'] });
    expect(parseInputPath('primary')).toEqual({ stepId: 'primary', segments: [] });
    expect(parseInputPath('a[007][1]')).toEqual({ stepId: 'a', segments: [7, 1] });
    for (const bad of ['', '.x', 'a.', 'a..b', 'a[]', 'a[1', 'a[x]', 'a.b c', 'a.b]', 'a b', 'é.x']) expect(parseInputPath(bad)).toBeNull();
  });

  test('every code unit is read as the pattern reads it, in the id, in a property and in an index', () => {
    const differing: string[] = [];
    for (const char of everyCodeUnit) {
      for (const source of [`a${char}`, `a.b${char}c`, `a[1${char}]`, `${char}.x`]) {
        if (JSON.stringify(parseInputPath(source)) !== JSON.stringify(parseWithPattern(source))) differing.push(source);
      }
    }
    expect(differing).toEqual([]);
  });

  test('random sources are read as the pattern reads them', () => {
    const alphabet = fc.constantFrom(...'aZ09_-.[]]  \u00a0\u2028\u180e\ufeff\u3000é\ud83d\t\n'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 12 }), (chars) => {
        const source = chars.join('');
        expect(parseInputPath(source)).toEqual(parseWithPattern(source));
        expect(parseInputPath(`s.${source}`)).toEqual(parseWithPattern(`s.${source}`));
      }),
      { numRuns: 2000 },
    );
  });

  test('step-id text is what /^[A-Za-z0-9_-]+$/ accepts', () => {
    const pattern = /^[A-Za-z0-9_-]+$/;
    expect(everyCodeUnit.filter((char) => isStepIdText(`a${char}`) !== pattern.test(`a${char}`))).toEqual([]);
    expect(isStepIdText('')).toBe(false);
  });
});
