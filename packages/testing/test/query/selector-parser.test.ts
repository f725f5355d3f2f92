import { parseSelector, SelectorSyntaxError } from '@tooltrace/testing';
import { describe, expect, test } from 'vitest';

describe('parsing', () => {
  test('a name with attribute filters and pseudo-classes', () => {
    expect(parseSelector('execute_tool[tooltrace.step.id="metrics"][tooltrace.group_index=1]:first')).toEqual({
      source: 'execute_tool[tooltrace.step.id="metrics"][tooltrace.group_index=1]:first',
      steps: [
        {
          combinator: null,
          compound: {
            name: { kind: 'prefix', value: 'execute_tool' },
            attributes: [
              { key: 'tooltrace.step.id', operator: '=', value: 'metrics', source: '[tooltrace.step.id="metrics"]' },
              { key: 'tooltrace.group_index', operator: '=', value: 1, source: '[tooltrace.group_index=1]' },
            ],
            pseudos: [{ kind: 'first' }],
            source: 'execute_tool[tooltrace.step.id="metrics"][tooltrace.group_index=1]:first',
          },
        },
      ],
    });
  });

  test('combinators: ">" for a child, spaces for a descendant', () => {
    const { steps } = parseSelector('pipeline  stage>orchestrate > group execute_tool');
    expect(steps.map((step) => [step.combinator, step.compound.source])).toEqual([
      [null, 'pipeline'],
      ['descendant', 'stage'],
      ['child', 'orchestrate'],
      ['child', 'group'],
      ['descendant', 'execute_tool'],
    ]);
  });

  test('quoted names are exact; * and a missing name match any span', () => {
    expect(parseSelector('"execute_tool ci_lookup"').steps[0]?.compound.name).toEqual({ kind: 'exact', value: 'execute_tool ci_lookup' });
    expect(parseSelector("'it\\'s'").steps[0]?.compound.name).toEqual({ kind: 'exact', value: "it's" });
    expect(parseSelector('*[k]').steps[0]?.compound.name).toEqual({ kind: 'any' });
    expect(parseSelector('[k]').steps[0]?.compound.name).toEqual({ kind: 'any' });
  });

  test('values: quoted strings (with escapes), numbers, booleans, bare words, regular expressions', () => {
    const values = parseSelector(
      '[a="x \\"y\\""][b=-1.5e3][c=true][d=error][e~=/^ci-\\d+$/i][f~="^w"][g^=12]',
    ).steps[0]?.compound.attributes.map((condition) => condition.value);
    expect(values).toEqual(['x "y"', -1500, true, 'error', /^ci-\d+$/i, /^w/, '12']);
  });

  test('operators and presence', () => {
    const operators = parseSelector('[a][b=1][c!=1][d^=x][e$=x][f*=x][g~=x]').steps[0]?.compound.attributes.map(
      (condition) => condition.operator,
    );
    expect(operators).toEqual(['exists', '=', '!=', '^=', '$=', '*=', '~=']);
  });

  test('pseudo-classes', () => {
    const pseudos = parseSelector('*:first:last:nth(12):error:root:unended').steps[0]?.compound.pseudos;
    expect(pseudos).toEqual([
      { kind: 'first' },
      { kind: 'last' },
      { kind: 'nth', index: 12 },
      { kind: 'error' },
      { kind: 'root' },
      { kind: 'unended' },
    ]);
  });
});

describe('syntax errors', () => {
  const cases: [string, string][] = [
    ['', 'the selector is empty'],
    ['execute_tool[tooltrace.step.id="a"', 'expected "]" to close the attribute filter'],
    ['execute_tool[tooltrace.step.id="a]', 'unterminated string (missing ")'],
    ['group >', 'expected a span after ">"'],
    ['group:second', 'unknown pseudo-class ":second" (use :first, :last, :nth(n), :error, :root or :unended)'],
    ['group:nth(first)', 'expected a 0-based index such as ":nth(0)"'],
    ['group:first[a]', 'attribute filters must come before pseudo-classes'],
    ['[=1]', 'expected an attribute key after "["'],
    ['[a<1]', 'expected "]" or an operator (=, !=, ^=, $=, *=, ~=) after "a"'],
    ['[a~=/(/]', 'invalid regular expression'],
    ['a,b', 'unexpected ","'],
  ];
  test.each(cases)('%j: %s', (selector, problem) => {
    expect(() => parseSelector(selector)).toThrowError(SelectorSyntaxError);
    expect(() => parseSelector(selector)).toThrowError(problem);
  });

  test('the message points at the problem', () => {
    let error: SelectorSyntaxError | undefined;
    try {
      parseSelector('group > execute_tool[id="a"');
    } catch (thrown) {
      error = thrown as SelectorSyntaxError;
    }
    expect(error?.code).toBe('SELECTOR_SYNTAX');
    expect(error?.position).toBe(27);
    expect(error?.message).toBe(
      'Invalid span selector: expected "]" to close the attribute filter\n  group > execute_tool[id="a"\n                             ^',
    );
  });
});
