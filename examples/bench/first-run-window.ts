/**
 * The window both first-run scripts measure in a fresh process: from the first run's call to its
 * first step's start (modules loaded, SDK registered, nothing run yet). With `stop-before-run` or
 * `stop-at-first-step` (argv[2]) the process exits at one end of the window instead, printing
 * nothing: the instruction counts of the two (bench:instructions) differ by the window's instructions.
 */

const stop = process.argv[2];
let cpuStart: NodeJS.CpuUsage | undefined;
let start = 0;
let firstStart = 0;
let firstCpu = 0;

/** Called just before the first run: the window opens. */
export function windowOpens(): void {
  if (stop === 'stop-before-run') process.exit(0);
  cpuStart = process.cpuUsage();
  start = performance.now();
}

/** Called by the first step as it starts: the window closes (the first call counts). */
export function firstStepStarts(): void {
  if (stop === 'stop-at-first-step') process.exit(0);
  if (firstStart) return;
  firstStart = performance.now();
  const usage = process.cpuUsage(cpuStart);
  firstCpu = (usage.user + usage.system) / 1000;
}

/** Prints the window's wall and CPU milliseconds as JSON (CPU time is what a loaded machine cannot inflate). */
export function reportWindow(): void {
  process.stdout.write(JSON.stringify({ firstStepMs: firstStart - start, firstStepCpuMs: firstCpu }));
}
