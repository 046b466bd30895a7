// The lattice the decision boundary (or the predicted value) is measured on: GRID×GRID points over
// [-1, 1]², row 0 at the top, one row of inputs per point.

/** Grid resolution of the decision-boundary heat map. */
export const GRID = 100;

/** The res×res lattice over [-1, 1]² (GRID×GRID by default), row 0 at the top (x₂ = 1), as [res², 2] inputs. */
export function gridInputs(res = GRID): Float32Array {
  const x = new Float32Array(res * res * 2);
  for (let i = 0; i < res; i++) {
    for (let j = 0; j < res; j++) {
      const k = i * res + j;
      x[2 * k] = -1 + (2 * (j + 0.5)) / res;
      x[2 * k + 1] = 1 - (2 * (i + 0.5)) / res;
    }
  }
  return x;
}
