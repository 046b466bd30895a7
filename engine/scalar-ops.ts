// The scalar ops of `Value`, one row each: the method that builds the op, the name its node reports, how
// the expression parser reads it, its local derivatives, and the rule the computation-graph figure states
// while it steps through backward. It is the one list of scalar ops: value.ts takes its op names from it,
// the figure's parser and rule text read it, and scalar-ops.test.ts checks every row against the method
// and the backward written in value.ts (and against finite differences).
// NOTE: the forward and the backward of each op are written out in value.ts, a method each and one case of
// `propagate`, rather than called through this table: one switch on an op code keeps W4 fast (see the NOTE
// there). The order of the rows is the order of value.ts's op codes.
import type { Value } from './value.ts';

/**
 * How the expression parser reads an op: an infix operator (left-associative; level 1 binds like +,
 * level 2 like *), a prefix operator, the power operator (its exponent a number), or a function call.
 * Operator tokens are single characters.
 */
export type ScalarSyntax =
  | { kind: 'infix'; token: string; level: 1 | 2 }
  | { kind: 'prefix'; token: string }
  | { kind: 'power'; token: string }
  | { kind: 'call'; name: string };

/** The Value methods that build an op. */
export type ScalarMethod = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'neg' | 'exp' | 'log' | 'tanh' | 'relu' | 'sigmoid';

/** One scalar op. In the functions, a and b are the inputs' values, out the output's, k pow's exponent. */
export interface ScalarOp {
  /** The method: `a.add(b)`, `a.exp()`, `a.pow(k)`. */
  method: ScalarMethod;
  /** What the node's `op` reports, and the graph figure draws. */
  symbol: string;
  /** How many inputs are Values (pow's exponent is a plain number, not an input). */
  arity: 1 | 2;
  syntax: ScalarSyntax;
  /** The local derivatives ∂out/∂a (and ∂out/∂b), the factors backward multiplies the gradient by. */
  derivatives(a: number, b: number, out: number, k: number): number[];
  /** The rule in words, with its numbers at this node. */
  rule(a: number, b: number, out: number, k: number): string;
}

/** A number as the rules print it: four significant digits, no trailing zeros. */
const f = (x: number): string => String(+x.toPrecision(4));

export const scalarOps: readonly ScalarOp[] = [
  {
    method: 'add', symbol: '+', arity: 2, syntax: { kind: 'infix', token: '+', level: 1 },
    derivatives: () => [1, 1], // z = a + b
    rule: () => 'sum: each input gets the output gradient unchanged (∂out/∂a = ∂out/∂b = 1)',
  },
  {
    method: 'sub', symbol: '-', arity: 2, syntax: { kind: 'infix', token: '-', level: 1 },
    derivatives: () => [1, -1], // z = a - b
    rule: () => 'difference: ∂out/∂a = 1 and ∂out/∂b = −1',
  },
  {
    method: 'mul', symbol: '*', arity: 2, syntax: { kind: 'infix', token: '*', level: 2 },
    derivatives: (a, b) => [b, a], // z = a·b
    rule: (a, b) => `product: each input gets the gradient times the other input (∂out/∂a = b = ${f(b)}, ∂out/∂b = a = ${f(a)})`,
  },
  {
    method: 'div', symbol: '/', arity: 2, syntax: { kind: 'infix', token: '/', level: 2 },
    derivatives: (a, b) => [1 / b, -a / (b * b)], // z = a / b
    rule: (a, b) => `quotient: ∂out/∂a = 1/b = ${f(1 / b)}, ∂out/∂b = −a/b² = ${f(-a / (b * b))}`,
  },
  {
    method: 'pow', symbol: '^', arity: 1, syntax: { kind: 'power', token: '^' },
    derivatives: (a, _b, _out, k) => [k * a ** (k - 1)], // z = aᵏ
    rule: (a, _b, _out, k) => `power: ∂out/∂a = k·a^(k−1) = ${f(k * a ** (k - 1))} (k = ${k})`,
  },
  {
    method: 'neg', symbol: 'neg', arity: 1, syntax: { kind: 'prefix', token: '-' },
    derivatives: () => [-1], // z = -a
    rule: () => 'negation: ∂out/∂a = −1',
  },
  {
    method: 'exp', symbol: 'exp', arity: 1, syntax: { kind: 'call', name: 'exp' },
    derivatives: (_a, _b, out) => [out], // z = eᵃ
    rule: (_a, _b, out) => `exp: ∂out/∂a = e^a = out = ${f(out)}`,
  },
  {
    method: 'log', symbol: 'log', arity: 1, syntax: { kind: 'call', name: 'log' },
    derivatives: (a) => [1 / a], // z = ln a
    rule: (a) => `log: ∂out/∂a = 1/a = ${f(1 / a)}`,
  },
  {
    method: 'tanh', symbol: 'tanh', arity: 1, syntax: { kind: 'call', name: 'tanh' },
    derivatives: (_a, _b, out) => [1 - out * out], // z = tanh a
    rule: (_a, _b, out) => `tanh: ∂out/∂a = 1 − out² = ${f(1 - out * out)}`,
  },
  {
    method: 'relu', symbol: 'relu', arity: 1, syntax: { kind: 'call', name: 'relu' },
    derivatives: (a) => [a > 0 ? 1 : 0], // z = max(0, a)
    rule: (a) => `relu: ∂out/∂a = ${a > 0 ? '1, since a > 0' : '0, since a ≤ 0'}`,
  },
  {
    method: 'sigmoid', symbol: 'sigmoid', arity: 1, syntax: { kind: 'call', name: 'sigmoid' },
    derivatives: (_a, _b, out) => [out * (1 - out)], // z = 1 / (1 + e⁻ᵃ)
    rule: (_a, _b, out) => `sigmoid: ∂out/∂a = out·(1 − out) = ${f(out * (1 - out))}`,
  },
];

const bySymbol = new Map(scalarOps.map((op) => [op.symbol, op]));

/** The row of the op that made `v`; undefined for a leaf. */
export function scalarOpOf(v: Value): ScalarOp | undefined {
  return bySymbol.get(v.op);
}

/** The local derivative rule at node `v`, in words and with its numbers, as the graph figure states it. */
export function localRule(v: Value): string {
  const op = scalarOpOf(v);
  if (!op) return 'an input: nothing further to pass back';
  const [a, b] = v.children;
  return op.rule(a.data, b?.data ?? 0, v.data, v.exponent);
}
