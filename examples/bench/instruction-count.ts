/** What `pnpm bench:instructions` reads from cachegrind, and how it turns counts into figures. */

/** The instruction count ("I refs") in cachegrind's summary on stderr; throws when there is none. */
export function instructionCount(stderr: string): number {
  const refs = /I\s+refs:\s+([\d,]+)/.exec(stderr)?.[1];
  if (!refs) throw new Error(`no instruction count in cachegrind's output:\n${stderr.slice(-2000)}`);
  return Number(refs.replaceAll(',', ''));
}

/**
 * Instructions per step of the runs counted: a process that made `2 × runs` runs of `steps` steps
 * (`more`) against one that made `runs` (`fewer`), so that start-up and warm-up cancel out.
 */
export function perStepInstructions(fewer: number, more: number, runs: number, steps: number): number {
  return (more - fewer) / (runs * steps);
}
