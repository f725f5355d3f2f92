/** How a compound selector matches span names. */
export type NameCondition =
  /** `execute_tool` matches `execute_tool` and `execute_tool ci_lookup` (prefix up to a space). */
  | { readonly kind: 'prefix'; readonly value: string }
  /** `"execute_tool ci_lookup"`: the whole name. */
  | { readonly kind: 'exact'; readonly value: string }
  /** `*` or no name. */
  | { readonly kind: 'any' };

/** `[key]`, `[key=value]`, `[key!=value]`, `[key^=prefix]`, `[key$=suffix]`, `[key*=part]`, `[key~=regex]`. */
export type AttributeOperator = 'exists' | '=' | '!=' | '^=' | '$=' | '*=' | '~=';

/** One `[...]` filter. */
export interface AttributeCondition {
  readonly key: string;
  readonly operator: AttributeOperator;
  readonly value: string | number | boolean | RegExp | undefined;
  /** The filter as written, for messages. */
  readonly source: string;
}

/** `:first`, `:last`, `:nth(n)` (0-based), `:error`, `:root`, `:unended`. */
export type PseudoCondition =
  | { readonly kind: 'first' | 'last' | 'error' | 'root' | 'unended' }
  | { readonly kind: 'nth'; readonly index: number };

/** A name, attribute filters and pseudo-classes that one span must satisfy. */
export interface CompoundSelector {
  readonly name: NameCondition;
  readonly attributes: readonly AttributeCondition[];
  readonly pseudos: readonly PseudoCondition[];
  /** The compound as written. */
  readonly source: string;
}

/** How a compound relates to the one before it: ` ` (descendant) or `>` (child). */
export type Combinator = 'descendant' | 'child';

/** A parsed selector: compounds joined by combinators, left to right. */
export interface ParsedSelector {
  readonly source: string;
  readonly steps: readonly { readonly combinator: Combinator | null; readonly compound: CompoundSelector }[];
}
