// A rehype plugin, run after rehype-katex: keeps the punctuation that follows inline math on the same line
// as the formula. Chromium may break a line between a formula (a row of inline-blocks) and a comma after it,
// which leaves ", the same ..." at the start of a line on narrow screens; a no-wrap span around the formula
// and its punctuation prevents that. Formulas with long sources stay unwrapped, so that they can still break
// inside at a relation or an operator instead of overflowing a phone's width.

/** Punctuation that must not start a line after a formula. */
export const TRAILING_PUNCTUATION = /^[,.;:!?)\]’”]+/;

/** Formulas whose TeX source is longer than this are left free to break. */
export const MAX_NOWRAP_TEX = 80;

const hasClass = (node, name) => node.type === 'element' && [node.properties?.className ?? []].flat().includes(name);

function texOf(node) {
  // rehype-katex keeps the source in the MathML annotation.
  let found = null;
  const walk = (n) => {
    if (found !== null) return;
    if (n.type === 'element' && n.tagName === 'annotation') found = (n.children ?? []).map((c) => c.value ?? '').join('');
    else for (const c of n.children ?? []) walk(c);
  };
  walk(node);
  return found;
}

function visit(parent) {
  const kids = parent.children;
  if (!kids) return;
  for (let i = 0; i < kids.length; i++) {
    const node = kids[i];
    const next = kids[i + 1];
    const isInlineMath = hasClass(node, 'katex') && !hasClass(parent, 'katex-display');
    if (isInlineMath && next?.type === 'text') {
      const punct = TRAILING_PUNCTUATION.exec(next.value);
      const tex = texOf(node);
      if (punct && tex !== null && tex.length <= MAX_NOWRAP_TEX) {
        next.value = next.value.slice(punct[0].length);
        kids[i] = {
          type: 'element',
          tagName: 'span',
          properties: { className: ['math-nowrap'] },
          children: [node, { type: 'text', value: punct[0] }],
        };
        if (next.value === '') kids.splice(i + 1, 1);
        continue;
      }
    }
    if (!isInlineMath) visit(node);
  }
}

export default function rehypeMathNowrap() {
  return (tree) => visit(tree);
}
