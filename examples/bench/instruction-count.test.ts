import { describe, expect, it } from 'vitest';
import { instructionCount, perStepInstructions } from './instruction-count.js';

// What valgrind 3.19's cachegrind prints on stderr at the end of `node … explain 100000 8`.
const CACHEGRIND_STDERR = `==328== Cachegrind, a cache and branch-prediction profiler
==328== Copyright (C) 2002-2017, and GNU GPL'd, by Nicholas Nethercote et al.
==328== Using Valgrind-3.19.0 and LibVEX; rerun with -h for copyright info
==328== Command: /usr/bin/node --predictable --hash-seed=1 --random-seed=1 instruction-workload.js explain 100000 8
==328==
==328==
==328== I   refs:      10,630,179,382
`;

describe("bench:instructions' arithmetic", () => {
  it("reads the instruction count from cachegrind's summary", () => {
    expect(instructionCount(CACHEGRIND_STDERR)).toBe(10_630_179_382);
    expect(instructionCount('==9== I refs: 812\n')).toBe(812);
  });

  it('fails, quoting the output, when there is no count (valgrind or node failed)', () => {
    expect(() => instructionCount('valgrind: no such file\n')).toThrow(
      /no instruction count in cachegrind's output:\nvalgrind: no such file/,
    );
  });

  it('divides the difference of two run counts by the steps of the runs in between', () => {
    // 8 runs of 100k steps counted 10.63 billion, 16 runs 18.19 billion: 9,447 a step.
    expect(perStepInstructions(10_630_179_382, 18_187_678_089, 8, 100_000)).toBeCloseTo(9446.87, 1);
    expect(perStepInstructions(1_000, 3_000, 10, 100)).toBe(2);
  });
});
