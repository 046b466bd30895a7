// Scalar autograd: every op's derivative against finite differences, random expression graphs by
// property testing, gradient accumulation, deep graphs that must not overflow the stack, graphs that
// share nodes or are built in between one another, and bad operands.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Value, topoSort, value } from './value.ts';

/** Central difference of f at x (plain float64 numbers: Value computes in float64). */
const numeric = (f: (x: number) => number, x: number, h = 1e-6) => (f(x + h) - f(x - h)) / (2 * h);

/** Each op with its float64 reference and the domain random inputs are drawn from (kinks and poles avoided). */
const unary: [string, (v: Value) => Value, (x: number) => number, fc.Arbitrary<number>][] = [
  ['neg', (v) => v.neg(), (x) => -x, fc.double({ min: -3, max: 3, noNaN: true })],
  ['exp', (v) => v.exp(), Math.exp, fc.double({ min: -3, max: 3, noNaN: true })],
  ['log', (v) => v.log(), Math.log, fc.double({ min: 0.1, max: 5, noNaN: true })],
  ['tanh', (v) => v.tanh(), Math.tanh, fc.double({ min: -3, max: 3, noNaN: true })],
  ['relu', (v) => v.relu(), (x) => Math.max(0, x), fc.oneof(fc.double({ min: -3, max: -0.01, noNaN: true }), fc.double({ min: 0.01, max: 3, noNaN: true }))],
  ['sigmoid', (v) => v.sigmoid(), (x) => 1 / (1 + Math.exp(-x)), fc.double({ min: -5, max: 5, noNaN: true })],
  ['pow 3', (v) => v.pow(3), (x) => x ** 3, fc.double({ min: -3, max: 3, noNaN: true })],
  ['pow -1.5', (v) => v.pow(-1.5), (x) => x ** -1.5, fc.double({ min: 0.2, max: 5, noNaN: true })],
];

const binary: [string, (a: Value, b: Value) => Value, (a: number, b: number) => number][] = [
  ['+', (a, b) => a.add(b), (a, b) => a + b],
  ['-', (a, b) => a.sub(b), (a, b) => a - b],
  ['*', (a, b) => a.mul(b), (a, b) => a * b],
  ['/', (a, b) => a.div(b), (a, b) => a / b],
];

/** |analytic - numeric| small relative to the size of the gradient. */
const close = (analytic: number, numeric: number) => expect(Math.abs(analytic - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));

describe('Value', () => {
  it.each(unary)('%s: gradient matches finite differences at random points', (_, op, f, domain) => {
    fc.assert(
      fc.property(domain, (x0) => {
        const x = value(x0);
        op(x).backward();
        close(x.grad, numeric(f, x0));
      }),
      { numRuns: 50, seed: 5 },
    );
  });

  it.each(binary)('%s: both gradients match finite differences at random points', (_, op, f) => {
    const arg = fc.double({ min: -3, max: 3, noNaN: true });
    const away = fc.oneof(fc.double({ min: -3, max: -0.3, noNaN: true }), fc.double({ min: 0.3, max: 3, noNaN: true }));
    fc.assert(
      fc.property(arg, away, (a0, b0) => {
        const a = value(a0);
        const b = value(b0);
        op(a, b).backward();
        close(a.grad, numeric((x) => f(x, b0), a0));
        close(b.grad, numeric((y) => f(a0, y), b0));
      }),
      { numRuns: 50, seed: 6 },
    );
  });

  it('keeps children in argument order, the op name and labels, for drawing', () => {
    const a = value(2, 'a');
    const b = value(3, 'b');
    const c = a.mul(b);
    expect(c.children).toEqual([a, b]);
    expect(c.op).toBe('*');
    expect(b.sub(a).children).toEqual([b, a]);
    expect(a.label).toBe('a');
  });

  it('accumulates the gradient of a value used twice', () => {
    const x = value(3);
    x.mul(x).add(x).backward(); // d/dx (x² + x) = 2x + 1
    expect(x.grad).toBe(7);
  });

  it('accumulates into leaves across backward calls until zeroGrad clears them', () => {
    const x = value(2);
    const y = x.mul(5);
    y.backward();
    y.backward();
    expect(x.grad).toBe(10);
    x.zeroGrad();
    expect(x.grad).toBe(0);
    y.backward();
    expect(x.grad).toBe(5);
  });

  it('sorts a diamond children-first, each node once', () => {
    const x = value(1, 'x');
    const a = x.mul(2);
    const b = x.exp();
    const y = a.add(b);
    const order = topoSort(y);
    expect(order).toHaveLength(5); // x, 2, a, b, y
    expect(order[order.length - 1]).toBe(y);
    for (const v of order) for (const c of v.children) expect(order.indexOf(c)).toBeLessThan(order.indexOf(v));
  });

  it('works as new Value(x) too, and reports the exponent of a power', () => {
    const x = new Value(3);
    const y = x.pow(2);
    y.backward();
    expect(x.grad).toBe(6);
    expect(y.op).toBe('^');
    expect(y.exponent).toBe(2);
    expect(x.children).toEqual([]);
    expect(x.op).toBe('');
  });

  it('property: a value used twice gets the sum of both paths', () => {
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), (x0, w0) => {
        // f(x) = tanh(w·x) · x   f'(x) = (1 - tanh²(w·x))·w·x + tanh(w·x)
        const x = value(x0);
        x.mul(w0).tanh().mul(x).backward();
        const t = Math.tanh(w0 * x0);
        expect(x.grad).toBeCloseTo((1 - t * t) * w0 * x0 + t, 10);
      }),
      { numRuns: 100, seed: 1 },
    );
  });

  it('property: zeroGrad clears, so a second backward gives the same gradients as the first', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 2, maxLength: 6 }), (x0) => {
        const xs = x0.map((x) => value(x));
        const loss = () => xs.reduce((s, x, i) => s.add(x.mul(xs[(i + 1) % xs.length]).sigmoid()), value(0));
        const l = loss();
        l.backward();
        const first = xs.map((x) => x.grad);
        l.backward();
        xs.forEach((x, i) => expect(x.grad).toBeCloseTo(2 * first[i], 12));
        for (const x of xs) x.zeroGrad();
        expect(xs.every((x) => x.grad === 0)).toBe(true);
        loss().backward();
        xs.forEach((x, i) => expect(x.grad).toBeCloseTo(first[i], 12));
      }),
      { numRuns: 100, seed: 2 },
    );
  });

  it('back-propagates through a 100,000-deep chain without overflowing the stack', () => {
    const x = value(0.5);
    let y = x;
    for (let i = 0; i < 100_000; i++) y = y.add(0);
    y.backward();
    expect(x.grad).toBe(1);
    expect(topoSort(y)).toHaveLength(200_001);
  });

  it('random expression graphs: gradients match finite differences', () => {
    type Expr = { kind: 'leaf'; i: number } | { kind: 'un'; op: number; a: Expr } | { kind: 'bin'; op: number; a: Expr; b: Expr };
    const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
      expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.record({ kind: fc.constant('leaf' as const), i: fc.integer({ min: 0, max: 2 }) }),
        fc.record({ kind: fc.constant('un' as const), op: fc.integer({ min: 0, max: 3 }), a: tie('expr') as fc.Arbitrary<Expr> }),
        fc.record({ kind: fc.constant('bin' as const), op: fc.integer({ min: 0, max: 2 }), a: tie('expr') as fc.Arbitrary<Expr>, b: tie('expr') as fc.Arbitrary<Expr> }),
      ),
    }));
    // Smooth ops only, so finite differences are valid everywhere: tanh, sigmoid, exp of a squashed value, square.
    const evalV = (e: Expr, xs: Value[]): Value =>
      e.kind === 'leaf' ? xs[e.i]
      : e.kind === 'un' ? [(v: Value) => v.tanh(), (v: Value) => v.sigmoid(), (v: Value) => v.tanh().exp(), (v: Value) => v.pow(2)][e.op](evalV(e.a, xs))
      : [(a: Value, b: Value) => a.add(b), (a: Value, b: Value) => a.sub(b), (a: Value, b: Value) => a.mul(b)][e.op](evalV(e.a, xs), evalV(e.b, xs));
    const evalN = (e: Expr, xs: number[]): number =>
      e.kind === 'leaf' ? xs[e.i]
      : e.kind === 'un' ? [Math.tanh, (v: number) => 1 / (1 + Math.exp(-v)), (v: number) => Math.exp(Math.tanh(v)), (v: number) => v * v][e.op](evalN(e.a, xs))
      : [(a: number, b: number) => a + b, (a: number, b: number) => a - b, (a: number, b: number) => a * b][e.op](evalN(e.a, xs), evalN(e.b, xs));
    fc.assert(
      fc.property(expr, fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 }), (e, x0) => {
        const xs = x0.map((x) => value(x));
        evalV(e, xs).backward();
        xs.forEach((x, i) => {
          const f = (t: number) => evalN(e, x0.map((v, j) => (j === i ? t : v)));
          const n = numeric(f, x0[i], 1e-5);
          expect(Math.abs(x.grad - n)).toBeLessThan(1e-4 * Math.max(1, Math.abs(n)));
        });
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('Value backward on graphs that share nodes', () => {
  /** f(x, y) = tanh(x·y + x)·y, built fresh; its gradients by hand. */
  const build = (x: Value, y: Value) => x.mul(y).add(x).tanh().mul(y);
  const expected = (x: number, y: number) => {
    const t = Math.tanh(x * y + x);
    const d = (1 - t * t) * y;
    return { x: d * (y + 1), y: d * x + t };
  };

  it('gives the same gradients when the graph reuses an inner node of an earlier graph', () => {
    const x = value(0.3), y = value(-0.7);
    const inner = x.mul(y); // back-propagated on its own first
    inner.backward();
    x.zeroGrad();
    y.zeroGrad();
    const f = inner.add(x).tanh().mul(y);
    f.backward();
    const want = expected(0.3, -0.7);
    close(x.grad, want.x);
    close(y.grad, want.y);
  });

  it('leaves a graph built in between untouched, and can still back-propagate it afterwards', () => {
    const x = value(0.3), y = value(-0.7), a = value(1.5), b = value(2);
    const other = a.mul(b).tanh(); // made before f, not part of it
    const otherInner = other.children[0];
    const f = build(x, y);
    other.backward();
    expect(otherInner.grad).toBeCloseTo(1 - Math.tanh(3) ** 2, 12);
    f.backward();
    expect(otherInner.grad).toBeCloseTo(1 - Math.tanh(3) ** 2, 12);
    const want = expected(0.3, -0.7);
    close(x.grad, want.x);
    close(y.grad, want.y);
    close(a.grad, (1 - Math.tanh(3) ** 2) * 2);
  });

  it('sets inner gradients to this backward only, whichever path it takes', () => {
    const x = value(0.3), y = value(-0.7);
    const f = build(x, y);
    f.backward();
    const first = topoSort(f).map((v) => v.grad);
    f.backward(); // inner gradients are reset, leaves accumulate
    topoSort(f).forEach((v, i) => {
      if (v.op === '') expect(v.grad).toBeCloseTo(2 * first[i], 12);
      else expect(v.grad).toBeCloseTo(first[i], 12);
    });
  });

  it('clears an inner gradient left by an earlier backward before passing through it again', () => {
    const x = value(0.3), y = value(-0.7);
    const old = x.add(1);
    old.backward();
    const s = x.mul(y);
    old.add(s).backward(); // reaches back to old, and leaves s.grad = 1
    x.zeroGrad();
    y.zeroGrad();
    s.tanh().backward();
    const d = 1 - Math.tanh(0.3 * -0.7) ** 2;
    close(s.grad, d);
    close(y.grad, d * 0.3);
  });

  it('gives the right gradient through a 70,000-node product chain', () => {
    const x = value(0.5);
    let y: Value = x;
    for (let i = 0; i < 70_000; i++) y = y.mul(1);
    y.tanh().backward();
    close(x.grad, 1 - Math.tanh(0.5) ** 2);
  });

  it('leaves no walk links behind, so a graph keeps nothing else alive and the next walk starts clean', () => {
    const x = value(0.3), y = value(-0.7);
    const shared = x.mul(y);
    const f = shared.tanh().mul(shared).add(x.pow(2));
    f.backward();
    shared.sub(1).backward();
    for (const v of topoSort(f)) expect(v.next).toBeNull();
  });
});

describe('Value refuses bad operands with a message that names the op', () => {
  it.each([
    ['add', (x: Value) => x.add('2' as never), 'add: expected a Value or a number, got the string "2"'],
    ['mul', (x: Value) => x.mul(undefined as never), 'mul: expected a Value or a number, got undefined'],
    ['div', (x: Value) => x.div([1] as never), 'div: expected a Value or a number, got an array'],
    ['pow', (x: Value) => x.pow(value(2) as never), 'pow: expected a number as the exponent, got object'],
    ['value', () => value('3' as never), 'value: expected a number, got the string "3"'],
  ])('%s', (_, f, message) => {
    expect(() => f(value(1))).toThrow(message);
  });

  it('still computes correctly afterwards', () => {
    expect(() => value(1).sub(null as never)).toThrow('sub: expected a Value or a number, got null');
    const x = value(2);
    x.mul(x).backward();
    expect(x.grad).toBe(4);
  });
});
