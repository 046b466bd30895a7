// The receptive field, layer by layer: which units of every earlier layer one chosen unit depends on, in
// the digit network of chapter 7 (conv 5×5 pad 2, pool 2, conv 5×5, pool 2, on a 28×28 input). Pure
// geometry: a window layer with kernel k, stride s and padding p reads rows i·s − p … i·s − p + k − 1 of
// the layer below, clipped to the map.

export interface WindowLayer {
  name: string;
  k: number;
  s: number;
  p: number;
}

export interface Layer {
  name: string;
  side: number;
}

/** The digit network's maps, input first, and the window layer that makes each one after the input. */
export const digitLayers: Layer[] = [
  { name: 'input', side: 28 },
  { name: 'conv 1', side: 28 },
  { name: 'pool 1', side: 14 },
  { name: 'conv 2', side: 10 },
  { name: 'pool 2', side: 5 },
];
export const digitWindows: WindowLayer[] = [
  { name: 'conv 1', k: 5, s: 1, p: 2 },
  { name: 'pool 1', k: 2, s: 2, p: 0 },
  { name: 'conv 2', k: 5, s: 1, p: 0 },
  { name: 'pool 2', k: 2, s: 2, p: 0 },
];

/** An inclusive range of rows or columns. */
export type Span = [number, number];

/** The rows (or columns) of the layer below that rows `span` of a window layer read, clipped to `below` units. */
export function spanBelow(span: Span, w: WindowLayer, below: number): Span {
  return [Math.max(0, span[0] * w.s - w.p), Math.min(below - 1, span[1] * w.s - w.p + w.k - 1)];
}

/**
 * For unit (row, col) of layer `at` (1 … windows.length), the rows and columns it depends on in every layer
 * from `at` down to the input: result[l] is [rows, cols] in layer l (result[at] is the unit itself).
 */
export function fieldOf(at: number, row: number, col: number, layers = digitLayers, windows = digitWindows): ([Span, Span] | null)[] {
  const out: ([Span, Span] | null)[] = layers.map(() => null);
  let rows: Span = [row, row];
  let cols: Span = [col, col];
  out[at] = [rows, cols];
  for (let l = at; l >= 1; l--) {
    rows = spanBelow(rows, windows[l - 1], layers[l - 1].side);
    cols = spanBelow(cols, windows[l - 1], layers[l - 1].side);
    out[l - 1] = [rows, cols];
  }
  return out;
}

/** Side of a span. */
export const width = (s: Span): number => s[1] - s[0] + 1;
