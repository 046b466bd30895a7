// Chapter 2's bank, what is particular to it: the linear bottleneck's answer is the rank the engine's
// random weights actually give, and the usual slips (the widest layer, the output width) are rejected.
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine/index.ts';
import { checkNumeric } from '../../lib/exercises/check.ts';
import type { Numeric } from '../../lib/exercises/types.ts';
import bank from './02-neurons.ts';

/** The rank of a matrix (rows of numbers), by Gaussian elimination with partial pivoting; pivots below
 * a float32-sized fraction of the largest entry count as zero. */
function rank(m: number[][]): number {
  const a = m.map((r) => [...r]);
  const tol = 1e-4 * Math.max(...a.flat().map(Math.abs));
  let r = 0;
  for (let c = 0; c < (a[0]?.length ?? 0) && r < a.length; c++) {
    let p = r;
    for (let i = r + 1; i < a.length; i++) if (Math.abs(a[i][c]) > Math.abs(a[p][c])) p = i;
    if (Math.abs(a[p][c]) < tol) continue;
    [a[r], a[p]] = [a[p], a[r]];
    for (let i = r + 1; i < a.length; i++) {
      const f = a[i][c] / a[r][c];
      for (let j = c; j < a[i].length; j++) a[i][j] -= f * a[r][j];
    }
    r++;
  }
  return r;
}

describe('02-neurons bank', () => {
  it('linear-bottleneck: the answer is the rank of the product of random weight matrices', () => {
    const spec = bank.exercises.find((e) => e.id === 'linear-bottleneck') as Numeric<{ widths: number[] }>;
    for (let seed = 1; seed <= 40; seed++) {
      const p = spec.params!(engine.rng(seed));
      const r = engine.rng(seed + 1000);
      const [n0, n1, n2, n3] = p.widths;
      const W = engine.randn([n3, n2], r).matmul(engine.randn([n2, n1], r)).matmul(engine.randn([n1, n0], r));
      const rows = Array.from({ length: n3 }, (_, i) => Array.from(W.data.slice(i * n0, (i + 1) * n0)));
      expect(rank(rows), JSON.stringify(p.widths)).toBe(spec.answer(p));
      expect(checkNumeric(String(spec.answer(p)), spec.answer(p), spec.tolerance).status).toBe('correct');
      // The widest layer, or the rank a single n3 x n0 layer could reach, when they differ from the answer.
      for (const wrong of [Math.max(...p.widths), Math.min(n0, n3), spec.answer(p) + 1].filter((w) => w !== spec.answer(p))) {
        expect(checkNumeric(String(wrong), spec.answer(p), spec.tolerance).status).toBe('wrong');
      }
    }
  });
});
