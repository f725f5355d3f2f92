import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@tooltrace/core';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../../scripts/backends/src/definitions.js';
import { traceQlQueries } from '../backends/doc-queries.js';

/**
 * The TraceQL queries the docs print. Tempo cannot be built on the project machines (the Go module
 * proxy does not serve github.com/grafana/tempo), so no test runs them against Tempo: this list makes
 * every added, changed or removed query visible in review, and the checks below catch what can be
 * caught without Tempo (attribute keys that the contract does not emit).
 */
const PRINTED_TRACEQL = [
  '{ link.tooltrace.link.kind = "depends_on" }',
  '{ name =~ "execute_tool.*" } > { span.http.method = "GET" }',
  '{ name =~ "orchestrate.*" } >> { span.tooltrace.step.status = "error" }',
  '{ span.gen_ai.tool.name = "metrics_query" && duration > 500ms }',
  '{ span.tooltrace.depends_on = "primary" }',
  '{ span.tooltrace.group_index = 2 }',
  '{ span.tooltrace.outcome = "error" }',
  '{ span.tooltrace.step.attempts > 1 }',
  '{ span.tooltrace.step.attempts > 1 && span.tooltrace.step.status = "error" }',
  '{ span.tooltrace.step.id = "metrics" } > { span.tooltrace.attempt.status = "error" }',
  '{ span.tooltrace.step.status = "timed_out" }',
];

/** Keys outside tooltrace's contract that the queries may use (OTel semantic conventions). */
const SEMCONV_KEYS = ['http.method'];

const queries = traceQlQueries();
const contractKeys = new Set(
  Object.entries(core)
    .filter(([name, value]) => /^(ATTR|EVENT)_/.test(name) && typeof value === 'string')
    .map(([, value]) => value as string),
);

describe('TraceQL queries in the docs (not executed: Tempo cannot be built here)', () => {
  test('are exactly the reviewed list (a new or changed query must be added here)', () => {
    expect(queries.map((query) => query.query)).toEqual(PRINTED_TRACEQL);
  });

  test.each(queries.map((query) => [query.query, query.where.join(', ')]))('%s (%s) names only attributes tooltrace emits', (query) => {
    const keys = [...query.matchAll(/\b(?:span|link)\.([a-z_][\w.]*[a-z0-9_])/g)].map((match) => match[1] ?? '');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => !contractKeys.has(key) && !SEMCONV_KEYS.includes(key))).toEqual([]);
  });

  test('every file that prints TraceQL says that the tests do not run it', () => {
    const files = new Set(queries.flatMap((query) => query.where.map((where) => where.split(':')[0] ?? '')));
    for (const file of files) {
      expect(readFileSync(join(REPO_ROOT, file), 'utf8'), file).toMatch(/TraceQL queries\s+here\s+are\s+not\s+executed\s+by\s+the\s+tests/);
    }
  });
});
