/**
 * Thrown when a selector string cannot be parsed. `position` is the 0-based offset of the problem;
 * the message shows the selector with a caret under it.
 *
 * @example
 * tree.find('execute_tool[tooltrace.step.id="a"') // SelectorSyntaxError: expected "]" ...
 */
export class SelectorSyntaxError extends Error {
  readonly code = 'SELECTOR_SYNTAX';
  readonly selector: string;
  readonly position: number;

  constructor(problem: string, selector: string, position: number) {
    super(`Invalid span selector: ${problem}\n  ${selector}\n  ${' '.repeat(position)}^`);
    this.name = 'SelectorSyntaxError';
    this.selector = selector;
    this.position = position;
  }
}
