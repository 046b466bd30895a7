import { describe, expect, it } from 'vitest';
import { wrapParts } from './rehype-sections.ts';

const el = (tagName: string, text = '') => ({ type: 'element', tagName, properties: {}, children: text ? [{ type: 'text', value: text }] : [] });
const esm = { type: 'mdxjsEsm', value: 'import X from "x"' };

describe('rehype-sections', () => {
  it('puts each run from one level-2 heading to the next in its own section, and leaves the opening alone', () => {
    const tree = { type: 'root', children: [esm, el('p', 'opening'), el('h2', 'A'), el('p', 'a'), el('h3', 'A.1'), el('h2', 'B'), el('p', 'b')] };
    wrapParts(tree);
    expect(tree.children.map((n: any) => n.tagName ?? n.type)).toEqual(['mdxjsEsm', 'p', 'section', 'section']);
    const [a, b] = tree.children.slice(2) as any[];
    expect(a.properties.className).toEqual(['part']);
    expect(a.children.map((n: any) => n.tagName)).toEqual(['h2', 'p', 'h3']);
    expect(b.children.map((n: any) => n.children[0].value)).toEqual(['B', 'b']);
  });

  it('keeps a module statement after a heading at the top level, and changes nothing without headings', () => {
    const tree = { type: 'root', children: [el('h2', 'A'), esm, el('p', 'a')] };
    wrapParts(tree);
    expect(tree.children.map((n: any) => n.tagName ?? n.type)).toEqual(['section', 'mdxjsEsm']);
    const flat = { type: 'root', children: [el('p', 'x'), el('h3', 'y')] };
    wrapParts(flat);
    expect(flat.children.map((n: any) => n.tagName)).toEqual(['p', 'h3']);
  });
});
