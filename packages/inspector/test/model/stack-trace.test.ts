import { describe, expect, it } from 'vitest';
import { compiledNote, firstFrameLine, parseStackFrame, stackLineText } from '../../src/model/stack-trace.js';

describe('parseStackFrame', () => {
  it.each([
    ['    at greet (/app/dist/tool.js:12:34)', 'greet', '/app/dist/tool.js', 12, 34],
    ['    at async Object.run (file:///app/dist/tool.mjs:3:7)', 'async Object.run', 'file:///app/dist/tool.mjs', 3, 7],
    ['    at new Client (/app/dist/client.cjs:1:2)', 'new Client', '/app/dist/client.cjs', 1, 2],
    ['    at Foo.bar [as baz] (/app/my dir/x.js:5:6)', 'Foo.bar [as baz]', '/app/my dir/x.js', 5, 6],
    ['    at C:\\app\\dist\\x.js:9:1', null, 'C:\\app\\dist\\x.js', 9, 1],
    ['    at file:///app/dist/x.mjs:9:1\r', null, 'file:///app/dist/x.mjs', 9, 1],
  ])('reads %j', (line, functionName, file, lineNumber, column) => {
    expect(parseStackFrame(line)).toEqual({ functionName, position: { file, line: lineNumber, column } });
  });

  it.each(['Error: boom', '    at async Promise.all (index 0)', '    at greet (native)', '    at <anonymous>', ''])(
    'finds no frame in %j',
    (line) => {
      expect(parseStackFrame(line)).toBeNull();
    },
  );
});

describe('how a stack line reads', () => {
  const mapped = {
    text: '    at t (/app/dist/tool.js:3:11)',
    original: { functionName: 'greet', position: { file: '/app/src/tool.ts', line: 3, column: 11 } },
    compiled: { functionName: 't', position: { file: '/app/dist/tool.js', line: 3, column: 11 } },
  };

  it('a mapped frame reads as its original, with the compiled position as a note', () => {
    expect(stackLineText(mapped)).toBe('at greet (/app/src/tool.ts:3:11)');
    expect(compiledNote(mapped)).toBe('compiled: /app/dist/tool.js:3:11');
  });

  it('a line without a map reads as recorded', () => {
    expect(stackLineText({ text: '    at x (/a.js:1:1)' })).toBe('at x (/a.js:1:1)');
    expect(compiledNote({ text: '    at x (/a.js:1:1)' })).toBeNull();
  });

  it('the first frame is the first line that is one', () => {
    expect(firstFrameLine([{ text: 'Error: boom' }, { text: '    at x (/a.js:1:1)' }])).toEqual({ text: '    at x (/a.js:1:1)' });
    expect(firstFrameLine([{ text: 'Error: boom' }])).toBeNull();
  });
});
