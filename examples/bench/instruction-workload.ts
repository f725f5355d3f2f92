import { context } from '@opentelemetry/api';
import { Orchestrator } from '@tooltrace/core';
import { handWrittenRun, plainSerial } from './baseline.js';
import { checkedCall, layered, parallelPlan, runTool, toPlanInput, work } from './plans.js';
import { setUpTracing } from './tracing.js';

/**
 * One workload of `pnpm bench:instructions`, run under cachegrind by instructions.ts: the same plans,
 * tool, SDK set-up and runners as `pnpm bench`. It measures nothing itself: after a fixed warm-up
 * (ten runs of the workload on a 1k-step plan) it runs the workload `runs` times on a plan of
 * `steps` steps; the driver counts the whole process's instructions at two run counts and divides
 * the difference by the steps in between, so start-up and warm-up cancel out.
 *
 * Usage: node instruction-workload.js <explain|traced|handWritten|untraced|checkedAwait|plainAwait> <steps> <runs>
 */

const [workload = '', stepsText = '', runsText = ''] = process.argv.slice(2);
const steps = Number(stepsText);
const runs = Number(runsText);
if (!Number.isSafeInteger(steps) || steps <= 0 || !Number.isSafeInteger(runs) || runs < 0) {
  console.error('usage: instruction-workload <workload> <steps> <runs>');
  process.exit(2);
}

const { sdkProvider, noProvider } = setUpTracing();
// Every workload in a process whose context manager has been used, as the engine's runs use it and
// as an app's first request does: Node installs AsyncLocalStorage's promise hooks on the first
// `context.with` and keeps them, and from then on every promise costs their instructions. Without
// this, a process that never switches context (the plain loops) counts none of them, and the
// engine's would count them all as its own.
context.with(context.active(), () => undefined);

/** One run of the workload on a plan of `size` steps. */
function runOf(name: string, size: number): () => Promise<unknown> {
  const plan = layered(size, 50);
  switch (name) {
    case 'explain': {
      const orchestrator = new Orchestrator({ tools: [work], tracerProvider: noProvider });
      const input = toPlanInput(plan);
      return async () => orchestrator.explain(input);
    }
    case 'traced': {
      const orchestrator = new Orchestrator({ tools: [work], tracerProvider: sdkProvider });
      const prepared = orchestrator.prepare(toPlanInput(plan));
      return () => orchestrator.run(prepared);
    }
    case 'handWritten': {
      const tracer = sdkProvider.getTracer('bench');
      return () => handWrittenRun(tracer, plan, runTool);
    }
    case 'untraced': {
      const orchestrator = new Orchestrator({ tools: [work], tracerProvider: noProvider });
      const prepared = orchestrator.prepare(toPlanInput(parallelPlan(size), { strategy: 'serial' }));
      return () => orchestrator.run(prepared);
    }
    case 'checkedAwait': {
      const checked = checkedCall(size);
      return () => plainSerial(size, checked);
    }
    case 'plainAwait':
      return () => plainSerial(size, runTool);
    default:
      console.error(`unknown workload "${name}"`);
      process.exit(2);
  }
}

const warm = runOf(workload, 1000);
for (let time = 0; time < 10; time++) await warm();
const measured = runOf(workload, steps);
for (let time = 0; time < runs; time++) await measured();
