import type { NameExpectation } from '../shape/span-shape.js';
import { matchesValue } from './value-match.js';

/**
 * Whether a span name satisfies a name expectation. A string matches the whole name or its first
 * words: `execute_tool` matches `execute_tool ci_lookup` but not `execute_tools`.
 */
export function matchesName(expected: NameExpectation, name: string): boolean {
  if (typeof expected === 'string') return name === expected || name.startsWith(`${expected} `);
  return matchesValue(expected, name);
}
