// The expression parser and the graph model: values, gradients, layout, stepping, and bad input.
import { describe, expect, it } from 'vitest';
import { build, ParseError, variablesOf } from './expression.ts';
import { GraphModel, presets } from './model.svelte.ts';

describe('expression', () => {
  it('parses with the usual precedence and builds the engine graph', () => {
    const { root, leaves } = build('a + b*c^2 - -d/2', { a: 1, b: 2, c: 3, d: 4 });
    expect(root.data).toBe(1 + 2 * 9 + 2);
    root.backward();
    expect(leaves.get('c')!.grad).toBe(2 * 2 * 3);
    expect(variablesOf('tanh(w*x) + w')).toEqual(['w', 'x']);
  });

  it('uses one leaf per variable, so a value used twice accumulates', () => {
    const { root, leaves } = build('x*x + x', { x: 3 });
    root.backward();
    expect(leaves.get('x')!.grad).toBe(7);
  });

  it.each([
    ['', /empty/],
    ['a +', /ends too early/],
    ['(a', /expected "\)"/],
    ['a ^ b', /must be a number/],
    ['a $ b', /unexpected character/],
    ['a b', /after the end/],
    ['zz', /has no value/],
  ])('rejects %j clearly', (src, message) => {
    expect(() => build(src, { a: 1, b: 2 })).toThrow(ParseError);
    expect(() => build(src, { a: 1, b: 2 })).toThrow(message);
  });
});

describe('GraphModel', () => {
  it('computes the micrograd example: L = -8, dL/da = 6', () => {
    const m = new GraphModel();
    expect(m.root!.data).toBe(-8);
    expect(m.leaves.get('a')!.grad).toBe(6);
    expect(m.leaves.get('f')!.grad).toBe(4);
  });

  it('steps the backward pass from the output to the inputs', () => {
    const m = new GraphModel();
    const out = m.nodes.length - 1;
    expect(m.revealed(out)).toBe(false);
    m.next();
    expect(m.current!.id).toBe(out);
    expect(m.revealed(out)).toBe(true);
    m.runAll();
    expect(m.nodes.every((n) => m.revealed(n.id))).toBe(true);
    m.back();
    expect(m.step).toBe(m.nodes.length - 1);
  });

  it('agrees with finite differences on every preset', () => {
    for (const p of presets) {
      const m = new GraphModel(p.expression, p.values);
      const numeric = m.numericGradients();
      for (const [name, leaf] of m.leaves) expect(leaf.grad).toBeCloseTo(numeric[name], 5);
    }
  });

  it('adds the gradients of a weight used by two examples: dL/dw = -2 + 12 = 10', () => {
    const p = presets.find((q) => q.name === 'two-examples')!;
    const m = new GraphModel(p.expression, p.values);
    expect(m.root!.data).toBe(5);
    expect(m.leaves.get('w')!.grad).toBe(10);
    expect(new GraphModel(p.expression, { ...p.values, w: 0.5 }).leaves.get('w')!.grad).toBe(0);
  });

  it('keeps the last good graph when the new expression does not parse', () => {
    const m = new GraphModel();
    expect(m.load('(a*b')).toBe(false);
    expect(m.error).toMatch(/Cannot read the expression/);
    expect(m.root!.data).toBe(-8);
  });
});
