import { context, type TracerProvider, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, type ReadableSpan, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { defineTool, explain, Orchestrator } from '@tooltrace/core';
import { z } from 'zod';
import { handWrittenRun } from './baseline.js';

/** Benchmark (prints, asserts nothing). Run with `pnpm bench`. */

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

const noopExporter: SpanExporter = {
  export: (_spans: ReadableSpan[], done) => done({ code: 0 }),
  shutdown: () => Promise.resolve(),
};
const sdkProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(noopExporter)] });
// No SDK registered: the API's no-op provider, as in an app that has not set up tracing.
const noProvider: TracerProvider = trace.getTracerProvider();

/** A layered DAG: `width` steps per level, each depending on two steps of the level before. */
function layeredDag(levels: number, width: number): number[][] {
  const deps: number[][] = [];
  for (let level = 0; level < levels; level++) {
    for (let column = 0; column < width; column++) {
      const previous = (level - 1) * width;
      deps.push(level === 0 ? [] : [...new Set([previous + column, previous + ((column + 1) % width)])]);
    }
  }
  return deps;
}

const work = defineTool({ name: 'work', input: z.object({ n: z.number() }), output: z.object({ n: z.number() }), run: ({ n }) => ({ n }) });
const planOf = (deps: number[][]) => ({
  strategy: 'dag' as const,
  steps: deps.map((own, i) => ({ id: `s${i}`, tool: 'work', input: { n: i }, dependsOn: own.map((d) => `s${d}`) })),
});

async function timePerStep(steps: number, repeat: number, once: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < repeat; i++) await once(); // warm-up: let the JIT settle before measuring
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    await once();
    samples.push(((performance.now() - start) * 1000) / steps);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}

async function overhead(): Promise<void> {
  const deps = layeredDag(20, 25);
  const plan = planOf(deps);
  const levelOf = new Array<number>(deps.length);
  for (const group of explain(plan).groups) {
    for (const step of group.steps) levelOf[Number(step.id.slice(1))] = group.index;
  }
  const runTool = (index: number) => Promise.resolve({ n: index });
  console.log(`\nPer-step cost, ${deps.length}-step layered DAG (median of 40 runs, µs per step):`);
  console.log('  tracing   hand-written   engine   ratio   engine adds');
  for (const [label, provider] of [
    ['off', noProvider],
    ['on ', sdkProvider],
  ] as const) {
    const tracer = provider.getTracer('bench');
    const orchestrator = new Orchestrator({ tools: [work], tracerProvider: provider });
    const base = await timePerStep(deps.length, 40, () => handWrittenRun(tracer, deps, levelOf, runTool));
    const engine = await timePerStep(deps.length, 40, () => orchestrator.run(plan));
    console.log(
      `  ${label}       ${base.toFixed(2).padStart(8)}   ${engine.toFixed(2).padStart(8)}   ${(engine / base).toFixed(2).padStart(5)}x   ${(engine - base).toFixed(2).padStart(6)} µs/step`,
    );
  }
  // Part of the engine's cost is checking the plan (zod structure, tools, inputs, graph) before it runs.
  const orchestrator = new Orchestrator({ tools: [work], tracerProvider: noProvider });
  const validation = await timePerStep(deps.length, 40, async () => orchestrator.validate(plan));
  console.log(`  of the engine's cost, plan validation (once per run): ${validation.toFixed(2)} µs/step`);
}

/** Deterministic pseudo-random numbers, so runs are comparable. */
function random(seed: number): () => number {
  let state = Math.imul(seed, 2654435761) >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function makespan(): Promise<void> {
  console.log('\nDAG makespan ÷ critical path (random DAGs, random latencies 20-80 ms, unbounded concurrency):');
  console.log('  dag  steps  critical path (ms)  makespan (ms)  ratio');
  const ratios: number[] = [];
  for (let trial = 0; trial < 8; trial++) {
    const rand = random(trial + 1);
    for (let skip = 0; skip < 3; skip++) rand();
    const size = 12 + Math.floor(rand() * 24);
    const deps = Array.from({ length: size }, (_, i) =>
      i === 0 ? [] : [...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => Math.floor(rand() * i)))],
    );
    const latency = deps.map(() => 20 + Math.floor(rand() * 60));
    const measured = new Array<number>(size).fill(0);
    const sleeper = defineTool({
      name: 'work',
      input: z.object({ n: z.number() }),
      output: z.object({ n: z.number() }),
      run: async ({ n }) => {
        const start = performance.now();
        await new Promise((resolve) => setTimeout(resolve, latency[n]));
        measured[n] = performance.now() - start;
        return { n };
      },
    });
    const result = await new Orchestrator({ tools: [sleeper], tracerProvider: sdkProvider }).run(planOf(deps));
    // Critical path over the steps' measured durations: the best any scheduler could do with these latencies.
    const finish = new Array<number>(size).fill(0);
    deps.forEach((own, i) => {
      finish[i] = Math.max(0, ...own.map((d) => finish[d] ?? 0)) + (measured[i] ?? 0);
    });
    const critical = Math.max(...finish);
    const ratio = result.durationMs / critical;
    ratios.push(ratio);
    console.log(
      `  #${trial}  ${String(size).padStart(5)}  ${critical.toFixed(1).padStart(18)}  ${result.durationMs.toFixed(1).padStart(13)}  ${ratio.toFixed(4)}`,
    );
  }
  const worst = Math.max(...ratios);
  console.log(`  worst ratio ${worst.toFixed(4)} (target ≤ 1.02): ${worst <= 1.02 ? 'met' : 'NOT met'}`);
}

await overhead();
await makespan();
