// Topological order of a Value graph: each node after every node that uses it (for backward), or inputs
// first (for drawing). Iterative depth-first walks, so a 100,000-deep graph cannot overflow the call stack.
// NOTE: backward's walk allocates nothing: no Set, no array. Its stack and its output are chains through
// the nodes' `next` field, which is null outside a walk; a node is on the stack, then in the output, so a
// node whose `next` is set has already been reached. (Storing the nodes into a long-lived array instead
// would cost a write-barrier call per node.)

import type { Value } from './value.ts';

/**
 * Every inner node (made by an op) that `root` depends on, each once, as a chain through `next` that
 * starts at `root`, lists each node before its inputs, and ends at `end`; their gradients are set to 0.
 * Leaves are left out: backward has nothing to pass on from them. For a leaf root, just `end`. The caller
 * sets each `next` back to null as it goes down the chain.
 */
export function sortInner(root: Value, end: Value): Value {
  if (root.a === null) return end;
  root.next = end;
  let top = root; // the stack, linked through `next`, ending at `end`
  let out = end; // the output so far, linked through `next`: last finished first
  while (top !== end) {
    // Descend into the first input not reached yet; when there is none, v's inputs are all finished.
    const v = top;
    const a = v.a!;
    if (a.a !== null && a.next === null) {
      a.next = v;
      top = a;
      continue;
    }
    const b = v.b;
    if (b !== null && b.a !== null && b.next === null) {
      if (!done(b.a) || (b.b !== null && !done(b.b))) {
        b.next = v;
        top = b;
        continue;
      }
      // b's own inputs are done (as for w·x in s + w·x): finish it here, without a visit of its own.
      b.next = out;
      out = b;
      b.grad = 0;
    }
    top = v.next!;
    v.next = out;
    out = v;
    v.grad = 0;
  }
  return out;
}

/** A leaf, or a node this walk has reached, which is finished: one still on the stack would be its own input. */
function done(x: Value): boolean {
  return x.a === null || x.next !== null;
}

/** Every node `root` depends on, leaves included, inputs before outputs, each once: for drawing. */
export function sortAll(root: Value): Value[] {
  const nodes: Value[] = [];
  const seen = new Set<Value>([root]);
  const path: { node: Value; next: number }[] = [{ node: root, next: 0 }];
  while (path.length > 0) {
    const top = path[path.length - 1];
    const inputs = top.node.children;
    if (top.next < inputs.length) {
      const c = inputs[top.next++];
      if (!seen.has(c)) {
        seen.add(c);
        path.push({ node: c, next: 0 });
      }
    } else {
      path.pop();
      nodes.push(top.node);
    }
  }
  return nodes;
}
