import { formatValue } from '../query/format-value.js';
import { normalizeShape, type SpanShape } from './span-shape.js';

/** A shape as an indented outline (one line per expected span), for failure messages. */
export function renderShape(shape: SpanShape, depth = 0): string[] {
  const { name, children, attributes, ...rest } = normalizeShape(shape);
  const parts = [name === undefined ? '(any name)' : typeof name === 'string' ? name : formatValue(name)];
  for (const [key, value] of Object.entries(rest)) parts.push(`${key}: ${formatValue(value)}`);
  if (attributes) parts.push(formatValue(attributes));
  const lines = [`${'  '.repeat(depth)}${parts.join('  ')}`];
  for (const child of children ?? []) lines.push(...renderShape(child, depth + 1));
  return lines;
}
