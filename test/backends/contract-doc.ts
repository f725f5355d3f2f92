import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../scripts/backends/src/definitions.js';

/**
 * The attribute tables of docs/semantic-conventions.md: for each span section (`## \`stage {name}\``),
 * the documented type of each attribute. Read from the doc itself, so a contract change that updates
 * the doc is asserted against the real backends without touching these tests.
 */
export interface ContractDoc {
  /** Span name prefix (`execute_tool`) → attribute key → documented type (`int`, `string[]`...). */
  readonly spans: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly text: string;
}

export function readContractDoc(path = join(REPO_ROOT, 'docs/semantic-conventions.md')): ContractDoc {
  const text = readFileSync(path, 'utf8');
  const spans = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of text.split('\n')) {
    const heading = /^## `([a-z_]+) \{[a-zA-Z]+\}`/.exec(line);
    if (heading?.[1]) {
      current = new Map();
      spans.set(heading[1], current);
      continue;
    }
    if (line.startsWith('## ')) current = undefined;
    const row = /^\| `([^`]+)` \| ([a-z[\]]+) \|/.exec(line);
    if (current && row?.[1] && row[2]) current.set(row[1], row[2]);
  }
  return { spans, text };
}

/** The section a span belongs to, by its name's prefix (`execute_tool metrics_query` → `execute_tool`). */
export function sectionOf(doc: ContractDoc, spanName: string): ReadonlyMap<string, string> | undefined {
  return doc.spans.get(spanName.split(' ')[0] ?? '');
}
