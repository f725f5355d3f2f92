import { beforeAll, describe, expect, it } from 'vitest';
import { formatTraceTree, type InspectorTrace } from '../../src/index.js';
import { recordRetriedRun } from '../support/retried-run.js';

let retried: InspectorTrace;
beforeAll(async () => {
  retried = (await recordRetriedRun()).trace;
});

describe('the terminal tree of a retried step', () => {
  it('labels the step with its attempts and lists each try under it, with status and error', () => {
    const lines = formatTraceTree(retried, { width: 140 }).split('\n');
    const stepLine = lines.findIndex((line) => line.includes('execute_tool flaky_fetch [fetch]'));
    expect(lines[stepLine]).toMatch(/\[fetch\] ×3 attempts\s+0\s+0 ok/);
    const below = lines.slice(stepLine + 1, stepLine + 12).map((line) => line.replace(/\s+\d[\d.]*(?:ms|µs|s)\s.*$/, '').trimEnd());
    expect(below.filter((line) => /attempt \d/.test(line))).toEqual([
      expect.stringMatching(/├─ attempt 1\s+error$/),
      expect.stringMatching(/├─ attempt 2\s+error$/),
      expect.stringMatching(/└─ attempt 3\s+ok$/),
    ]);
    const error = below.findIndex((line) => line.includes('✗ Error: 503 Service Unavailable (call 1)'));
    // Where the try threw, under its error: the tool's own frame.
    expect(below[error + 1]).toMatch(/↳ at Object\.run \(.*retried-run\.ts:\d+:\d+\)$/);
    expect(lines.find((line) => line.includes('[after]'))).not.toMatch(/attempts/);
  });
});
