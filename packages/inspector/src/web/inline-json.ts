/**
 * JSON that is safe inside an HTML `<script type="application/json">` element: `<`, `>` and `&` are
 * written as `\u003c`, `\u003e`, `\u0026` (so no `</script>` or `<!--` can end or alter the element)
 * and U+2028/U+2029 as escapes. `JSON.parse` of the element's text returns the original value.
 */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => {
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/**
 * Script source that is safe inside an inline `<script>` element: `</script` and `<!--` can only
 * occur in its strings, regular expressions or comments, where `<\/` and `<\!--` mean the same.
 * Line breaks are normalised to `\n` as the HTML parser would, so a CSP hash of the result matches.
 */
export function inlineScript(source: string): string {
  return source
    .replace(/\r\n?/g, '\n')
    .replace(/<\/(script)/gi, '<\\/$1')
    .replace(/<!--/g, '<\\!--');
}
