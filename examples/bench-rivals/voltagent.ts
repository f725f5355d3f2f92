import { andThen, createWorkflowChain, VoltAgentObservability } from '@voltagent/core';
import { z } from 'zod';
import { callCounter, noop, STEPS, type Workload } from './workload.js';

const value = z.object({ n: z.number() });
type Value = z.infer<typeof value>;

/**
 * VoltAgent's workflow chain. VoltAgent has no switch that removes its observability: a workflow without
 * one creates a `VoltAgentObservability`, which builds and registers an OTel SDK tracer provider. So the
 * bench passes one with tracing off (`observabilityOff`): spans are non-recording, no processor sees them.
 * Defaults otherwise: workflow state kept in its in-memory store, an event collected per step, and a
 * restart checkpoint of every completed step written after each step — unless `'no checkpoints'`
 * (`disableCheckpointing`), measured too as VoltAgent's fastest configuration.
 */
export function voltAgentWorkload(
  shape: 'sequential' | 'parallel',
  observability: VoltAgentObservability,
  checkpoints: 'checkpoints' | 'no checkpoints',
): Workload {
  const counter = callCounter();
  const execute = (index: number) => async () => {
    counter.count(index);
    return noop(index);
  };
  const config = {
    id: `bench-${shape}`,
    name: `bench-${shape}`,
    input: value,
    result: z.any(),
    observability,
    disableCheckpointing: checkpoints === 'no checkpoints',
  };
  const sequential = () => {
    let chain = createWorkflowChain(config).andThen({ id: 's0', execute: execute(0) });
    for (let index = 1; index < STEPS; index++) chain = chain.andThen({ id: `s${index}`, execute: execute(index) });
    return chain;
  };
  const workflow =
    shape === 'sequential'
      ? sequential()
      : createWorkflowChain(config).andAll({
          id: 'all',
          steps: Array.from({ length: STEPS }, (_, index) => andThen<Value, Value, Value>({ id: `s${index}`, execute: execute(index) })),
        });
  return {
    run: async () => {
      const result = await workflow.run({ n: 0 });
      if (result.status !== 'completed') throw new Error(`VoltAgent ${shape} run ended ${result.status}`);
    },
    calls: counter.calls,
    reset: counter.reset,
  };
}

/**
 * VoltAgent's observability with tracing off: the OTel SDK's standard sampler switch, read when the
 * provider is built, so it is set first (nothing else in this process has an SDK). `recorded()` counts
 * the spans that reached a processor, which must stay 0 for "tracing off" to be true.
 */
export function observabilityOff(): { observability: VoltAgentObservability; recorded: () => number } {
  process.env.OTEL_TRACES_SAMPLER = 'always_off';
  let started = 0;
  const counting = {
    onStart: () => {
      started++;
    },
    onEnd: () => {},
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
  const observability = new VoltAgentObservability({
    serviceName: 'bench',
    voltOpsSync: { sampling: { strategy: 'never' } },
    spanProcessors: [counting],
  });
  return { observability, recorded: () => started };
}
