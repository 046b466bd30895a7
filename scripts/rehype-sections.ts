// A rehype plugin: each part of a chapter that starts at a level-2 heading goes into its own
// <section class="part">, so the browser can skip styling, laying out and painting the parts that are
// off screen until the reader nears them (content-visibility in global.css). What comes before the first
// heading, the opening the reader sees first, stays as it is; module statements stay at the top level.

/** The part of a hast (or MDX hast) node this plugin reads. */
interface Node {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: Node[];
}

export const PART_CLASS = 'part';

const isH2 = (node: Node) => node.type === 'element' && node.tagName === 'h2';

/** Wraps each run of the root's children from one h2 to the next in a section. */
export function wrapParts(tree: Node): void {
  const kids = tree.children ?? [];
  const out: Node[] = [];
  let part: Node | null = null;
  for (const node of kids) {
    if (isH2(node)) {
      part = { type: 'element', tagName: 'section', properties: { className: [PART_CLASS] }, children: [] };
      out.push(part);
    }
    if (part && node.type !== 'mdxjsEsm') part.children!.push(node);
    else out.push(node);
  }
  tree.children = out;
}

export default function rehypeSections() {
  return (tree: Node) => wrapParts(tree);
}
