import { readFileSync } from 'node:fs';
import os from 'node:os';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { alternate, type Cost } from '../bench/measure.js';
import { mastraWorkload } from './mastra.js';
import { tooltraceWorkload } from './tooltrace.js';
import { STEPS, shapeDifferences, type Workload } from './workload.js';

/**
 * Benchmark (prints, asserts nothing): tooltrace, Mastra and VoltAgent each run the same 200 no-op steps,
 * sequential and parallel, tracing off, alternating in one process. Every workload must first show that
 * each of its 200 steps ran exactly once per run, and again after timing; otherwise nothing is printed.
 * `--json` prints one JSON object (what `pnpm bench` reads) instead of the table.
 */

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');

// The same context manager the main bench runs with, registered before VoltAgent would register its own.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

const frameworks = ['tooltrace', 'tooltracePrepared', 'mastra', 'voltagent', 'voltagentNoCheckpoints'] as const;
type Framework = (typeof frameworks)[number];
const shapes = ['sequential', 'parallel'] as const;
type Shape = (typeof shapes)[number];

function version(pkg: string): string {
  return (JSON.parse(readFileSync(new URL(`../../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')) as { version: string })
    .version;
}

// @voltagent/core, when NODE_ENV is not "production", fetches https://models.dev/api.json as it loads
// (its model registry's auto-refresh) and caches it on disk. This bench talks to no network: production
// mode, set before the module is imported.
process.env.NODE_ENV = 'production';
const { observabilityOff, voltAgentWorkload } = await import('./voltagent.js');

const versions = { tooltrace: version('@tooltrace/core'), mastra: version('@mastra/core'), voltagent: version('@voltagent/core') };
const rivals = frameworks.filter((name) => !name.startsWith('tooltrace'));
const voltAgent = observabilityOff();

function workloads(shape: Shape): Record<Framework, Workload> {
  return {
    tooltrace: tooltraceWorkload(shape === 'sequential' ? 'serial' : 'parallel', 'plan'),
    tooltracePrepared: tooltraceWorkload(shape === 'sequential' ? 'serial' : 'parallel', 'prepared'),
    mastra: mastraWorkload(shape),
    voltagent: voltAgentWorkload(shape, voltAgent.observability, 'checkpoints'),
    voltagentNoCheckpoints: voltAgentWorkload(shape, voltAgent.observability, 'no checkpoints'),
  };
}

const notSameShape = 'Not every workload ran the same 200 steps, each once per run; no figure printed:';

function refuse(headline: string, differences: readonly string[]): never {
  console.error(headline);
  for (const difference of differences) console.error(`  ${difference}`);
  process.exit(1);
}

/** Runs per timed block, so a block of the fastest side is not a timer tick: about 20 ms each, from one warm run. */
async function runsPerBlock(workload: Workload): Promise<number> {
  await workload.run();
  const start = performance.now();
  await workload.run();
  return Math.min(50, Math.max(1, Math.round(20 / (performance.now() - start))));
}

async function measure(shape: Shape): Promise<{ cost: Record<Framework, Cost>; runs: Record<Framework, number> }> {
  const subjects = workloads(shape);
  for (const name of frameworks) subjects[name].reset();
  for (const name of frameworks) await subjects[name].run();
  const once = frameworks.flatMap((name) => shapeDifferences(`${name} ${shape}`, subjects[name].calls, 1));
  if (once.length > 0) refuse(notSameShape, once);

  const runs = {} as Record<Framework, number>;
  for (const name of frameworks) runs[name] = await runsPerBlock(subjects[name]);
  const total = Object.fromEntries(frameworks.map((name) => [name, 0])) as Record<Framework, number>;
  for (const name of frameworks) subjects[name].reset();
  const timed = Object.fromEntries(
    frameworks.map((name) => [
      name,
      async () => {
        for (let run = 0; run < runs[name]; run++) await subjects[name].run();
        total[name] += runs[name];
      },
    ]),
  ) as Record<Framework, () => Promise<void>>;
  // Per step of one run: alternate() divides by STEPS, each block ran `runs` of them.
  const perBlock = await alternate(STEPS, quick ? 6 : 25, timed);
  const after = frameworks.flatMap((name) => shapeDifferences(`${name} ${shape}`, subjects[name].calls, total[name]));
  if (after.length > 0) refuse(notSameShape, after);
  const cost = Object.fromEntries(frameworks.map((name) => [name, perRun(perBlock[name], runs[name])])) as Record<Framework, Cost>;
  return { cost, runs };
}

function perRun(cost: Cost, runs: number): Cost {
  return {
    cpu: { min: cost.cpu.min / runs, median: cost.cpu.median / runs },
    wall: { min: cost.wall.min / runs, median: cost.wall.median / runs },
  };
}

/** What `pnpm bench` reads (`--json`) and the table prints. */
export interface RivalsResult {
  steps: number;
  versions: Record<'tooltrace' | 'mastra' | 'voltagent', string>;
  loadAverage: number[];
  cost: Record<Shape, Record<Framework, Cost>>;
  runsPerBlock: Record<Shape, Record<Framework, number>>;
  /** tooltrace's CPU median (run(plan), validating every run) ÷ the fastest rival's, per shape: below 1 is a lead. */
  leadRatio: Record<Shape, number>;
}

const cost = {} as Record<Shape, Record<Framework, Cost>>;
const runs = {} as Record<Shape, Record<Framework, number>>;
for (const shape of shapes) ({ cost: cost[shape], runs: runs[shape] } = await measure(shape));
if (voltAgent.recorded() > 0) {
  refuse('Tracing was not off; no figure printed:', [`voltagent: ${voltAgent.recorded()} spans reached a span processor`]);
}
// Its provider and span store hold timers that would keep the process alive.
await voltAgent.observability.shutdown();

const leadRatio = Object.fromEntries(
  shapes.map((shape) => [shape, cost[shape].tooltrace.cpu.median / Math.min(...rivals.map((name) => cost[shape][name].cpu.median))]),
) as Record<Shape, number>;
const result: RivalsResult = {
  steps: STEPS,
  versions,
  loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))),
  cost,
  runsPerBlock: runs,
  leadRatio,
};

if (json) {
  console.log(JSON.stringify(result));
} else {
  const names: Record<Framework, string> = {
    tooltrace: `tooltrace ${versions.tooltrace}, run(plan)`,
    tooltracePrepared: `tooltrace ${versions.tooltrace}, run(prepared)`,
    mastra: `Mastra ${versions.mastra}`,
    voltagent: `VoltAgent ${versions.voltagent}`,
    voltagentNoCheckpoints: `VoltAgent ${versions.voltagent}, disableCheckpointing`,
  };
  const header = ['framework', 'steps', 'µs/step CPU median', 'CPU min', 'wall median', '÷ tooltrace'];
  const rows = shapes.flatMap((shape) =>
    frameworks.map((name) => {
      const own = cost[shape][name];
      return [
        names[name],
        `${STEPS} ${shape}`,
        own.cpu.median.toFixed(1),
        own.cpu.min.toFixed(1),
        own.wall.median.toFixed(1),
        `${(own.cpu.median / cost[shape].tooltrace.cpu.median).toFixed(1)}×`,
      ];
    }),
  );
  const worst = Math.max(...Object.values(leadRatio));
  rows.push(['keep the lead', 'worst shape', `${worst.toFixed(2)}× the fastest rival`, '', '', worst < 1 ? 'met' : 'NOT met']);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  console.log(`rivals bench · node ${process.version} · load ${result.loadAverage.join(' ')}${quick ? ' · --quick' : ''}`);
  console.log('  every workload ran each of its 200 steps exactly once per run (counted before and after timing); tracing off in all');
  console.log(`\n${line(header)}`);
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}
