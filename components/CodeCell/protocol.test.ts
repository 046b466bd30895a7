// Messages from the sandbox are used only if they are what the page expects: forged, malformed or
// oversized messages are dropped (a cell once crashed the page with one: "e.filter is not a function").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSandboxMessage, parseWorkerMessage } from './protocol.ts';
import { LIMITS } from './output.ts';

describe('parseWorkerMessage', () => {
  it('accepts what the worker sends', () => {
    expect(parseWorkerMessage({ type: 'ready' })).toEqual({ type: 'ready' });
    const out = { type: 'output', run: 3, dropped: 0, items: [{ kind: 'text', text: 'hi' }, { kind: 'line', series: { loss: [1, NaN, Infinity] }, points: 3 }] };
    expect(parseWorkerMessage(out)).toEqual(out);
    expect(parseWorkerMessage({ type: 'done', run: 3, cancelled: 0 })).toEqual({ type: 'done', run: 3, cancelled: 0 });
    expect(parseWorkerMessage({ type: 'report', run: 3, score: 0.5, feedback: 'half' })).not.toBeNull();
  });

  it('drops malformed messages', () => {
    for (const bad of [
      null,
      'done',
      42,
      { type: 'output', run: 1, items: 'not a list', dropped: 0 },
      { type: 'output', run: 1, items: { filter: 1 }, dropped: 0 },
      { type: 'output', run: 1, items: [{ kind: 'table', rows: 'x', totalRows: 1, totalColumns: 1 }], dropped: 0 },
      { type: 'output', run: 1, items: [{ kind: 'html', html: '<b>' }], dropped: 0 },
      { type: 'done', run: -1, cancelled: 0 },
      { type: 'done', run: '1', cancelled: 0 },
      { type: 'crash' },
      { type: '__proto__' },
    ]) {
      expect(parseWorkerMessage(bad)).toBeNull();
    }
  });

  it('drops oversized items: more rows, points or cells than the worker ever sends', () => {
    const rows = Array.from({ length: LIMITS.tableRows + 2 }, () => ['a']);
    expect(parseWorkerMessage({ type: 'output', run: 1, dropped: 0, items: [{ kind: 'table', rows, totalRows: 1e6, totalColumns: 1 }] })).toBeNull();
    const big = Array.from({ length: LIMITS.heatmapSide + 1 }, () => [1]);
    expect(parseWorkerMessage({ type: 'output', run: 1, dropped: 0, items: [{ kind: 'heatmap', rows: big, shape: [500, 500], block: 1 }] })).toBeNull();
    expect(parseWorkerMessage({ type: 'output', run: 1, dropped: 0, items: Array.from({ length: 2001 }, () => ({ kind: 'text', text: '' })) })).toBeNull();
  });

  it('never throws on anything', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withTypedArray: true }), (v) => {
        parseWorkerMessage(v);
        parseWorkerMessage({ type: 'output', run: 1, dropped: 0, items: [v] });
        parseSandboxMessage(v);
      }),
    );
  });
});

describe('parseSandboxMessage', () => {
  it('accepts ready and crash, nothing else', () => {
    expect(parseSandboxMessage({ type: 'ready' })).toEqual({ type: 'ready' });
    expect(parseSandboxMessage({ type: 'crash', worker: 2, message: 'x' })).toEqual({ type: 'crash', worker: 2, message: 'x' });
    expect(parseSandboxMessage({ type: 'crash', worker: 2 })).toBeNull();
    expect(parseSandboxMessage({ type: 'output', run: 1, items: [], dropped: 0 })).toBeNull();
  });
});
