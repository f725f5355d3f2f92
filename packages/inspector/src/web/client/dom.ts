// Browser only. Builds DOM without ever parsing markup: text goes through text nodes and attribute
// values through setAttribute, so span names and attribute values can never become HTML.

/** A child of {@link el}: nodes are appended, strings and numbers become text, null/false are skipped. */
export type DomChild = Node | string | number | null | undefined | false;

/** Options of {@link el}. */
export interface ElementOptions {
  className?: string;
  /** Attributes set with setAttribute (values are never parsed). */
  attrs?: Record<string, string>;
  /** Inline style properties, e.g. `{ left: '12%' }`. */
  style?: Record<string, string>;
  title?: string;
  onClick?: (event: Event) => void;
}

/**
 * A card of the page: a `section.card` (named by `data-section` when `section` is given) whose heading
 * row holds `title` and then `head`, above `body`.
 */
export function card(section: string | null, title: string, head: readonly DomChild[], ...body: DomChild[]): HTMLElement {
  return el(
    'section',
    { className: 'card', ...(section === null ? {} : { attrs: { 'data-section': section } }) },
    el('div', { className: 'card-head' }, el('h2', { className: 'card-title' }, title), ...head),
    ...body,
  );
}

/** Creates an HTML element with text and element children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions | null,
  ...children: DomChild[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options !== null) {
    if (options.className !== undefined) element.className = options.className;
    for (const [name, value] of Object.entries(options.attrs ?? {})) element.setAttribute(name, value);
    for (const [name, value] of Object.entries(options.style ?? {})) element.style.setProperty(name, value);
    if (options.title !== undefined) element.title = options.title;
    const onClick = options.onClick;
    if (onClick !== undefined) {
      element.addEventListener('click', (event) => onClick(event));
      if (tag !== 'button' && tag !== 'a') makeKeyboardClickable(element);
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'number' ? String(child) : child);
  }
  return element;
}

/** Lets keyboard users reach and activate a clickable non-button element (Enter or Space). */
export function makeKeyboardClickable(element: HTMLElement | SVGElement): void {
  element.setAttribute('tabindex', '0');
  element.setAttribute('role', 'button');
  element.addEventListener('keydown', (event) => {
    if (!(event instanceof KeyboardEvent) || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    element.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });
}

/** Creates an SVG element; `text` becomes its text content. */
export function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  ...children: (SVGElement | string | null)[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  for (const child of children) if (child !== null) element.append(child);
  return element;
}

/** Replaces an element's children. */
export function replaceChildren(parent: Element, ...children: DomChild[]): void {
  parent.replaceChildren();
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}
