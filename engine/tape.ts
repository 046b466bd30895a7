// The tape: the inner nodes of scalar graphs (Values made by an op) in the order they were made. Each is
// made after its inputs, so read backwards the tape is an order in which backward() can visit a graph
// without sorting it first. Cleared by each backward() that used it, and when it is full.
// NOTE: the limit is small on purpose: the tape keeps its nodes alive, and graphs that are only evaluated
// (never back-propagated) would otherwise pile up on it. A larger graph simply sorts, as it always did.
const LIMIT = 2048;
const nodes: unknown[] = [];
let length = 0;

/** Empties a full tape, before a new node checks whether its inputs are on it. */
export function makeRoom(): void {
  if (length === LIMIT) clearTape();
}

/** Appends a node (after makeRoom); returns its position, which `onTape` checks later. */
export function record(node: unknown): number {
  nodes[length] = node;
  return length++;
}

/** True if `node` is still on the tape at position `at` (not since cleared). */
export const onTape = (node: unknown, at: number): boolean => at >= 0 && nodes[at] === node;

/** The node at position `at`. */
export const tapeAt = (at: number): unknown => nodes[at];

/** Empties the tape: every node on it is now "off the tape". */
export function clearTape(): void {
  nodes.fill(null, 0, length);
  length = 0;
}
