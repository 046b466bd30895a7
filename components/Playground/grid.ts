// The lattice the decision boundary (or the predicted value) is measured on: GRID×GRID points over
// [-1, 1]², row 0 at the top, one row of inputs per point.

/** Grid resolution of the decision-boundary heat map. */
export const GRID = 50;

/** The GRID×GRID lattice over [-1, 1]², row 0 at the top (x₂ = 1), as [GRID², 2] inputs. */
export function gridInputs(): Float32Array {
  const x = new Float32Array(GRID * GRID * 2);
  for (let i = 0; i < GRID; i++) {
    for (let j = 0; j < GRID; j++) {
      const k = i * GRID + j;
      x[2 * k] = -1 + (2 * (j + 0.5)) / GRID;
      x[2 * k + 1] = 1 - (2 * (i + 0.5)) / GRID;
    }
  }
  return x;
}
