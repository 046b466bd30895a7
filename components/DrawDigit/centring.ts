// How a drawing becomes an MNIST-like input, the way LeCun et al. (1998) prepared their digits: the ink's
// bounding box is scaled to fit a 20×20 box (keeping its aspect ratio) and placed in a 28×28 frame so that
// its centre of mass falls on the frame's centre. Also: whole-pixel shifts, and painting with a round brush.

export const SIDE = 28;
export const BOX = 20;

/** Centre of mass (row, column) of an h×w image (square by default), or null when it has no ink. */
export function centreOfMass(img: ArrayLike<number>, h: number, w = h): [number, number] | null {
  let m = 0;
  let r = 0;
  let c = 0;
  for (let i = 0; i < h; i++)
    for (let j = 0; j < w; j++) {
      const v = img[i * w + j];
      m += v;
      r += v * i;
      c += v * j;
    }
  return m > 0 ? [r / m, c / m] : null;
}

/** The rows and columns [top, bottom] × [left, right] that hold ink above `threshold`, or null. */
export function inkBox(img: ArrayLike<number>, side: number, threshold = 0.05): { top: number; bottom: number; left: number; right: number } | null {
  let top = side, bottom = -1, left = side, right = -1;
  for (let i = 0; i < side; i++)
    for (let j = 0; j < side; j++)
      if (img[i * side + j] > threshold) {
        top = Math.min(top, i);
        bottom = Math.max(bottom, i);
        left = Math.min(left, j);
        right = Math.max(right, j);
      }
  return bottom < 0 ? null : { top, bottom, left, right };
}

/**
 * A drawing (side×side, ink in [0, 1]) as MNIST prepared its digits: its ink box scaled so the longer side
 * is 20 pixels (each output pixel averages 4×4 samples of the drawing), then placed in 28×28 with its centre
 * of mass moved to the nearest whole pixel of (13.5, 13.5). An empty drawing gives an empty frame.
 */
export function centreDigit(img: ArrayLike<number>, side: number): Float32Array {
  const out = new Float32Array(SIDE * SIDE);
  const box = inkBox(img, side);
  if (!box) return out;
  const h = box.bottom - box.top + 1;
  const w = box.right - box.left + 1;
  const f = BOX / Math.max(h, w);
  const oh = Math.max(1, Math.round(h * f));
  const ow = Math.max(1, Math.round(w * f));
  const small = new Float32Array(oh * ow);
  const S = 4;
  for (let i = 0; i < oh; i++)
    for (let j = 0; j < ow; j++) {
      let s = 0;
      for (let a = 0; a < S; a++)
        for (let b = 0; b < S; b++) {
          const r = Math.min(box.bottom, box.top + Math.floor(((i + (a + 0.5) / S) * h) / oh));
          const c = Math.min(box.right, box.left + Math.floor(((j + (b + 0.5) / S) * w) / ow));
          s += img[r * side + c];
        }
      small[i * ow + j] = s / (S * S);
    }
  const [cr, cc] = centreOfMass(small, oh, ow) ?? [(oh - 1) / 2, (ow - 1) / 2];
  const dr = Math.round(13.5 - cr);
  const dc = Math.round(13.5 - cc);
  for (let i = 0; i < oh; i++)
    for (let j = 0; j < ow; j++) {
      const r = i + dr;
      const c = j + dc;
      if (r >= 0 && r < SIDE && c >= 0 && c < SIDE) out[r * SIDE + c] = small[i * ow + j];
    }
  return out;
}

/** The 28×28 image moved `dx` pixels right and `dy` down, zeros coming in at the edges. */
export function shiftImage(img: ArrayLike<number>, dx: number, dy: number, side = SIDE): Float32Array {
  const out = new Float32Array(side * side);
  for (let i = 0; i < side; i++)
    for (let j = 0; j < side; j++) {
      const r = i - dy;
      const c = j - dx;
      if (r >= 0 && r < side && c >= 0 && c < side) out[i * side + j] = img[r * side + c];
    }
  return out;
}

/** Paints a soft round brush of `radius` pixels at (x, y) into a side×side canvas of ink (kept ≤ 1); returns it. */
export function paint(img: Float32Array, side: number, x: number, y: number, radius: number): Float32Array {
  const r0 = Math.max(0, Math.floor(y - radius - 1)), r1 = Math.min(side - 1, Math.ceil(y + radius + 1));
  const c0 = Math.max(0, Math.floor(x - radius - 1)), c1 = Math.min(side - 1, Math.ceil(x + radius + 1));
  for (let i = r0; i <= r1; i++)
    for (let j = c0; j <= c1; j++) {
      const d = Math.hypot(i + 0.5 - y, j + 0.5 - x);
      const v = Math.min(1, Math.max(0, radius + 0.5 - d));
      if (v > img[i * side + j]) img[i * side + j] = v;
    }
  return img;
}
