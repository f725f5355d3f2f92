import type { Attributes } from '@opentelemetry/api';
import { formatValue, typeOfValue } from './format-value.js';
import type { AttributeCondition } from './selector-types.js';

/** The outcome of one `[...]` filter on one span; `problem` says why it failed. */
export interface FilterResult {
  readonly pass: boolean;
  readonly problem: string | undefined;
}

function equalsTyped(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual)) return actual.some((item) => Object.is(item, expected));
  return Object.is(actual, expected);
}

function someString(actual: unknown, test: (text: string) => boolean): boolean {
  const values = Array.isArray(actual) ? actual : [actual];
  return values.some((value) => test(String(value)));
}

function test(condition: AttributeCondition, actual: unknown): boolean {
  const { operator, value } = condition;
  switch (operator) {
    case 'exists':
      return true;
    case '=':
      return equalsTyped(actual, value);
    case '!=':
      return !equalsTyped(actual, value);
    case '^=':
      return someString(actual, (text) => text.startsWith(String(value)));
    case '$=':
      return someString(actual, (text) => text.endsWith(String(value)));
    case '*=':
      return someString(actual, (text) => text.includes(String(value)));
    case '~=':
      return someString(actual, (text) => {
        const regex = value as RegExp;
        regex.lastIndex = 0;
        return regex.test(text);
      });
  }
}

function expectation(condition: AttributeCondition): string {
  const value = formatValue(condition.value);
  switch (condition.operator) {
    case '!=':
      return `anything but ${value}`;
    case '^=':
      return `a value starting with ${value}`;
    case '$=':
      return `a value ending with ${value}`;
    case '*=':
      return `a value containing ${value}`;
    case '~=':
      return `a value matching ${value}`;
    default:
      return value;
  }
}

/**
 * Applies a selector's attribute filter. `=` on an array attribute matches when any element is
 * equal (as TraceQL does); values are typed: `[k=1]` matches the number 1, `[k="1"]` the string.
 */
export function applyAttributeFilter(condition: AttributeCondition, attributes: Readonly<Attributes>): FilterResult {
  const actual = attributes[condition.key];
  if (actual === undefined) {
    const pass = condition.operator === '!=';
    return { pass, problem: pass ? undefined : `attribute ${condition.key} is missing` };
  }
  if (test(condition, actual)) return { pass: true, problem: undefined };
  let problem = `attribute ${condition.key} is ${formatValue(actual)}, expected ${expectation(condition)}`;
  if (condition.operator === '=' && !Array.isArray(actual) && String(actual) === String(condition.value)) {
    problem += ` (the attribute is a ${typeOfValue(actual)}, the filter a ${typeOfValue(condition.value)})`;
  }
  return { pass: false, problem };
}
