// A rehype plugin, run after rehype-katex: keeps the punctuation that follows inline math on the same line
// as the formula, by the rule in lib/mathNowrap.ts.
import { NOWRAP_CLASS, trailingPunctuation } from '../lib/mathNowrap.ts';

/** The part of a hast node this plugin reads. */
interface Node {
  type: string;
  tagName?: string;
  value?: string;
  properties?: { className?: unknown };
  children?: Node[];
}

const hasClass = (node: Node, name: string) => node.type === 'element' && [node.properties?.className ?? []].flat().includes(name);

/** The TeX source of a rendered formula: rehype-katex keeps it in the MathML annotation. */
function texOf(node: Node): string | null {
  if (node.type === 'element' && node.tagName === 'annotation') return (node.children ?? []).map((c) => c.value ?? '').join('');
  for (const c of node.children ?? []) {
    const tex = texOf(c);
    if (tex !== null) return tex;
  }
  return null;
}

function visit(parent: Node): void {
  const kids = parent.children;
  if (!kids) return;
  for (let i = 0; i < kids.length; i++) {
    const node = kids[i];
    const next = kids[i + 1];
    const isInlineMath = hasClass(node, 'katex') && !hasClass(parent, 'katex-display');
    if (!isInlineMath) {
      visit(node);
      continue;
    }
    const tex = texOf(node);
    const punct = next?.type === 'text' && tex !== null ? trailingPunctuation(tex, next.value ?? '') : null;
    if (!punct) continue;
    next.value = next.value!.slice(punct.length);
    kids[i] = { type: 'element', tagName: 'span', properties: { className: [NOWRAP_CLASS] }, children: [node, { type: 'text', value: punct }] };
    if (next.value === '') kids.splice(i + 1, 1);
  }
}

export default function rehypeMathNowrap() {
  return (tree: Node) => visit(tree);
}
