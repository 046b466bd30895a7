// How the Playground names the units and weights of its network, in the book's notation: the inputs by
// their feature, unit i of hidden layer l as a⁽ˡ⁾ᵢ, the output as ŷ, and a weight by the units it joins.
import { featureLabels, type FeatureName } from './features.ts';
import type { WeightRef } from './model.svelte.ts';

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUB = '₀₁₂₃₄₅₆₇₈₉';
const digits = (n: number, set: string) => String(n).replace(/\d/g, (d) => set[Number(d)]);

/** The name of unit `unit` (0-based) of layer `layer` (0: the inputs) in a network of `sizes`. */
export function unitName(layer: number, unit: number, sizes: number[], features: readonly FeatureName[]): string {
  if (layer === 0) return featureLabels[features[unit]] ?? `input ${unit + 1}`;
  if (layer === sizes.length - 1) return 'ŷ';
  return `a⁽${digits(layer, SUP)}⁾${digits(unit + 1, SUB)}`;
}

/** A weight in words: "the weight from x₁ to a⁽¹⁾₂". */
export function weightName(w: WeightRef, sizes: number[], features: readonly FeatureName[]): string {
  return `the weight from ${unitName(w.layer, w.inp, sizes, features)} to ${unitName(w.layer + 1, w.out, sizes, features)}`;
}

/**
 * The link nearest the point (px, py) among segments from (x0, y0) of unit `inp` to (x1, y1) of unit
 * `out`, if it lies within `reach`: what a click on the network's lines selects.
 */
export function nearestLink(
  links: { ref: WeightRef; x0: number; y0: number; x1: number; y1: number }[],
  px: number,
  py: number,
  reach = 6,
): WeightRef | null {
  let best: WeightRef | null = null;
  let bestD = reach * reach;
  for (const { ref, x0, y0, x1, y1 } of links) {
    const dx = x1 - x0;
    const dy = y1 - y0;
    const len = dx * dx + dy * dy;
    const t = len ? Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len)) : 0;
    const ex = x0 + t * dx - px;
    const ey = y0 + t * dy - py;
    const d = ex * ex + ey * ey;
    if (d <= bestD) {
      bestD = d;
      best = ref;
    }
  }
  return best;
}
