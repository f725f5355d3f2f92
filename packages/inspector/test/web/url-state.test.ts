import { describe, expect, it } from 'vitest';
import { formatLocation, type LocationState, parseLocation } from '../../src/web/client/url-state.js';

const at = (href: string) => {
  const url = new URL(href, 'http://127.0.0.1:4318');
  return { pathname: url.pathname, search: url.search, hash: url.hash };
};

describe('parseLocation / formatLocation', () => {
  it('live: reads the trace from the path and the span and search from the query', () => {
    expect(parseLocation('live', at('/trace/abc?span=0011&q=tooltrace.step.status%3Derror'))).toEqual({
      traceId: 'abc',
      spanId: '0011',
      q: 'tooltrace.step.status=error',
    });
    expect(parseLocation('live', at('/?q=tool.name'))).toEqual({ traceId: null, spanId: null, q: 'tool.name' });
  });

  it('live: still reads the older #span= links', () => {
    expect(parseLocation('live', at('/trace/abc#span=0011'))).toEqual({ traceId: 'abc', spanId: '0011', q: null });
  });

  it('static: reads everything from the hash', () => {
    expect(parseLocation('static', at('/x.html#/trace/abc/span/0011?q=a%3Db'))).toEqual({ traceId: 'abc', spanId: '0011', q: 'a=b' });
    expect(parseLocation('static', at('/x.html#/?q=k'))).toEqual({ traceId: null, spanId: null, q: 'k' });
    expect(parseLocation('static', at('/x.html'))).toEqual({ traceId: null, spanId: null, q: null });
  });

  it('formats what it parses back, in both modes', () => {
    const states: LocationState[] = [
      { traceId: 'abc', spanId: '0011', q: 'key = a&b #c' },
      { traceId: 'abc', spanId: null, q: null },
      { traceId: null, spanId: null, q: 'tooltrace.step.id' },
      { traceId: null, spanId: null, q: null },
    ];
    for (const mode of ['live', 'static'] as const) {
      for (const state of states)
        expect(parseLocation(mode, at(formatLocation(mode, state))), `${mode} ${JSON.stringify(state)}`).toEqual(state);
    }
    expect(formatLocation('live', { traceId: 'abc', spanId: '0011', q: null })).toBe('/trace/abc?span=0011');
    expect(formatLocation('static', { traceId: 'abc', spanId: '0011', q: null })).toBe('#/trace/abc/span/0011');
    expect(formatLocation('static', { traceId: null, spanId: null, q: null })).toBe('#/');
  });
});
