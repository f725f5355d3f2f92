import { ATTR_DEPENDS_ON, ATTR_STEP_STATUS } from '@tooltrace/core';
import { describe, expect, it } from 'vitest';
import { parseAttributeQuery, searchTraces, spanMatches } from '../../src/model/attribute-query.js';
import { demoFixture, span } from '../web/fixtures.js';

const withAttributes = (attributes: Parameters<typeof span>[0]['attributes']) =>
  span({ name: 'x', spanId: '0123456789abcdef', startMs: 0, endMs: 1, ...(attributes === undefined ? {} : { attributes }) });

describe('parseAttributeQuery', () => {
  it('reads key=value, trims around the separator, and keeps later = signs in the value', () => {
    expect(parseAttributeQuery(` ${ATTR_STEP_STATUS} = error `)).toEqual({ attribute: ATTR_STEP_STATUS, value: 'error' });
    expect(parseAttributeQuery('url.full=http://x/?a=b')).toEqual({ attribute: 'url.full', value: 'http://x/?a=b' });
  });

  it('reads a bare key as "has the attribute", and rejects an empty key', () => {
    expect(parseAttributeQuery('error.type')).toEqual({ attribute: 'error.type' });
    expect(parseAttributeQuery('  ')).toBeNull();
    expect(parseAttributeQuery('=x')).toBeNull();
  });
});

describe('spanMatches', () => {
  it('compares numbers and booleans as text', () => {
    const target = withAttributes({ n: 2, b: true, s: 'two' });
    expect(spanMatches(target, { attribute: 'n', value: '2' })).toBe(true);
    expect(spanMatches(target, { attribute: 'b', value: 'true' })).toBe(true);
    expect(spanMatches(target, { attribute: 's', value: 'Two' })).toBe(false);
  });

  it('matches an array when one element does, and a missing key never', () => {
    const target = withAttributes({ deps: ['primary', 'metrics'] });
    expect(spanMatches(target, { attribute: 'deps', value: 'metrics' })).toBe(true);
    expect(spanMatches(target, { attribute: 'deps', value: 'events' })).toBe(false);
    expect(spanMatches(target, { attribute: 'other' })).toBe(false);
    expect(spanMatches(target, { attribute: 'deps' })).toBe(true);
  });
});

describe('searchTraces', () => {
  it('returns every matching span of every trace', () => {
    const hits = searchTraces([demoFixture()], { attribute: ATTR_DEPENDS_ON, value: 'primary' });
    expect(hits.map((hit) => hit.spanName)).toEqual(['execute_tool metrics_query', 'execute_tool event_search', 'execute_tool change_log']);
  });
});
