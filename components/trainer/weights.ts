// A model's weights as one flat array (what a report carries out of the worker, and a file stores), and
// back; and the history a report keeps, cut back to what was measured before a rewind.
import type { nn } from '../../engine/index.ts';

/** Every parameter of `net`, in `parameters()` order, in one fresh array. */
export function flatWeights(net: nn.Module): Float32Array {
  const ps = net.parameters();
  const out = new Float32Array(ps.reduce((s, p) => s + p.size, 0));
  let at = 0;
  for (const p of ps) {
    out.set(p.data, at);
    at += p.size;
  }
  return out;
}

/** Puts weights from `flatWeights` back into a net of the same shape; false if they do not fit. */
export function loadWeights(net: nn.Module, w: Float32Array): boolean {
  const ps = net.parameters();
  if (ps.reduce((s, p) => s + p.size, 0) !== w.length) return false;
  let at = 0;
  for (const p of ps) {
    p.data.set(w.subarray(at, at + p.size));
    at += p.size;
  }
  return true;
}

/**
 * Keeps only the entries of a history measured before `seen` (after a rewind, later ones are measured
 * again): `at` holds when each entry was measured, and every other array in `series` runs beside it.
 */
export function truncateHistory(series: { at: number[] } & Record<string, number[]>, seen: number): void {
  let keep = series.at.length;
  while (keep > 0 && series.at[keep - 1] >= seen) keep--;
  for (const values of Object.values(series)) values.length = keep;
}
