import { z } from 'zod';
import { type BenchPlan, handWrittenRun } from './baseline.js';
import { firstStepStarts, reportWindow, windowOpens } from './first-run-window.js';
import { setUpTracing } from './tracing.js';

/**
 * The first run of first-run.ts written by hand, as the bench's baseline for that figure: the same
 * SDK set-up, the hand-written runner (the spans, attributes, links and execution-plan event the
 * engine emits; the bench checks that they match) on the same three steps, and the first step's
 * input checked with the same zod schema before the step starts, as the engine checks it. What the
 * engine adds to a first run is its time here subtracted from first-run.ts's.
 */

const tracer = setUpTracing().sdkProvider.getTracer('tooltrace');
const lookupInput = z.object({ query: z.string() });
const plan: BenchPlan = { strategy: 'dag', tool: 'ci_lookup', ids: ['primary', 'metrics', 'slow'], deps: [[], [0], [0]] };

windowOpens();
await handWrittenRun(tracer, plan, async (index) => {
  if (index === 0) {
    const { query } = lookupInput.parse({ query: 'web-01' });
    firstStepStarts();
    return { ci: { id: `ci-${query}` } };
  }
  return { p99Ms: index };
});
reportWindow();
