import { ProxyTracerProvider } from '@opentelemetry/api';
import { defineTool, Orchestrator, type PlanInput } from '@tooltrace/core';
import { z } from 'zod';
import { callCounter, noop, STEPS, type Workload } from './workload.js';

/**
 * tooltrace with no tracer provider: a ProxyTracerProvider with no delegate hands out the API's no-op
 * tracer, and stays no-op when another library registers a global SDK later (VoltAgent does).
 * `'plan'` runs the plan input, validated on every run; `'prepared'` validates it once
 * (`orchestrator.prepare`), as the rivals build their workflows once.
 */
export function tooltraceWorkload(strategy: 'serial' | 'parallel', validation: 'plan' | 'prepared'): Workload {
  const counter = callCounter();
  const work = defineTool({
    name: 'work',
    input: z.object({ n: z.number() }),
    output: z.object({ n: z.number() }),
    run: ({ n }) => {
      counter.count(n);
      return noop(n);
    },
  });
  const orchestrator = new Orchestrator({ tools: [work], tracerProvider: new ProxyTracerProvider() });
  const plan: PlanInput = {
    strategy,
    steps: Array.from({ length: STEPS }, (_, index) => ({ id: `s${index}`, tool: 'work', input: { n: index } })),
  };
  const prepared = validation === 'prepared' ? orchestrator.prepare(plan) : plan;
  return {
    run: async () => {
      const result = await orchestrator.run(prepared);
      if (result.outcome !== 'ok') throw new Error(`tooltrace ${strategy} run ended ${result.outcome}`);
      // No SDK anywhere on this path: a trace id would mean something was traced.
      if (result.traceId !== null) throw new Error(`tooltrace ${strategy} run was traced (trace id ${result.traceId})`);
    },
    calls: counter.calls,
    reset: counter.reset,
  };
}
