// Topological order of a Value graph: each node after every node that uses it (for backward), or inputs
// first (for drawing). Iterative depth-first walks, so a 100,000-deep graph cannot overflow the call stack.
// NOTE: backward's walk allocates nothing: no Set, no array. A node reached by the current walk carries the
// walk's number in its `mark`, and the walk's stack and its output are chains through the nodes' `next`
// field (a node is on the stack, then in the output, never both). Storing nodes into long-lived arrays
// would cost a write-barrier call per node.

import type { Value } from './value.ts';

/** The current walk's number. A node whose mark differs has not been reached by this walk. */
let walk = 0;

function nextWalk(): number {
  // NOTE: kept below 2³⁰ so that marks stay small integers (a field holding larger numbers would make V8
  // box every mark). After wrapping, a node untouched for exactly 2³⁰ walks would look reached: at a
  // million walks a second, once in 18 minutes, and only if that very node is walked at that moment.
  walk = walk === 0x3fffffff ? 1 : walk + 1;
  return walk;
}

/**
 * Every inner node (made by an op) that `root` depends on, each once, as a chain through `next` that
 * starts at `root` and lists each node before its inputs; their gradients are set to 0. Leaves are left
 * out: backward has nothing to pass on from them. Null for a leaf. The caller clears `next` as it goes.
 */
export function sortInner(root: Value): Value | null {
  if (root.a === null) return null;
  const w = nextWalk();
  root.mark = w;
  root.next = null;
  let top: Value | null = root; // the stack, linked through `next`
  let out: Value | null = null; // the output so far, linked through `next`, last finished first
  while (top !== null) {
    // Descend into the first input not reached yet; when there is none, v's inputs are all finished.
    const v: Value = top;
    const a = v.a!;
    if (a.mark !== w && a.a !== null) {
      a.mark = w;
      a.next = v;
      top = a;
      continue;
    }
    const b = v.b;
    if (b !== null && b.mark !== w && b.a !== null) {
      b.mark = w;
      b.next = v;
      top = b;
      continue;
    }
    top = v.next;
    v.next = out;
    out = v;
    v.grad = 0;
  }
  return out;
}

/** Every node `root` depends on, leaves included, inputs before outputs, each once: for drawing. */
export function sortAll(root: Value): Value[] {
  const w = nextWalk();
  const nodes: Value[] = [];
  const path: { node: Value; next: number }[] = [{ node: root, next: 0 }];
  root.mark = w;
  while (path.length > 0) {
    const top = path[path.length - 1];
    const inputs = top.node.children;
    if (top.next < inputs.length) {
      const c = inputs[top.next++];
      if (c.mark !== w) {
        c.mark = w;
        path.push({ node: c, next: 0 });
      }
    } else {
      path.pop();
      nodes.push(top.node);
    }
  }
  return nodes;
}
