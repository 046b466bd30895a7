// The receptive-field figure's state: a chosen layer of the digit network and a unit in it (moved with the
// arrow keys or picked with the pointer); what it shows, the patch of every earlier layer that unit depends
// on, is derived. ReceptiveField.svelte is the controls and the drawing.
import { z } from 'zod';
import { defineState } from '../ui/figureState.ts';
import { StateModel } from '../ui/stateModel.ts';
import { receptiveFields, windowLayers } from '../DigitCNN/nets.ts';
import { digitLayers, fieldOf, width } from './field.ts';

/** The side of each layer's full receptive field (away from the borders): 5, 6, 14, 16. */
const FULL = receptiveFields(windowLayers('lenet')).map((f) => f.r);

export const fieldState = defineState({
  version: 1,
  schema: z.object({
    layer: z.number().int().min(1).max(digitLayers.length - 1).default(3),
    row: z.number().int().min(0).max(27).default(4),
    col: z.number().int().min(0).max(27).default(4),
  }),
});
export type FieldState = z.output<typeof fieldState.schema>;

export class FieldModel extends StateModel<typeof fieldState.schema> {
  layer = $state(this.initial.layer);
  row = $state(this.initial.row);
  col = $state(this.initial.col);

  readonly side = $derived(digitLayers[this.layer].side);
  readonly field = $derived(fieldOf(this.layer, this.row, this.col));

  constructor(init: Partial<FieldState> = {}) {
    super(fieldState, init);
    this.apply(this.initial);
  }

  /** A unit outside the chosen layer's map is moved to its nearest edge. */
  override apply(s: FieldState): void {
    this.layer = s.layer;
    const n = digitLayers[s.layer].side - 1;
    this.row = Math.min(n, s.row);
    this.col = Math.min(n, s.col);
  }

  /** Another layer: the unit keeps its relative place in the map. */
  setLayer(layer: number): void {
    const from = digitLayers[this.layer].side;
    const to = digitLayers[layer].side;
    const at = (v: number) => Math.min(to - 1, Math.floor(((v + 0.5) * to) / from));
    this.apply({ layer, row: at(this.row), col: at(this.col) });
  }

  move(dr: number, dc: number): void {
    this.pick(this.row + dr, this.col + dc);
  }

  pick(row: number, col: number): void {
    const n = this.side - 1;
    this.row = Math.min(n, Math.max(0, row));
    this.col = Math.min(n, Math.max(0, col));
  }

  describe(): string {
    const input = this.field[0]!;
    const [rows, cols] = input;
    const name = digitLayers[this.layer].name;
    const full = FULL[this.layer - 1];
    const cut = width(rows) < full || width(cols) < full ? ' (cut off by the image border)' : '';
    const below = this.field
      .slice(1, this.layer)
      .map((f, i) => (f ? `${width(f[0])}×${width(f[1])} units of ${digitLayers[i + 1].name}` : ''))
      .filter(Boolean)
      .reverse()
      .join(', ');
    return `Unit (${this.row + 1}, ${this.col + 1}) of ${name} (${this.side}×${this.side}) depends on ${below ? `${below}, and ` : ''}a ${width(rows)}×${width(cols)} patch of the input: rows ${rows[0] + 1} to ${rows[1] + 1}, columns ${cols[0] + 1} to ${cols[1] + 1}${cut}.`;
  }
}
