import { describe, expect, it } from 'vitest';
import { describeSpan, spanTitle } from '../../src/model/span-description.js';
import { span } from '../web/fixtures.js';

const make = (name: string, attributes: Record<string, string | number>) =>
  span({ name, spanId: 'a'.repeat(16), startMs: 0, endMs: 1, attributes });

describe('describeSpan', () => {
  it('says what HTTP, database and GenAI spans are, from current and older semantic conventions', () => {
    expect(
      describeSpan(make('GET', { 'http.request.method': 'GET', 'url.full': 'http://cmdb/ci?q=1', 'http.response.status_code': 503 })),
    ).toEqual({
      category: 'http',
      summary: 'GET http://cmdb/ci?q=1 → 503',
    });
    expect(describeSpan(make('GET', { 'http.method': 'GET', 'http.route': '/hosts/:name' })).summary).toBe('GET /hosts/:name');
    expect(describeSpan(make('SELECT', { 'db.system': 'postgresql', 'db.operation': 'SELECT', 'db.sql.table': 'orders' }))).toEqual({
      category: 'db',
      summary: 'postgresql SELECT orders',
    });
    expect(
      describeSpan(
        make('chat', {
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.usage.input_tokens': 120,
          'gen_ai.usage.output_tokens': 30,
        }),
      ),
    ).toEqual({ category: 'gen_ai', summary: 'chat gpt-4o · 120 in / 30 out tokens' });
    expect(describeSpan(make('work', {})).category).toBe('other');
  });

  it("does not take a tooltrace step's gen_ai.operation.name execute_tool for a model call", () => {
    expect(describeSpan(make('execute_tool x', { 'gen_ai.operation.name': 'execute_tool' })).category).toBe('other');
  });
});

describe('spanTitle', () => {
  it('names an HTTP span called only by its method by its route, else its path without the query', () => {
    expect(spanTitle(make('GET', { 'http.request.method': 'GET', 'http.route': '/incidents' }))).toBe('GET /incidents');
    expect(spanTitle(make('GET', { 'http.method': 'GET', 'http.target': '/incidents?host=web-01' }))).toBe('GET /incidents');
    expect(spanTitle(make('GET', { 'http.request.method': 'GET', 'url.full': 'http://x/a/b?c' }))).toBe('GET /a/b');
    expect(spanTitle(make('GET /already', { 'http.request.method': 'GET', 'http.route': '/other' }))).toBe('GET /already');
    expect(spanTitle(make('pipeline x', {}))).toBe('pipeline x');
  });
});
