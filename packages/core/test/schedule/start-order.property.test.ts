import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Orchestrator } from '../../src/index.js';
import { controlledTool, flush } from '../support.js';

interface Scenario {
  /** deps[i] lists indexes < i, so the graph is acyclic by construction. */
  deps: number[][];
  maxConcurrency: number;
  /** Which running step ends next, as an index into the running steps (modulo their count). */
  picks: number[];
}

const scenario: fc.Arbitrary<Scenario> = fc.integer({ min: 2, max: 14 }).chain((size) =>
  fc.record({
    deps: fc.tuple(
      ...Array.from({ length: size }, (_, i) =>
        fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, i - 1) }), { maxLength: i === 0 ? 0 : Math.min(i, 3) }),
      ),
    ),
    maxConcurrency: fc.integer({ min: 1, max: 3 }),
    picks: fc.array(fc.nat(), { minLength: size, maxLength: size }),
  }),
);

/** Steps on the longest chain from `index` to a step nothing depends on, itself included: computed apart from the engine. */
function chainLength(deps: number[][], index: number): number {
  const dependents = deps.flatMap((own, next) => (own.includes(index) ? [next] : []));
  return 1 + Math.max(0, ...dependents.map((next) => chainLength(deps, next)));
}

describe('start order (property-based)', () => {
  test('under any limit, a step that starts outranks every ready step left waiting: longer chain, then ready first, then plan order', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ deps, maxConcurrency, picks }) => {
        const tool = controlledTool();
        const chain = deps.map((_, index) => chainLength(deps, index));
        // When each step became ready: the number of steps that had ended by then.
        const readyAt = deps.map((own) => (own.length === 0 ? 0 : (null as number | null)));
        const ended = new Set<number>();
        // Longer chain first, then ready first, then plan order.
        const rank = (index: number) => [-(chain[index] ?? 0), readyAt[index] ?? Number.POSITIVE_INFINITY, index];
        const outranks = (a: number, b: number) => {
          const [x, y] = [rank(a), rank(b)];
          const differ = x.findIndex((value, key) => value !== y[key]);
          return differ >= 0 && (x[differ] as number) < (y[differ] as number);
        };
        const running = new Orchestrator({ tools: [tool.tool] }).run({
          strategy: 'dag',
          maxConcurrency,
          steps: deps.map((own, i) => ({ id: `s${i}`, tool: 'controlled', dependsOn: own.map((dep) => `s${dep}`) })),
        });
        let seen = 0;
        for (const pick of picks) {
          await flush();
          const started = tool.calls.map((id) => Number(id.slice(1)));
          // Every step that started since the last look outranks every ready step still waiting.
          const waiting = deps.flatMap((_, other) => (readyAt[other] !== null && !started.includes(other) ? [other] : []));
          for (const index of started.slice(seen)) {
            for (const other of waiting) expect(outranks(index, other), `s${index} started before s${other}`).toBe(true);
          }
          seen = started.length;
          const inFlight = started.filter((index) => !ended.has(index));
          expect(inFlight.length).toBeLessThanOrEqual(maxConcurrency);
          const next = inFlight[pick % inFlight.length] as number;
          ended.add(next);
          deps.forEach((own, other) => {
            if (readyAt[other] === null && own.every((dep) => ended.has(dep))) readyAt[other] = ended.size;
          });
          tool.release(`s${next}`);
        }
        const result = await running;
        expect(result.outcome).toBe('ok');
      }),
      { numRuns: 150 },
    );
  });
});
