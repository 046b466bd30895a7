// The theme's colours (CSS variables) as RGB triples for canvas drawing, and pixels and heat maps painted in them.

/** The RGB values of a CSS colour variable on the root element, e.g. rgbOf('--pos'). */
export function rgbOf(variable: string, el: Element = document.documentElement): [number, number, number] {
  const probe = document.createElement('span');
  probe.style.color = `var(${variable})`;
  probe.style.display = 'none';
  el.appendChild(probe);
  const match = getComputedStyle(probe).color.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0'];
  probe.remove();
  return [Number(match[0]), Number(match[1]), Number(match[2])];
}

/** Mixes two colours: t = 0 gives a, t = 1 gives b. */
export function mix(a: [number, number, number], b: [number, number, number], t: number): [number, number, number] {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

type Rgb = [number, number, number];

/**
 * The heat maps' colour ramp as `levels` RGBA words (one 32-bit word a level, ready for an ImageData's
 * buffer): pale (the background) in the middle, blue (--neg) below it and orange (--pos) above, `gain`
 * saying how soon they saturate (1 reaches the full colour only at the ends).
 */
export function divergingTable(levels: number, gain: number, c: { pos: Rgb; neg: Rgb; bg: Rgb } = { pos: rgbOf('--pos'), neg: rgbOf('--neg'), bg: rgbOf('--bg') }): Uint32Array {
  const words = new Uint32Array(levels);
  const bytes = new Uint8ClampedArray(words.buffer);
  for (let l = 0; l < levels; l++) {
    const t = (l + 0.5) / levels;
    const rgb = t >= 0.5 ? mix(c.bg, c.pos, (t - 0.5) * gain) : mix(c.bg, c.neg, (0.5 - t) * gain);
    bytes.set([rgb[0], rgb[1], rgb[2], 255], 4 * l);
  }
  return words;
}

/** Draws a width×height image at the canvas's origin, pixel k (row-major) in the colour `colourOf(k)`. */
export function paintPixels(ctx: CanvasRenderingContext2D, width: number, height: number, colourOf: (k: number) => readonly number[]): void {
  const img = ctx.createImageData(width, height);
  const px = img.data;
  for (let k = 0, j = 0; k < width * height; k++, j += 4) {
    const c = colourOf(k);
    px[j] = c[0];
    px[j + 1] = c[1];
    px[j + 2] = c[2];
    px[j + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

/**
 * A side×side heat map drawn through a colour table (divergingTable's words): a value v picks the table's
 * level ⌊(v − lo) / (hi − lo) · levels⌋, clamped to the table. The image is kept from draw to draw, since
 * the maps are redrawn on every animation frame while training runs.
 */
export class HeatImage {
  #image: { data: ImageData; words: Uint32Array } | null = null;

  draw(ctx: CanvasRenderingContext2D, values: ArrayLike<number>, side: number, domain: readonly [number, number], table: Uint32Array): void {
    if (!this.#image || this.#image.data.width !== side) {
      const data = ctx.createImageData(side, side);
      this.#image = { data, words: new Uint32Array(data.data.buffer) };
    }
    const { words } = this.#image;
    const levels = table.length;
    const lo = domain[0];
    const scale = levels / (domain[1] - lo);
    // NOTE: a component hands its props in as arguments, so the loop reads locals: a prop read in the loop
    // would call its getter on every pixel.
    const n = side * side;
    for (let k = 0; k < n; k++) {
      const l = (values[k] - lo) * scale;
      words[k] = table[l >= levels ? levels - 1 : l > 0 ? l | 0 : 0];
    }
    ctx.putImageData(this.#image.data, 0, 0);
  }
}
