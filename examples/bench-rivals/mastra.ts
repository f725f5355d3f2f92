import { createStep, createWorkflow } from '@mastra/core/workflows';
import { z } from 'zod';
import { callCounter, noop, STEPS, type Workload } from './workload.js';

const value = z.object({ n: z.number() });

/**
 * Mastra's vNext workflow, standalone (no `Mastra` instance): its OTel telemetry (`mastra.getTelemetry()`)
 * and AI tracing (a registered `observability` config) both need one, so neither exists here — the run's
 * `traceId` stays undefined, which `run()` checks. Defaults otherwise: no input validation per step
 * (`validateInputs` is false in 0.24), two watch events emitted per step.
 */
export function mastraWorkload(shape: 'sequential' | 'parallel'): Workload {
  const counter = callCounter();
  const steps = Array.from({ length: STEPS }, (_, index) =>
    createStep({
      id: `s${index}`,
      inputSchema: value,
      outputSchema: value,
      execute: async () => {
        counter.count(index);
        return noop(index);
      },
    }),
  );
  const workflow =
    shape === 'sequential'
      ? steps
          .reduce((chain, step) => chain.then(step), createWorkflow({ id: 'bench-sequential', inputSchema: value, outputSchema: value }))
          .commit()
      : createWorkflow({ id: 'bench-parallel', inputSchema: value, outputSchema: z.record(z.string(), value) })
          .parallel(steps)
          .commit();
  return {
    run: async () => {
      const run = await workflow.createRunAsync();
      const result = await run.start({ inputData: { n: 0 } });
      if (result.status !== 'success') throw new Error(`Mastra ${shape} run ended ${result.status}`);
      if (result.traceId !== undefined) throw new Error(`Mastra ${shape} run was traced (trace id ${result.traceId})`);
    },
    calls: counter.calls,
    reset: counter.reset,
  };
}
