import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as core from '@tooltrace/core';
import { describe, expect, test } from 'vitest';

const doc = readFileSync(fileURLToPath(new URL('../../docs/semantic-conventions.md', import.meta.url)), 'utf8');
const exported = Object.entries(core).filter(([name]) => /^(ATTR|EVENT|METRIC)_/.test(name)) as [string, string][];

describe('docs/semantic-conventions.md documents the contract the core exports', () => {
  test.each(exported)('%s (%s) is documented', (_name, key) => {
    expect(doc).toContain(`\`${key}\``);
  });

  test('every tooltrace.* key the document names is an exported constant', () => {
    const named = new Set([...doc.matchAll(/`(tooltrace\.[a-z_.]+)`/g)].map((match) => match[1]));
    const keys = new Set(exported.map(([, key]) => key));
    expect([...named].filter((key) => !keys.has(key as string))).toEqual([]);
  });

  test('span names are documented with their prefixes', () => {
    for (const prefix of [
      core.SPAN_NAME_PIPELINE,
      core.SPAN_NAME_STAGE,
      core.SPAN_NAME_ORCHESTRATE,
      core.SPAN_NAME_GROUP,
      core.SPAN_NAME_EXECUTE_TOOL,
      core.SPAN_NAME_ATTEMPT,
    ]) {
      expect(doc).toContain(`## \`${prefix} {`);
    }
  });
});
