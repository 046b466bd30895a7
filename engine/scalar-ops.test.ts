// The table of scalar ops is complete and true: every op method of Value has a row and every row a method;
// each row's node reports the row's name, its backward gives the row's derivatives, and those agree with
// central finite differences; each row has a parser entry and a rule that states its numbers.
// (components/ComputationGraph/model.test.ts parses every row's syntax.)
import { describe, expect, it } from 'vitest';
import { localRule, scalarOps, value, Value, type ScalarOp } from './index.ts';

/** What Value.prototype holds besides the op methods. */
const NOT_OPS = ['constructor', 'label', 'children', 'op', 'exponent', 'backward', 'zeroGrad', 'toString'];

/** The op applied to leaves a and b (b unused by one-input ops; k is pow's exponent). */
function apply(op: ScalarOp, a: Value, b: Value, k: number): Value {
  if (op.arity === 2) return (a[op.method] as (o: Value) => Value)(b);
  if (op.syntax.kind === 'power') return a.pow(k);
  return (a[op.method] as () => Value).call(a);
}

/** Input pairs away from kinks (relu at 0) and poles (log and div at 0), on both sides of 0. */
const points: [number, number][] = [
  [0.7, 1.3],
  [-0.45, 2.1],
  [1.9, -0.6],
];

describe('scalar ops table', () => {
  it('has a row for every op method of Value, and a method for every row', () => {
    const methods = Object.getOwnPropertyNames(Value.prototype).filter((name) => !NOT_OPS.includes(name));
    expect(methods.sort()).toEqual(scalarOps.map((op) => op.method).sort());
  });

  it('names each op, method, operator and function once, with single-character operators', () => {
    const unique = (xs: string[]) => expect(new Set(xs).size).toBe(xs.length);
    unique(scalarOps.map((op) => op.symbol));
    unique(scalarOps.map((op) => op.method));
    const entries = scalarOps.map((op) => (op.syntax.kind === 'call' ? `call ${op.syntax.name}` : `${op.syntax.kind} ${op.syntax.token}`));
    unique(entries);
    for (const op of scalarOps) {
      if (op.syntax.kind === 'call') expect(op.syntax.name).toMatch(/^[A-Za-z_]\w*$/);
      else expect(op.syntax.token).toMatch(/^[^\w\s()]$/);
    }
  });

  it.each(scalarOps.map((op) => [op.method, op] as const))(
    '%s: its node reports the row, its backward gives the row’s derivatives, which match finite differences, and its rule states them',
    (_, op) => {
      const k = 3;
      for (const [a0, b0] of points) {
        const x = op.method === 'log' ? Math.abs(a0) : a0;
        const a = value(x, 'a');
        const b = value(b0, 'b');
        const out = apply(op, a, b, k);
        expect(out.op).toBe(op.symbol);
        expect(out.children).toEqual(op.arity === 2 ? [a, b] : [a]);
        out.backward();
        const want = op.derivatives(x, b0, out.data, k);
        const got = op.arity === 2 ? [a.grad, b.grad] : [a.grad];
        expect(want).toHaveLength(op.arity);
        got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 12));
        // Central differences in float64, input by input.
        const h = 1e-6;
        const f = (dx: number, dy: number) => apply(op, value(x + dx), value(b0 + dy), k).data;
        const numeric = [(f(h, 0) - f(-h, 0)) / (2 * h), (f(0, h) - f(0, -h)) / (2 * h)].slice(0, op.arity);
        numeric.forEach((n, i) => expect(Math.abs(n - want[i])).toBeLessThan(1e-6 * Math.max(1, Math.abs(n))));
        const rule = localRule(out);
        expect(rule).toMatch(/^[a-z]+: \S/);
        expect(rule).not.toMatch(/NaN|undefined|Infinity/);
        for (const d of want) expect(rule).toContain(String(+Math.abs(d).toPrecision(4)));
      }
    },
  );

  it('states the rule of a leaf, and of relu on both sides of its kink', () => {
    expect(localRule(value(2, 'x'))).toBe('an input: nothing further to pass back');
    expect(localRule(value(0.5).relu())).toBe('relu: ∂out/∂a = 1, since a > 0');
    expect(localRule(value(-0.5).relu())).toBe('relu: ∂out/∂a = 0, since a ≤ 0');
    expect(localRule(value(2).mul(value(-3)))).toBe('product: each input gets the gradient times the other input (∂out/∂a = b = -3, ∂out/∂b = a = 2)');
  });
});
