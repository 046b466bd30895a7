// How the Playground names the units and weights of its network, in the book's notation: the inputs by
// their feature, unit i of hidden layer l as a⁽ˡ⁾ᵢ, the output as ŷ, and a weight by the units it joins.
import { features as featureTable, type FeatureName } from './features.ts';
import type { WeightRef } from './model.svelte.ts';

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUB = '₀₁₂₃₄₅₆₇₈₉';
const digits = (n: number, set: string) => String(n).replace(/\d/g, (d) => set[Number(d)]);

/** The name of unit `unit` (0-based) of layer `layer` (0: the inputs) in a network of `sizes`. */
export function unitName(layer: number, unit: number, sizes: number[], features: readonly FeatureName[]): string {
  if (layer === 0) return featureTable[features[unit]]?.label ?? `input ${unit + 1}`;
  if (layer === sizes.length - 1) return 'ŷ';
  return `a⁽${digits(layer, SUP)}⁾${digits(unit + 1, SUB)}`;
}

/** A weight in words: "the weight from x₁ to a⁽¹⁾₂". */
export function weightName(w: WeightRef, sizes: number[], features: readonly FeatureName[]): string {
  return `the weight from ${unitName(w.layer, w.inp, sizes, features)} to ${unitName(w.layer + 1, w.out, sizes, features)}`;
}

/**
 * The point at t ∈ [0, 1] along a link as the network draws it: a cubic Bézier curve from (x0, y0) to
 * (x1, y1) that leaves and arrives level, its control points halfway across at each end's height.
 */
export function linkPoint(x0: number, y0: number, x1: number, y1: number, t: number): [number, number] {
  const u = 1 - t;
  const mx = (x0 + x1) / 2;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return [a * x0 + (b + c) * mx + d * x1, (a + b) * y0 + (c + d) * y1];
}

/** Squared distance from (px, py) to the segment from (ax, ay) to (bx, by). */
function segmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len)) : 0;
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/**
 * The link whose drawn curve (see `linkPoint`) passes nearest the point (px, py), if within `reach`
 * pixels: what a click on the network's lines selects. Each curve is measured as 16 straight pieces.
 */
export function nearestLink(
  links: { ref: WeightRef; x0: number; y0: number; x1: number; y1: number }[],
  px: number,
  py: number,
  reach = 6,
): WeightRef | null {
  const PIECES = 16;
  let best: WeightRef | null = null;
  let bestD = reach * reach;
  for (const { ref, x0, y0, x1, y1 } of links) {
    if (px < Math.min(x0, x1) - reach || px > Math.max(x0, x1) + reach) continue;
    let [ax, ay] = [x0, y0];
    for (let k = 1; k <= PIECES; k++) {
      const [bx, by] = linkPoint(x0, y0, x1, y1, k / PIECES);
      const d = segmentDistance2(px, py, ax, ay, bx, by);
      if (d <= bestD) {
        bestD = d;
        best = ref;
      }
      [ax, ay] = [bx, by];
    }
  }
  return best;
}
