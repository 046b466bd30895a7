import { describe, expect, it } from 'vitest';
import rehypeMathNowrap from './rehype-math-nowrap.ts';

// The shape rehype-katex produces: span.katex holding the MathML (with the TeX source) and the HTML.
const katex = (tex: string) => ({
  type: 'element',
  tagName: 'span',
  properties: { className: ['katex'] },
  children: [
    { type: 'element', tagName: 'annotation', properties: {}, children: [{ type: 'text', value: tex }] },
    { type: 'element', tagName: 'span', properties: { className: ['katex-html'] }, children: [] },
  ],
});
const text = (value: string) => ({ type: 'text', value });
const para = (...children: any[]) => ({ type: 'root', children: [{ type: 'element', tagName: 'p', properties: {}, children }] });
const run = (tree: ReturnType<typeof para>) => {
  rehypeMathNowrap()(tree);
  return (tree.children[0] as { children: any[] }).children;
};

describe('rehype-math-nowrap', () => {
  it('wraps inline math with the punctuation right after it', () => {
    const kids = run(para(text('where '), katex('z'), text(', the same')));
    expect(kids).toHaveLength(3);
    expect(kids[1]).toMatchObject({ tagName: 'span', properties: { className: ['math-nowrap'] } });
    expect(kids[1].children[1]).toEqual(text(','));
    expect(kids[2]).toEqual(text(' the same'));
  });

  it('takes a run of closing punctuation, and drops a text node it empties', () => {
    const kids = run(para(text('('), katex('B = 1'), text(').')));
    expect(kids).toHaveLength(2);
    expect(kids[1].children[1]).toEqual(text(').'));
  });

  it('leaves math alone when a space or a word follows, and long formulas free to break', () => {
    expect(run(para(katex('z'), text(' is')))[0].properties.className).toEqual(['katex']);
    expect(run(para(katex('x'.repeat(81)), text(', then')))[0].properties.className).toEqual(['katex']);
  });

  it('leaves display math alone', () => {
    const tree = para({ type: 'element', tagName: 'span', properties: { className: ['katex-display'] }, children: [katex('z'), text('.')] });
    const display = run(tree)[0];
    expect(display.children[0].properties.className).toEqual(['katex']);
  });
});
