import { numberAttribute, stringAttribute } from './span-attributes.js';
import type { InspectorSpan } from './types.js';

// OpenTelemetry semantic conventions (HTTP, database, GenAI), current names first, older ones after.
const HTTP_METHOD = ['http.request.method', 'http.method'];
const HTTP_ROUTE = ['http.route'];
const HTTP_URL = ['url.full', 'http.url'];
const HTTP_PATH = ['url.path', 'http.target'];
const HTTP_STATUS = ['http.response.status_code', 'http.status_code'];
const DB_SYSTEM = ['db.system.name', 'db.system'];
const DB_OPERATION = ['db.operation.name', 'db.operation'];
const DB_COLLECTION = ['db.collection.name', 'db.sql.table'];
const GEN_AI_OPERATION = ['gen_ai.operation.name'];
const GEN_AI_MODEL = ['gen_ai.request.model', 'gen_ai.response.model'];
const GEN_AI_INPUT_TOKENS = ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'];
const GEN_AI_OUTPUT_TOKENS = ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'];

/** What a span outside the tooltrace hierarchy is, from its semantic-convention attributes. */
export interface SpanDescription {
  /** `http`, `db`, `gen_ai`, or `other`. */
  category: 'http' | 'db' | 'gen_ai' | 'other';
  /** One line: `GET /cmdb/ci → 503`, `postgresql SELECT orders`, `chat gpt-4o · 120 in / 30 out tokens`; '' when nothing is known. */
  summary: string;
}

function first(span: InspectorSpan, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = stringAttribute(span, key);
    if (value !== null && value !== '') return value;
  }
  return null;
}

function firstNumber(span: InspectorSpan, keys: readonly string[]): number | null {
  for (const key of keys) {
    const value = numberAttribute(span, key);
    if (value !== null) return value;
  }
  return null;
}

/** Describes an HTTP, database or GenAI span (see {@link SpanDescription}). */
export function describeSpan(span: InspectorSpan): SpanDescription {
  const method = first(span, HTTP_METHOD);
  if (method !== null) {
    const target = first(span, HTTP_ROUTE) ?? first(span, HTTP_URL) ?? first(span, HTTP_PATH);
    const status = firstNumber(span, HTTP_STATUS);
    return {
      category: 'http',
      summary: [method, target, status === null ? null : `→ ${status}`].filter((part) => part !== null).join(' '),
    };
  }
  const system = first(span, DB_SYSTEM);
  if (system !== null) {
    return {
      category: 'db',
      summary: [system, first(span, DB_OPERATION), first(span, DB_COLLECTION)].filter((part) => part !== null).join(' '),
    };
  }
  const model = first(span, GEN_AI_MODEL);
  const operation = first(span, GEN_AI_OPERATION);
  if (model !== null || (operation !== null && operation !== 'execute_tool')) {
    const input = firstNumber(span, GEN_AI_INPUT_TOKENS);
    const output = firstNumber(span, GEN_AI_OUTPUT_TOKENS);
    const tokens = input === null && output === null ? null : `${input ?? '?'} in / ${output ?? '?'} out tokens`;
    return {
      category: 'gen_ai',
      summary: [[operation, model].filter((part) => part !== null).join(' '), tokens].filter((part) => part !== null).join(' · '),
    };
  }
  return { category: 'other', summary: '' };
}

/**
 * A span's name as lists and titles show it: an HTTP span named only by its method (`GET`, as
 * instrumentations name server spans without a route) gets its route, else its path (no query).
 */
export function spanTitle(span: InspectorSpan): string {
  const method = first(span, HTTP_METHOD);
  if (method === null || span.name.trim().toUpperCase() !== method.toUpperCase()) return span.name;
  const route = first(span, HTTP_ROUTE);
  const path = first(span, HTTP_PATH)?.split('?', 1)[0];
  const url = first(span, HTTP_URL);
  const target = route ?? path ?? (url === null ? null : urlPath(url));
  return target === null || target === undefined ? span.name : `${span.name} ${target}`;
}

function urlPath(url: string): string | null {
  try {
    return new URL(url).pathname;
  } catch {
    return null;
  }
}
