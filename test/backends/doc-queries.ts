import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../../scripts/backends/src/definitions.js';

/** A query printed in the docs, with where it is printed. */
export interface DocQuery {
  readonly query: string;
  /** `README.md:221`, `docs/semantic-conventions.md:230`... */
  readonly where: string[];
}

/** Markdown files of the repository that users read (node_modules, dist and changesets aside). */
export function markdownFiles(dir = REPO_ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (['node_modules', 'dist', '.git', '.changeset', 'test-results'].includes(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** A Jaeger tag search as its Tags field takes it: `key=value`, several separated by spaces; dotted keys. */
const TAG = String.raw`[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+=[^\s\`]+`;
const JAEGER_SEARCH = new RegExp(String.raw`\`(${TAG}(?: ${TAG})*)\``, 'g');
/** A TraceQL query: `{ span.… }`, `{ name =~ … }`, `{ link.… }` (inline or alone on a line in a code block). */
const TRACEQL_START = /^\{ (?:(?:span|link|resource|event)\.|(?:name|duration|status|kind) *(?:=~|!=|=|>|<))/;

function collect(extract: (line: string) => string[]): DocQuery[] {
  const found = new Map<string, string[]>();
  for (const file of markdownFiles()) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, index) => {
      for (const query of extract(line)) {
        const where = `${relative(REPO_ROOT, file)}:${index + 1}`;
        found.set(query, [...(found.get(query) ?? []), where]);
      }
    });
  }
  return [...found].map(([query, where]) => ({ query, where })).sort((a, b) => a.query.localeCompare(b.query));
}

/** Every Jaeger tag search printed in the repository's Markdown. */
export function jaegerTagSearches(): DocQuery[] {
  return collect((line) => [...line.matchAll(JAEGER_SEARCH)].map((match) => match[1] ?? ''));
}

/** Every TraceQL query printed in the repository's Markdown (inline code, or a line of a code block). */
export function traceQlQueries(): DocQuery[] {
  return collect((line) => {
    const inline = [...line.matchAll(/`(\{[^`]*\})`/g)].map((match) => match[1] ?? '').filter((query) => TRACEQL_START.test(query));
    const alone = line.trim();
    return TRACEQL_START.test(alone) && !alone.includes('`') ? [...inline, alone] : inline;
  });
}

/** `key=value key2=value2` → `{ key: value, key2: value2 }`, as the Jaeger UI sends it (`tags=`). */
export function parseTagSearch(query: string): Record<string, string> {
  return Object.fromEntries(
    query.split(' ').map((pair) => {
      const equals = pair.indexOf('=');
      return [pair.slice(0, equals), pair.slice(equals + 1)];
    }),
  );
}
