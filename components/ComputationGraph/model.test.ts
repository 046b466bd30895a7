// The expression parser and the graph model: values, gradients, layout, stepping, every op of the engine's
// table of scalar ops, and bad input.
import { describe, expect, it } from 'vitest';
import { scalarOps, type ScalarOp } from '../../engine/index.ts';
import { build, functions, ParseError, variablesOf } from './expression.ts';
import { encodeText } from '../ui/figureState.ts';
import { checkModel } from '../ui/modelContract.ts';
import { GraphModel, graphState, MAX_EXPRESSION, presets, ruleOf } from './model.svelte.ts';

/** An expression that uses `op` once, written in its syntax from the engine's table. */
function written(op: ScalarOp): string {
  const s = op.syntax;
  return s.kind === 'infix' ? `a ${s.token} b` : s.kind === 'prefix' ? `${s.token}a` : s.kind === 'power' ? `a${s.token}3` : `${s.name}(a)`;
}

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

  it.each(scalarOps.map((op) => [op.method, op] as const))('reads %s as the engine’s table writes it, and states its rule', (_, op) => {
    const { root } = build(written(op), { a: 0.5, b: 2 });
    expect(root.op).toBe(op.symbol);
    expect(ruleOf(root)).toMatch(/^[a-z]+: ∂out\/∂a|^[a-z]+: each input/);
    expect(new GraphModel(written(op), { a: 0.5, b: 2 }).error).toBe('');
  });

  it('answers an unknown function by name, listing the ones it knows, and counts no function as a variable', () => {
    expect(functions).toEqual(['exp', 'log', 'tanh', 'relu', 'sigmoid']);
    expect(() => build('sqrt(x)', { x: 4 })).toThrow(new ParseError('unknown function sqrt; try: exp, log, tanh, relu, sigmoid', 0));
    expect(variablesOf('sqrt(x) + tanh(y)')).toEqual(['x', 'y']);
    const m = new GraphModel();
    expect(m.load('2 * sqrt(x)')).toBe(false);
    expect(m.error).toBe('Cannot read the expression: unknown function sqrt; try: exp, log, tanh, relu, sigmoid (at character 5).');
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

describe('GraphModel on the figure kit', () => {
  it('snapshots, applies, resets to the expression it opened with, and describes the backward pass', () => {
    const m = new GraphModel('x*x + x', { x: 3 });
    expect(m.describe()).toBe('The output is 12. Step the backward pass to reveal gradients, starting from the output.');
    m.runAll();
    expect(m.describe()).toContain('Gradients so far:');
    expect(m.describe()).toContain('x 7');
    expect(m.apply({ expression: 'relu(y) * 2', values: { y: -1 } })).toBe(true);
    expect(m.report()).toEqual({ expression: 'relu(y) * 2', values: { y: -1 }, step: 0, nodes: 4, output: 0 });
    expect(m.apply({ expression: '(a', values: {} })).toBe(false);
    m.reset();
    expect(m.snapshot()).toEqual({ expression: 'x*x + x', values: { x: 3 } });
  });

  it('reads the links it wrote before the kit', () => {
    const old = encodeText(JSON.stringify({ v: 1, expression: 'tanh(w*x)', values: { w: 2, x: 0.5 } }));
    expect(graphState.decode(old)).toEqual({ ok: true, state: { expression: 'tanh(w*x)', values: { w: 2, x: 0.5 } } });
  });
});

describe('the graph as readers break it', () => {
  it('says where a value stops being finite, and why: x/0, log(0), exp(1000)', () => {
    const m = new GraphModel('x / y', { x: 1, y: 0 });
    expect(m.nonFinite).toBe('The forward pass is not finite: the / node is ∞ because it divides by 0, and everything computed from it is too. Change an input or the expression.');
    expect(m.describe()).toContain('The output is ∞. The forward pass is not finite');
    m.load('log(x)', { x: 0 });
    expect(m.nonFinite).toContain('the log node is −∞ because the logarithm of 0 is −∞');
    m.load('exp(x)', { x: 1000 });
    expect(m.nonFinite).toContain('the exp node is ∞ because exp(1000) is larger than the largest number a float64 holds');
    m.load('x*x', { x: 3 });
    expect(m.nonFinite).toBeNull();
  });

  it('shows a power node’s exponent', () => {
    const m = new GraphModel('x^3 + x^-1', { x: 2 });
    expect(m.nodes.map((n) => n.title)).toEqual(expect.arrayContaining(['^3', '^-1']));
  });

  it('names the preset it shows, and none once the reader types another expression', () => {
    const m = new GraphModel(presets[2].expression, presets[2].values);
    expect(m.preset?.name).toBe('sigmoid-loss');
    m.load('x*x + 1');
    expect(m.preset).toBeNull();
  });

  it('hides each input’s gradient until the backward pass reaches it', () => {
    const m = new GraphModel('a*b', { a: 2, b: 3 });
    expect(m.leafRevealed('a')).toBe(false);
    m.runAll();
    expect(m.leafRevealed('a')).toBe(true);
    m.back();
    expect(['a', 'b'].filter((n) => !m.leafRevealed(n))).toHaveLength(1);
  });

  it('treats names like constructor and toString as variables, never as Object.prototype’s', () => {
    const m = new GraphModel('constructor * toString + hasOwnProperty', {});
    expect(m.error).toBe('');
    expect(m.root?.data).toBe(2);
    m.setValue('toString', 4);
    expect(m.root?.data).toBe(5);
    expect(m.numericGradients().constructor).toBeCloseTo(4, 6);
    // __proto__ alone is refused: a link's parse drops that key, so its value could not be shared.
    expect(m.apply({ expression: '__proto__ + 1', values: { __proto__: 2 } as Record<string, number> })).toBe(false);
  });

  it('refuses an expression longer than its link can hold, so every link it writes it reads back', () => {
    const m = new GraphModel('x', { x: 1 });
    const long = Array.from({ length: 60 }, (_, i) => `x${i}`).join(' + ');
    expect(long.length).toBeGreaterThan(MAX_EXPRESSION);
    expect(m.load(long)).toBe(false);
    expect(m.error).toContain(`at most ${MAX_EXPRESSION}`);
    expect(graphState.decode(graphState.encode(m.snapshot()))).toEqual({ ok: true, state: m.snapshot() });
  });

  it('refuses a variable named __proto__, whose value a link cannot carry (the link parse drops that key)', () => {
    const m = new GraphModel('x', { x: 1 });
    expect(m.load('x + __proto__')).toBe(false);
    expect(m.error).toContain('"__proto__" cannot be a variable name');
    expect(m.load('constructor * 2')).toBe(true);
    expect(graphState.decode(graphState.encode(m.snapshot()))).toEqual({ ok: true, state: m.snapshot() });
  });

  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new GraphModel()));
});

