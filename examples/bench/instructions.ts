import { execFile, execFileSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { instructionCount, perStepInstructions } from './instruction-count.js';
import { type Figure, printTable, readResults, writeResults } from './report.js';

/**
 * `pnpm bench:instructions` (prints, asserts nothing): the per-step figures of `pnpm bench` counted
 * in CPU instructions rather than time, with valgrind's cachegrind and V8 on one thread with fixed
 * seeds (`--predictable`), so that a figure moves by a few percent between runs, whatever the machine
 * is doing: CPU time on this shared 2-core machine moves by 30 % and more between its fast and slow
 * periods, too much to tell a 20 % regression from the weather. Instructions leave out what time
 * includes (waiting on memory, above all at 100k steps), so this complements the CPU-time table,
 * it does not replace it. `--json` rewrites instructions.json, which later runs compare against.
 */

const run = promisify(execFile);
const resultsPath = fileURLToPath(new URL('../../bench/instructions.json', import.meta.url));
const workloadScript = fileURLToPath(new URL('./instruction-workload.js', import.meta.url));
const firstRunScript = fileURLToPath(new URL('./first-run.js', import.meta.url));
const firstRunHandWrittenScript = fileURLToPath(new URL('./first-run-hand-written.js', import.meta.url));
/** Counted after the subjects, each at its two stops: before `run()` and at the first step. */
const firstRunScripts = [firstRunScript, firstRunHandWrittenScript];
const writeJson = process.argv.includes('--json');

/**
 * V8 on one thread, with fixed seeds: with threads, a process's count moved by ±30 million (the
 * first run is ~25 million); with these flags, by ±1 million.
 */
const PREDICTABLE = ['--predictable', '--hash-seed=1', '--random-seed=1'];

/** Instructions of a whole node process running `args` (V8 {@link PREDICTABLE}). */
async function instructionsOf(args: string[]): Promise<number> {
  const { stderr } = await run(
    'valgrind',
    ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', process.execPath, ...PREDICTABLE, ...args],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return instructionCount(stderr);
}

/** Runs the jobs two at a time (one per core): instruction counts do not depend on the load. */
async function inParallel<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await (jobs[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(2, os.cpus().length)) }, worker));
  return results;
}

interface Subject {
  workload: string;
  steps: number;
  /**
   * Runs counted: the difference between a process that makes `2 × runs` runs and one that makes
   * `runs` (which, with the worker's own warm-up, brings the optimized code and the heap to where
   * `pnpm bench` measures them).
   */
  runs: number;
}

// Enough runs that a count takes in several collections, and that a process's own noise (a few
// million instructions) is small per step: a 2-explain difference at 100k steps moved by 16 %
// between runs, and 50 plain-await runs (~700 instructions a step) once counted −96 a step.
const subjects: Subject[] = [
  ...[1000, 10_000, 100_000].map((steps) => ({ workload: 'explain', steps, runs: Math.max(4, 400_000 / steps) })),
  ...['traced', 'handWritten'].flatMap((workload) =>
    [1000, 100_000].map((steps) => ({ workload, steps, runs: Math.max(1, 30_000 / steps) })),
  ),
  { workload: 'untraced', steps: 1000, runs: 300 },
  { workload: 'checkedAwait', steps: 1000, runs: 300 },
  { workload: 'plainAwait', steps: 1000, runs: 300 },
];

try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
} catch {
  console.error('valgrind is not installed (apt-get install -y valgrind); nothing measured');
  process.exit(1);
}
const started = Date.now();
console.log(`tooltrace bench:instructions · node ${process.version} · cachegrind, node ${PREDICTABLE.join(' ')}`);
const counts = await inParallel([
  ...subjects.flatMap((subject) =>
    [subject.runs, 2 * subject.runs].map(
      (runs) => () => instructionsOf([workloadScript, subject.workload, String(subject.steps), String(runs)]),
    ),
  ),
  ...firstRunScripts.flatMap((script) => [
    () => instructionsOf([script, 'stop-before-run']),
    () => instructionsOf([script, 'stop-at-first-step']),
  ]),
]);
const perStep: Record<string, number> = {};
for (const [index, subject] of subjects.entries()) {
  const fewer = counts[2 * index] ?? Number.NaN;
  const more = counts[2 * index + 1] ?? Number.NaN;
  perStep[`${subject.workload} ${subject.steps}`] = perStepInstructions(fewer, more, subject.runs, subject.steps);
}
/** Millions of instructions between the two stops of `script` (one of {@link firstRunScripts}). */
const firstRunOf = (script: string) => {
  const before = 2 * subjects.length + 2 * firstRunScripts.indexOf(script);
  return ((counts[before + 1] ?? Number.NaN) - (counts[before] ?? Number.NaN)) / 1e6;
};
const firstRun = firstRunOf(firstRunScript);
const firstRunHandWritten = firstRunOf(firstRunHandWrittenScript);
const at = (key: string) => perStep[key] ?? Number.NaN;
const count = (value: number) => `${Math.round(value).toLocaleString('en-US')}`;

/** The workloads measured at several sizes, by what the table calls them. */
const SCALED: Record<string, string> = {
  explain: 'validate + explain',
  traced: 'run(prepared plan) traced',
  handWritten: 'hand-written runner traced',
};

const figures: Figure[] = [
  {
    key: 'tracedRatio1k',
    label: 'engine + tracing ÷ hand-written runner, same spans, 1k-step DAG',
    value: at('traced 1000') / at('handWritten 1000'),
    shown: `${(at('traced 1000') / at('handWritten 1000')).toFixed(2)}×`,
    goal: '(≤ 1.3× in time)',
    met: null,
    detail: `engine ${count(at('traced 1000'))}, hand-written ${count(at('handWritten 1000'))} instructions per step`,
  },
  {
    key: 'untracedOverChecked',
    label: 'tracing off: run(prepared serial plan) − plain for…await of the same checked call, per step (1k steps)',
    value: at('untraced 1000') - at('checkedAwait 1000'),
    shown: `+${count(at('untraced 1000') - at('checkedAwait 1000'))}`,
    goal: '(≤ 2 µs in time)',
    met: null,
    detail: `engine ${count(at('untraced 1000'))}, plain await with the same zod checks of input and output ${count(at('checkedAwait 1000'))} instructions per step`,
  },
  {
    key: 'untracedAdds',
    label: 'tracing off: run(prepared serial plan) − plain for…await of the bare call (no checks), per step (1k steps)',
    value: at('untraced 1000') - at('plainAwait 1000'),
    shown: `+${count(at('untraced 1000') - at('plainAwait 1000'))}`,
    goal: '(tracked)',
    met: null,
    detail: `plain await of the bare call ${count(at('plainAwait 1000'))} instructions per step`,
  },
  ...Object.entries(SCALED).flatMap(([workload, name]): Figure[] => [
    {
      key: `${workload}PerStep1k`,
      label: `${name}, per step at 1k`,
      value: at(`${workload} 1000`),
      shown: count(at(`${workload} 1000`)),
      goal: '(tracked)',
      met: null,
    },
    {
      key: `${workload}Growth`,
      label: `${name}, per step 100k ÷ 1k`,
      value: at(`${workload} 100000`) / at(`${workload} 1000`),
      shown: `${(at(`${workload} 100000`) / at(`${workload} 1000`)).toFixed(2)}×`,
      goal: workload === 'handWritten' ? '(baseline)' : '(flat in time: ≤ 1.3×)',
      met: null,
      detail: `${[1000, 10_000, 100_000]
        .filter((steps) => perStep[`${workload} ${steps}`] !== undefined)
        .map((steps) => `${count(at(`${workload} ${steps}`))} at ${steps / 1000}k`)
        .join(', ')} instructions per step`,
    },
  ]),
  {
    key: 'firstRunMillions',
    label: 'first run in a process: run() to first step start (SDK on), million instructions',
    value: firstRun,
    shown: firstRun.toFixed(2),
    goal: '(≤ 5 ms in time)',
    met: null,
    detail: `the hand-written runner's same first run: ${firstRunHandWritten.toFixed(2)} million (the engine adds ${(firstRun - firstRunHandWritten).toFixed(2)})`,
  },
  {
    key: 'firstRunHandWrittenMillions',
    label: 'the same first run by the hand-written runner, same spans and input check, million instructions',
    value: firstRunHandWritten,
    shown: firstRunHandWritten.toFixed(2),
    goal: '(baseline)',
    met: null,
  },
];
printTable(figures, readResults(resultsPath));
console.log(
  `(${((Date.now() - started) / 1000).toFixed(0)} s; instruction counts are not times: the goals are met or not in \`pnpm bench\`)`,
);
if (writeJson) {
  writeResults(resultsPath, figures, {
    instructionsPerStep: perStep,
    firstRunMillions: firstRun,
    firstRunHandWrittenMillions: firstRunHandWritten,
  });
  console.log(`wrote ${resultsPath}`);
}
