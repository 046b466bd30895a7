// Names of units and weights in the book's notation, and which drawn line a click selects.
import { describe, expect, it } from 'vitest';
import { linkPoint, nearestLink, unitName, weightName } from './units.ts';

describe('unit and weight names', () => {
  const sizes = [3, 8, 4, 1];
  const features = ['x1', 'x2', 'sin1'] as const;
  it('name inputs by feature, hidden units a⁽ˡ⁾ᵢ (from 1) and the output ŷ', () => {
    expect([unitName(0, 2, sizes, features), unitName(1, 0, sizes, features), unitName(2, 3, sizes, features), unitName(3, 0, sizes, features)]).toEqual(['sin πx₁', 'a⁽¹⁾₁', 'a⁽²⁾₄', 'ŷ']);
  });
  it('name a weight by the units it joins', () => {
    expect(weightName({ layer: 0, inp: 1, out: 7 }, sizes, features)).toBe('the weight from x₂ to a⁽¹⁾₈');
    expect(weightName({ layer: 2, inp: 0, out: 0 }, sizes, features)).toBe('the weight from a⁽²⁾₁ to ŷ');
  });
});

describe('picking a line', () => {
  const a = { layer: 0, inp: 0, out: 0 };
  const b = { layer: 0, inp: 0, out: 1 };
  const links = [
    { ref: a, x0: 0, y0: 0, x1: 100, y1: 0 },
    { ref: b, x0: 0, y0: 0, x1: 100, y1: 60 },
  ];
  it('follows the drawn curve: level at both ends, halfway up in the middle', () => {
    expect(linkPoint(0, 0, 100, 60, 0)).toEqual([0, 0]);
    expect(linkPoint(0, 0, 100, 60, 0.5)).toEqual([50, 30]);
    expect(linkPoint(0, 0, 100, 60, 1)).toEqual([100, 60]);
    // Near the start the curve is still close to its starting height, unlike a straight line.
    expect(linkPoint(0, 0, 100, 60, 0.1)[1]).toBeLessThan(3);
  });
  it('selects the curve under the pointer, and nothing away from every line', () => {
    expect(nearestLink(links, 50, 1)).toEqual(a);
    expect(nearestLink(links, 50, 29)).toEqual(b);
    const end = linkPoint(0, 0, 100, 60, 0.9);
    expect(nearestLink(links, end[0], end[1] + 2)).toEqual(b);
    expect(nearestLink(links, 50, 15)).toBeNull();
    expect(nearestLink(links, 150, 0)).toBeNull();
  });
});
