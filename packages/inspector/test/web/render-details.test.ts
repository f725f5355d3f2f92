import { describe, expect, it } from 'vitest';
import { prettyJson, splitAfterDots } from '../../src/web/client/render-details.js';

describe('splitAfterDots', () => {
  it('splits an attribute key after each dot, keeping the dots', () => {
    expect(splitAfterDots('tooltrace.step.depends_on')).toEqual(['tooltrace.', 'step.', 'depends_on']);
    expect(splitAfterDots('plain')).toEqual(['plain']);
    expect(splitAfterDots('a..b.')).toEqual(['a.', '.', 'b.']);
  });
});

describe('prettyJson', () => {
  it('pretty-prints strings holding a JSON object or array', () => {
    expect(prettyJson(' {"a":[1,2],"b":{"c":null}}')).toBe('{\n  "a": [\n    1,\n    2\n  ],\n  "b": {\n    "c": null\n  }\n}');
    expect(prettyJson('[1]')).toBe('[\n  1\n]');
  });

  it('leaves other strings alone', () => {
    expect(prettyJson('{not json')).toBeNull();
    expect(prettyJson('42')).toBeNull();
    expect(prettyJson('"quoted"')).toBeNull();
    expect(prettyJson('[x] marks')).toBeNull();
  });
});
