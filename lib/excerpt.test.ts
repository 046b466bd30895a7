// Excerpts: a block from its first line to its closing brace with the comments above it, a range between two
// markers, and an error that names the file and the marker when either is missing.
import { describe, expect, it } from 'vitest';
import { excerpt } from './excerpt.ts';

const source = ['// header', '', '/** Adds one. */', 'export function inc(x: number) {', '  return x + 1;', '}', '', 'const a = 1;', 'const b = 2;'].join('\n');

describe('excerpt', () => {
  it('takes a block to its closing brace, with the doc comment above', () => {
    expect(excerpt(source, 'f.ts', 'export function inc')).toEqual({ text: '/** Adds one. */\nexport function inc(x: number) {\n  return x + 1;\n}', firstLine: 3, lastLine: 6 });
  });

  it('takes the lines between two markers', () => {
    expect(excerpt(source, 'f.ts', 'const a', 'const b').text).toBe('const a = 1;\nconst b = 2;');
  });

  it('names the file and the marker when the code has gone', () => {
    expect(() => excerpt(source, 'f.ts', 'function dec')).toThrow('no line of f.ts contains "function dec"');
    expect(() => excerpt(source, 'f.ts', 'const a', 'const c')).toThrow(/from "const a" on contains "const c"/);
  });
});
