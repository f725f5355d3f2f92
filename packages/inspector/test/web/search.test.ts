import { ATTR_DEPENDS_ON, ATTR_STEP_STATUS } from '@tooltrace/core';
import { describe, expect, it } from 'vitest';
import { parseAttributeQuery, searchTraces, spanMatchesQuery } from '../../src/web/client/search.js';
import { demoFixture, span } from './fixtures.js';

const withAttributes = (attributes: Parameters<typeof span>[0]['attributes']) =>
  span({ name: 'x', spanId: '0123456789abcdef', startMs: 0, endMs: 1, ...(attributes === undefined ? {} : { attributes }) });

describe('parseAttributeQuery', () => {
  it('reads key=value, trims around the separator, and keeps later = signs in the value', () => {
    expect(parseAttributeQuery(` ${ATTR_STEP_STATUS} = error `)).toEqual({ key: ATTR_STEP_STATUS, value: 'error' });
    expect(parseAttributeQuery('url.full=http://x/?a=b')).toEqual({ key: 'url.full', value: 'http://x/?a=b' });
  });

  it('reads a bare key as "has the attribute", and rejects an empty key', () => {
    expect(parseAttributeQuery('error.type')).toEqual({ key: 'error.type', value: null });
    expect(parseAttributeQuery('  ')).toBeNull();
    expect(parseAttributeQuery('=x')).toBeNull();
  });
});

describe('spanMatchesQuery', () => {
  it('compares numbers and booleans as text', () => {
    const target = withAttributes({ n: 2, b: true, s: 'two' });
    expect(spanMatchesQuery(target, { key: 'n', value: '2' })).toBe(true);
    expect(spanMatchesQuery(target, { key: 'b', value: 'true' })).toBe(true);
    expect(spanMatchesQuery(target, { key: 's', value: 'Two' })).toBe(false);
  });

  it('matches an array when one element does, and a missing key never', () => {
    const target = withAttributes({ deps: ['primary', 'metrics'] });
    expect(spanMatchesQuery(target, { key: 'deps', value: 'metrics' })).toBe(true);
    expect(spanMatchesQuery(target, { key: 'deps', value: 'events' })).toBe(false);
    expect(spanMatchesQuery(target, { key: 'other', value: null })).toBe(false);
    expect(spanMatchesQuery(target, { key: 'deps', value: null })).toBe(true);
  });
});

describe('searchTraces', () => {
  it('returns every matching span of every trace', () => {
    const hits = searchTraces([demoFixture()], { key: ATTR_DEPENDS_ON, value: 'primary' });
    expect(hits.map((hit) => hit.name)).toEqual(['execute_tool metrics_query', 'execute_tool event_search', 'execute_tool change_log']);
  });
});
