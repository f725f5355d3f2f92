import { SelectorSyntaxError } from './errors.js';
import type {
  AttributeCondition,
  AttributeOperator,
  Combinator,
  CompoundSelector,
  NameCondition,
  ParsedSelector,
  PseudoCondition,
} from './selector-types.js';

const NAME_CHAR = /[\w.\-/@]/;
const KEY_CHAR = /[\w.\-/@]/;
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const OPERATORS: readonly AttributeOperator[] = ['!=', '^=', '$=', '*=', '~=', '='];
const cache = new Map<string, ParsedSelector>();

/**
 * Parses a span selector.
 *
 * Grammar: compounds joined by ` ` (descendant) or `>` (child). A compound is an optional name
 * (`execute_tool` prefix, `"execute_tool ci_lookup"` exact, `*` any), then `[attribute filters]`,
 * then `:pseudo` classes.
 *
 * @example
 * parseSelector('orchestrate > group execute_tool[tooltrace.step.id="metrics"]:first')
 */
export function parseSelector(source: string): ParsedSelector {
  const cached = cache.get(source);
  if (cached) return cached;
  const parsed = new Parser(source).parse();
  if (cache.size > 500) cache.clear();
  cache.set(source, parsed);
  return parsed;
}

class Parser {
  private position = 0;

  constructor(private readonly source: string) {}

  parse(): ParsedSelector {
    const steps: { combinator: Combinator | null; compound: CompoundSelector }[] = [];
    this.skipSpaces();
    if (this.atEnd()) this.fail('the selector is empty');
    let combinator: Combinator | null = null;
    for (;;) {
      steps.push({ combinator, compound: this.compound() });
      const hadSpace = this.skipSpaces();
      if (this.atEnd()) break;
      if (this.peek() === '>') {
        this.position++;
        this.skipSpaces();
        if (this.atEnd()) this.fail('expected a span after ">"');
        combinator = 'child';
      } else if (hadSpace) {
        combinator = 'descendant';
      } else {
        this.fail(`unexpected ${JSON.stringify(this.peek())}`);
      }
    }
    return { source: this.source, steps };
  }

  private compound(): CompoundSelector {
    const start = this.position;
    const name = this.name();
    const attributes: AttributeCondition[] = [];
    const pseudos: PseudoCondition[] = [];
    while (this.peek() === '[') attributes.push(this.attribute());
    while (this.peek() === ':') pseudos.push(this.pseudo());
    if (this.peek() === '[') this.fail('attribute filters must come before pseudo-classes');
    if (this.position === start) this.fail(`expected a span name, "[" or ":" but found ${JSON.stringify(this.peek())}`);
    return { name, attributes, pseudos, source: this.source.slice(start, this.position) };
  }

  private name(): NameCondition {
    const char = this.peek();
    if (char === '"' || char === "'") return { kind: 'exact', value: this.quoted() };
    if (char === '*') {
      this.position++;
      return { kind: 'any' };
    }
    const word = this.word(NAME_CHAR);
    return word ? { kind: 'prefix', value: word } : { kind: 'any' };
  }

  private attribute(): AttributeCondition {
    const start = this.position;
    this.position++;
    this.skipSpaces();
    const key = this.peek() === '"' || this.peek() === "'" ? this.quoted() : this.word(KEY_CHAR);
    if (!key) this.fail('expected an attribute key after "["');
    this.skipSpaces();
    if (this.peek() === ']') {
      this.position++;
      return { key, operator: 'exists', value: undefined, source: this.source.slice(start, this.position) };
    }
    const operator = OPERATORS.find((candidate) => this.source.startsWith(candidate, this.position));
    if (!operator) this.fail(`expected "]" or an operator (=, !=, ^=, $=, *=, ~=) after "${key}"`);
    this.position += operator.length;
    this.skipSpaces();
    const value = this.value(operator);
    this.skipSpaces();
    if (this.peek() !== ']') this.fail('expected "]" to close the attribute filter');
    this.position++;
    return { key, operator, value, source: this.source.slice(start, this.position) };
  }

  private value(operator: AttributeOperator): string | number | boolean | RegExp {
    const char = this.peek();
    if (char === '"' || char === "'") {
      const text = this.quoted();
      return operator === '~=' ? this.regex(text, '', this.position) : text;
    }
    if (char === '/' && operator === '~=') return this.regexLiteral();
    const start = this.position;
    while (!this.atEnd() && this.peek() !== ']') this.position++;
    const raw = this.source.slice(start, this.position).trim();
    if (!raw) this.fail('expected a value');
    if (operator === '~=') return this.regex(raw, '', start);
    if (operator !== '=' && operator !== '!=') return raw;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    return NUMBER.test(raw) ? Number(raw) : raw;
  }

  private regexLiteral(): RegExp {
    const start = this.position;
    this.position++;
    let body = '';
    while (!this.atEnd() && this.peek() !== '/') {
      if (this.peek() === '\\') body += this.source[this.position++] ?? '';
      body += this.source[this.position++] ?? '';
    }
    if (this.atEnd()) this.fail('unterminated regular expression', start);
    this.position++;
    return this.regex(body, this.word(/[a-z]/), start);
  }

  private regex(body: string, flags: string, at: number): RegExp {
    try {
      return new RegExp(body, flags);
    } catch (error) {
      return this.fail(`invalid regular expression: ${(error as Error).message}`, at);
    }
  }

  private pseudo(): PseudoCondition {
    const start = this.position;
    this.position++;
    const name = this.word(/[a-z_-]/i);
    switch (name) {
      case 'first':
      case 'last':
      case 'error':
      case 'root':
      case 'unended':
        return { kind: name };
      case 'nth': {
        if (this.peek() !== '(') this.fail('expected "(" after ":nth"');
        this.position++;
        const digits = this.word(/\d/);
        if (!digits || this.peek() !== ')') this.fail('expected a 0-based index such as ":nth(0)"');
        this.position++;
        return { kind: 'nth', index: Number(digits) };
      }
      default:
        return this.fail(`unknown pseudo-class ":${name}" (use :first, :last, :nth(n), :error, :root or :unended)`, start);
    }
  }

  private quoted(): string {
    const start = this.position;
    const quote = this.source[this.position++];
    let text = '';
    while (!this.atEnd() && this.peek() !== quote) {
      if (this.peek() === '\\') this.position++;
      text += this.source[this.position++] ?? '';
    }
    if (this.atEnd()) this.fail(`unterminated string (missing ${quote})`, start);
    this.position++;
    return text;
  }

  private word(chars: RegExp): string {
    const start = this.position;
    while (!this.atEnd() && chars.test(this.peek())) this.position++;
    return this.source.slice(start, this.position);
  }

  private skipSpaces(): boolean {
    const start = this.position;
    while (!this.atEnd() && /\s/.test(this.peek())) this.position++;
    return this.position > start;
  }

  private peek(): string {
    return this.source[this.position] ?? '';
  }

  private atEnd(): boolean {
    return this.position >= this.source.length;
  }

  private fail(problem: string, at = this.position): never {
    throw new SelectorSyntaxError(problem, this.source, at);
  }
}
