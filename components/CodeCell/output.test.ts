// A run's output is kept at its start and its end, the middle is counted as cut, the download keeps the
// whole text up to its limit, and the summary says what happened, once.
import { describe, expect, it } from 'vitest';
import { LIMITS, OutputLog, clipLine, textOf, type OutputItem } from './output.ts';

const lines = (n: number, from = 0): OutputItem[] => Array.from({ length: n }, (_, i) => ({ kind: 'text', text: `line ${from + i}` }));
const shownText = (log: OutputLog) =>
  log
    .shown()
    .map((s) => (s.kind === 'text' ? s.text : `<${s.kind}>`))
    .join('\n');

describe('OutputLog', () => {
  it('shows short output whole, with text lines merged into one block', () => {
    const log = new OutputLog();
    log.push(lines(3));
    expect(log.shown()).toEqual([{ kind: 'text', text: 'line 0\nline 1\nline 2' }]);
    expect(log.wasCut).toBe(false);
    expect(log.summary()).toBe('3 lines of output.');
  });

  it('keeps the first and the last lines of 100,000 and says how many were cut', () => {
    const log = new OutputLog();
    for (let b = 0; b < 100; b++) log.push(lines(1000, b * 1000));
    const shown = log.shown();
    expect(shown.map((s) => s.kind)).toEqual(['text', 'cut', 'text']);
    const cut = shown[1] as { kind: 'cut'; lines: number };
    expect(cut.lines).toBe(100_000 - LIMITS.headLines - LIMITS.tailLines);
    const text = shownText(log);
    expect(text).toContain('line 0\n');
    expect(text).toContain(`line ${LIMITS.headLines - 1}\n`);
    expect(text).not.toContain(`line ${LIMITS.headLines}\n`);
    expect(text.endsWith('line 99999')).toBe(true);
    expect(log.summary()).toBe('100,000 lines of output; 99,500 lines cut from the middle (download the full output to see them).');
  });

  it('the download has every line, in order', () => {
    const log = new OutputLog();
    for (let b = 0; b < 10; b++) log.push(lines(1000, b * 1000));
    const all = log.fullText().trimEnd().split('\n');
    expect(all).toHaveLength(10_000);
    expect(all[0]).toBe('line 0');
    expect(all[9999]).toBe('line 9999');
  });

  it('caps what is shown by characters too, and shortens one very long line on screen only', () => {
    const log = new OutputLog();
    const long = 'x'.repeat(50_000);
    for (let i = 0; i < 60; i++) log.push([{ kind: "text", text: long }]);
    const shownChars = log.shown().reduce((n, s) => n + (s.kind === 'text' ? s.text.length : 0), 0);
    expect(shownChars).toBeLessThan(LIMITS.headChars + LIMITS.tailChars + 10_000);
    expect(log.wasCut).toBe(true);
    expect(clipLine(long)).toMatch(/^x{2000}… \(48,000 more characters in the download\)$/);
    expect(log.fullText()).toContain(long);
  });

  it('stops keeping text for the download past its limit, and says so', () => {
    const log = new OutputLog({ ...LIMITS, keepChars: 100 });
    log.push(lines(50));
    expect(log.fullText()).toMatch(/more lines not kept/);
    expect(log.fullText()).toContain('line 0');
  });

  it('counts lines the worker dropped as cut', () => {
    const log = new OutputLog();
    log.push(lines(10));
    log.dropped(5000);
    expect(log.totalLines).toBe(5010);
    expect(log.wasCut).toBe(true);
    expect(log.fullText()).toMatch(/5,000 more lines not kept/);
  });

  it('keeps at most LIMITS.figures figures and counts the rest', () => {
    const log = new OutputLog();
    const table: OutputItem = { kind: 'table', rows: [['a']], totalRows: 1, totalColumns: 1 };
    log.push(Array.from({ length: LIMITS.figures + 5 }, () => table));
    expect(log.shown().filter((s) => s.kind === 'table')).toHaveLength(LIMITS.figures);
    expect(log.cutItems).toBe(5);
    expect(log.summary()).toMatch(/5 figures cut/);
  });

  it('an error at the end of long output is shown and counted', () => {
    const log = new OutputLog();
    log.push(lines(5000));
    log.push([{ kind: 'error', message: 'RangeError: too far', line: 3 }]);
    const shown = log.shown();
    expect(shown.at(-1)).toEqual({ kind: 'error', message: 'RangeError: too far', line: 3 });
    expect(log.summary()).toMatch(/^5,001 lines of output, 1 error;/);
    expect(log.fullText()).toContain('RangeError: too far (line 3)');
  });

  it('treats markup as text: the download and the items carry it verbatim', () => {
    const log = new OutputLog();
    log.push([{ kind: 'text', text: '<img src=x onerror=alert(1)>' }]);
    expect(log.shown()).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)>' }]);
  });

  it('names figures in the download', () => {
    expect(textOf({ kind: 'heatmap', rows: [[1]], shape: [500, 500], block: 7, title: 'W' })).toBe('[heat map "W" of a 500 × 500 matrix]');
    expect(textOf({ kind: 'table', rows: [['a', 'b'], ['1', '2']], header: true, totalRows: 10, totalColumns: 2 })).toBe('a\tb\n1\t2\n… 9 more rows not kept');
  });
});
