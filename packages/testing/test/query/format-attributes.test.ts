import { expect, test } from 'vitest';
import { formatAttributeLines } from '../../src/query/format-attributes.js';

test('lists attributes sorted by key under a heading, cutting long values', () => {
  const long = 'x'.repeat(200);
  expect(formatAttributeLines({ 'b.count': 2, 'a.id': 'primary', 'c.args': long }, '  ', 'attributes of step')).toEqual([
    '  attributes of step:',
    '    a.id: "primary"',
    '    b.count: 2',
    `    c.args: "${'x'.repeat(118)}…`,
  ]);
});

test('says when a span has no attributes', () => {
  expect(formatAttributeLines({}, '    ')).toEqual(['    attributes: (none)']);
});
