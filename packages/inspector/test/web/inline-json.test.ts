import { describe, expect, it } from 'vitest';
import { inlineJson, inlineScript } from '../../src/web/inline-json.js';

describe('inlineJson', () => {
  it('leaves no character that could end or alter a script element, and parses back to the value', () => {
    const value = { name: '</script><script>alert(1)</script>', comment: '<!-- x -->', amp: 'a & b', separators: 'a\u2028b\u2029c' };
    const text = inlineJson(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('inlineScript', () => {
  it('escapes </script and <!-- and normalises line breaks', () => {
    const source = 'const a = "</SCRIPT>";\r\nconst b = "<!--";\rconst c = 1;';
    const text = inlineScript(source);
    expect(text).toBe('const a = "<\\/SCRIPT>";\nconst b = "<\\!--";\nconst c = 1;');
    expect(new Function(`${text}; return [a, b, c];`)()).toEqual(['</SCRIPT>', '<!--', 1]);
  });
});
