// Turns a cell's source into code that runs in the shared notebook scope: TypeScript annotations are
// stripped (sucrase, which keeps line numbers), and top-level declarations become assignments to names
// declared once in the worker's global scope, so a later cell sees an earlier cell's variables.
import { parse } from 'acorn';
import { transform } from 'sucrase';

/** The name under which the running code sees the shared scope object (the worker's global object). */
export const SCOPE = '__scope';

export interface Prepared {
  /** Names to declare (with `var`) in the global scope before running. */
  names: string[];
  /** The body of an async function; its line 1 is the cell's line 1. */
  body: string;
}

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

/** Identifiers bound by a declaration pattern (`a`, `{ a, b: c }`, `[d, ...e]`). */
function boundNames(pattern: Node, out: string[]): void {
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern.name as string);
      break;
    case 'ObjectPattern':
      for (const p of pattern.properties as Node[]) boundNames(p.type === 'RestElement' ? (p.argument as Node) : (p.value as Node), out);
      break;
    case 'ArrayPattern':
      for (const e of pattern.elements as (Node | null)[]) if (e) boundNames(e, out);
      break;
    case 'RestElement':
      boundNames(pattern.argument as Node, out);
      break;
    case 'AssignmentPattern':
      boundNames(pattern.left as Node, out);
      break;
  }
}

/** Strips types and rewrites top-level declarations; throws SyntaxError with a line number on bad code. */
export function prepare(source: string): Prepared {
  const js = transform(source, { transforms: ['typescript'], disableESTransforms: true }).code;
  const program = parse(js, { ecmaVersion: 'latest', sourceType: 'script', allowAwaitOutsideFunction: true, locations: true }) as unknown as { body: Node[] };
  const names: string[] = [];
  const edits: { start: number; end: number; text: string }[] = [];
  for (const stmt of program.body) {
    if (stmt.type === 'VariableDeclaration') {
      const decls = stmt.declarations as Node[];
      const parts: string[] = [];
      for (const d of decls) {
        const id = d.id as Node;
        boundNames(id, names);
        if (d.init) {
          const init = d.init as Node;
          const target = js.slice(id.start, id.end);
          parts.push(`${id.type === 'ObjectPattern' ? `(${target}` : target} = ${js.slice(init.start, init.end)}${id.type === 'ObjectPattern' ? ')' : ''}`);
        }
      }
      edits.push({ start: stmt.start, end: stmt.end, text: parts.length ? `${parts.join(', ')};` : ';' });
    } else if ((stmt.type === 'FunctionDeclaration' || stmt.type === 'ClassDeclaration') && stmt.id) {
      const name = (stmt.id as Node).name as string;
      names.push(name);
      if (stmt.type === 'FunctionDeclaration') {
        // The declaration stays where it is (hoisted inside the cell); the scope gets it before the body runs.
        edits.push({ start: 0, end: 0, text: `${SCOPE}.${name} = ${name}; ` });
      } else {
        edits.push({ start: stmt.start, end: stmt.end, text: `${name} = ${js.slice(stmt.start, stmt.end)};` });
      }
    }
  }
  let body = js;
  for (const e of edits.sort((a, b) => b.start - a.start || b.end - a.end)) body = body.slice(0, e.start) + e.text + body.slice(e.end);
  return { names: [...new Set(names)], body };
}
