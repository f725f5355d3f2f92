import { captureSpans, matchShape, type SpanTree } from '@tooltrace/testing';
import { describe, expect, test } from 'vitest';
import { expectedOf, projectMatch } from '../../src/shape/project.js';
import { emit } from '../support.js';

function sample(): SpanTree {
  const capture = captureSpans();
  emit(capture.getTracer(), [
    {
      name: 'orchestrate dag',
      start: 0,
      events: ['tooltrace.execution_plan'],
      children: [
        { name: 'group 0', start: 1, children: [{ name: 'execute_tool a', start: 1, attributes: { id: 'a', n: 1 } }] },
        {
          name: 'group 1',
          start: 2,
          error: 'a step of this group failed',
          children: [
            { name: 'execute_tool b', start: 2, attributes: { id: 'b' }, error: 'boom' },
            { name: 'execute_tool c', start: 3, attributes: { id: 'c' } },
          ],
        },
      ],
    },
  ]);
  return capture.treeNow();
}

const root = (tree: SpanTree) => tree.get('orchestrate');

describe('fields', () => {
  test('a partial shape matches: name by first words, attributes, status, events, kind, ended', () => {
    const tree = sample();
    const result = matchShape(root(tree), {
      name: 'orchestrate',
      kind: 'internal',
      status: 'unset',
      ended: true,
      events: ['tooltrace.execution_plan'],
      children: [{ name: 'group', children: [{ attributes: { id: 'a', n: expect.any(Number) } }] }],
    });
    expect(result.mismatches).toEqual([]);
    expect(result.pass).toBe(true);
    expect(result.score).toBe(result.total);
  });

  test('status by name, code or { code, message } with a RegExp', () => {
    const b = sample().get('"execute_tool b"');
    expect(matchShape(b, { status: 'error' }).pass).toBe(true);
    expect(matchShape(b, { status: 2 }).pass).toBe(true);
    expect(matchShape(b, { status: { code: 'error', message: /bo+m/ } }).pass).toBe(true);
    expect(matchShape(b, { status: { message: 'bang' } }).mismatches.map((m) => m.message)).toEqual([
      'status message is "boom", expected "bang"',
    ]);
    expect(matchShape(b, { status: 'ok' }).mismatches.map((m) => m.message)).toEqual(['status is error "boom", expected ok']);
  });

  test('each differing field is one mismatch with a readable message', () => {
    const a = sample().get('"execute_tool a"');
    const result = matchShape(a, {
      name: 'execute_tool z',
      kind: 'server',
      attributes: { id: 'x', n: '1', missing: 1, n2: undefined },
      events: ['exception'],
    });
    expect(result.pass).toBe(false);
    expect(result.mismatches.map((mismatch) => [mismatch.field, mismatch.message])).toEqual([
      ['name', 'name is "execute_tool a", expected "execute_tool z"'],
      ['kind', 'kind is internal, expected server'],
      ['attributes.id', 'attribute id is "a", expected "x"'],
      ['attributes.n', 'attribute n is 1, expected "1" (the attribute is a number, the expectation a string)'],
      ['attributes.missing', 'attribute missing is missing, expected 1'],
      ['events', 'no event matched { name: "exception" }; events: none'],
    ]);
  });

  test('an attribute expected as undefined must be absent', () => {
    const a = sample().get('"execute_tool a"');
    expect(matchShape(a, { attributes: { other: undefined } }).pass).toBe(true);
    expect(matchShape(a, { attributes: { id: undefined } }).mismatches[0]?.message).toBe('attribute id is "a", expected it to be absent');
  });
});

describe('children', () => {
  test('are matched in any order by default, each to a distinct span', () => {
    const group1 = sample().get('"group 1"');
    expect(matchShape(group1, { children: ['execute_tool c', 'execute_tool b'] }).pass).toBe(true);
    const twice = matchShape(group1, { children: ['execute_tool c', 'execute_tool c'] });
    expect(twice.pass).toBe(false);
    expect(twice.mismatches[0]?.message).toBe(
      'no span is left for { name: "execute_tool c" }: each expected child needs its own span, and the matching ones are taken',
    );
  });

  test('with ordered, must appear in that order (others may sit between)', () => {
    const orchestrate = root(sample());
    expect(matchShape(orchestrate, { children: ['group 0', 'group 1'] }, { ordered: true }).pass).toBe(true);
    const swapped = matchShape(orchestrate, { children: ['group 1', 'group 0'] }, { ordered: true });
    expect(swapped.mismatches.map((mismatch) => mismatch.message)).toEqual([
      'child { name: "group 0" } is there but out of the expected order (ordered: true)',
    ]);
  });

  test('with exact, no other children are allowed', () => {
    const group1 = sample().get('"group 1"');
    expect(matchShape(group1, { children: ['execute_tool b', 'execute_tool c'] }, { exact: true }).pass).toBe(true);
    expect(matchShape(group1, { children: ['execute_tool b'] }, { exact: true }).mismatches.map((mismatch) => mismatch.message)).toEqual([
      '"group 1" has 2 spans, expected exactly 1; not expected: "execute_tool c"',
    ]);
  });

  test('a missing child is reported with the nearest child and what differed there, at its path', () => {
    const result = matchShape(root(sample()), {
      name: 'orchestrate',
      children: [{ name: 'group', children: [{ attributes: { id: 'd' } }] }],
    });
    expect(result.mismatches.map((mismatch) => `${mismatch.path.join(' › ')}: ${mismatch.message}`)).toEqual([
      'orchestrate dag: no child matched { name: "group", children: [1] }; nearest: "group 0"',
      'orchestrate dag › group 0: no child matched { attributes: { id: "d" } }; nearest: "execute_tool a"',
      'orchestrate dag › group 0 › execute_tool a: attribute id is "a", expected "d"',
    ]);
  });

  test('a span without children says so', () => {
    const result = matchShape(sample().get('"execute_tool a"'), { children: ['anything'] });
    expect(result.mismatches[0]?.message).toBe('expected a child { name: "anything" }, but "execute_tool a" has no children');
  });
});

describe('diff sides', () => {
  test('the received side copies what matched from the expectation and shows only what differed', () => {
    const shape = {
      name: 'group',
      attributes: { absent: undefined },
      children: [{ name: 'execute_tool', attributes: { id: 'c', n: expect.any(Number) } }],
    };
    const result = matchShape(sample().get('"group 1"'), shape);
    expect(projectMatch(result)).toEqual({
      name: 'group',
      attributes: { absent: undefined },
      children: [{ name: 'execute_tool', attributes: { id: 'c' } }],
    });
    expect(expectedOf(shape)).toEqual(shape);
    expect(expectedOf('group 0')).toEqual({ name: 'group 0' });
  });
});
