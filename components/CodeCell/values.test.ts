// Values print boundedly, and tables and plots are capped in the worker before anything is sent.
import { describe as group, expect, it } from 'vitest';
import { tensor, zeros } from '../../engine/index.ts';
import { LIMITS } from './output.ts';
import { describe, heatmapItem, lineItem, scatterItem, tableItem } from './values.ts';

group('describe', () => {
  it('prints numbers, arrays, objects, cycles and long arrays readably', () => {
    expect(describe(0.1 + 0.2)).toBe('0.3');
    expect(describe([1, 'a', { b: 2 }])).toBe('[1, "a", { b: 2 }]');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(describe(cyclic)).toBe('{ a: 1, self: [circular] }');
    expect(describe(Array.from({ length: 1000 }, (_, i) => i))).toMatch(/, 99, … 900 more\]$/);
    expect(describe(new Float32Array(3))).toBe('[0, 0, 0]');
    expect(describe('<b>bold</b>')).toBe('<b>bold</b>');
  });
});

group('figures are capped', () => {
  it('a table keeps its first rows and says how many there were', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ i, sq: i * i }));
    const t = tableItem(rows);
    if (t.kind !== 'table') throw new Error('not a table');
    expect(t.rows).toHaveLength(LIMITS.tableRows + 1);
    expect(t.rows[0]).toEqual(['i', 'sq']);
    expect(t.totalRows).toBe(100_000);
    expect(t.header).toBe(true);
  });

  it('a 500 × 500 heat map is averaged into blocks no larger than the limit', () => {
    const h = heatmapItem(zeros([500, 500]).add(1));
    if (h.kind !== 'heatmap') throw new Error('not a heat map');
    expect(h.rows.length).toBeLessThanOrEqual(LIMITS.heatmapSide);
    expect(h.rows[0].length).toBeLessThanOrEqual(LIMITS.heatmapSide);
    expect(h.shape).toEqual([500, 500]);
    expect(h.block).toBe(7);
    expect(h.rows[0][0]).toBe(1);
  });

  it('a long series is thinned evenly, keeping its ends and the steps drawn', () => {
    const l = lineItem({ loss: Array.from({ length: 100_000 }, (_, i) => i) });
    if (l.kind !== 'line') throw new Error('not a line plot');
    expect(l.series.loss).toHaveLength(LIMITS.linePoints);
    expect(l.series.loss.at(-1)).toBe(99_999);
    expect(l.x?.at(-1)).toBe(99_999);
    expect(l.points).toBe(100_000);
  });

  it('a scatter of tensors keeps at most the limit of points', () => {
    const n = 20_000;
    const s = scatterItem(tensor(Array.from({ length: n }, (_, i) => i)), Array.from({ length: n }, () => 0));
    if (s.kind !== 'scatter') throw new Error('not a scatter plot');
    expect(s.x).toHaveLength(LIMITS.scatterPoints);
    expect(s.points).toBe(n);
  });

  it('a heat map of something that is not a matrix is a clear error', () => {
    expect(() => heatmapItem(tensor([1, 2, 3]))).toThrow(/2-D tensor/);
    expect(() => heatmapItem(5)).toThrow(/matrix/);
  });
});
