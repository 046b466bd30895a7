// The state behind the ComputationGraph figure: an expression and its variables, the engine's Value graph
// laid out in columns by depth, the gradients from backward(), a step-by-step reveal of the backward
// pass in reverse topological order, and finite-difference gradients to compare with.
import { z } from 'zod';
import { localRule, topoSort, type Value } from '../../engine/index.ts';
import type { FigureModel } from '../ui/figure.svelte.ts';
import { defineState } from '../ui/figureState.ts';
import { build, ParseError, variablesOf } from './expression.ts';

/** The longest expression the figure takes (the input box stops there, so every link it writes it reads). */
export const MAX_EXPRESSION = 200;

export interface Preset {
  name: string;
  label: string;
  expression: string;
  values: Record<string, number>;
}

export const presets: Preset[] = [
  { name: 'micrograd', label: '(a·b + c)·f', expression: '(a*b + c) * f', values: { a: 2, b: -3, c: 10, f: -2 } },
  { name: 'neuron', label: 'a neuron: tanh(w₁x₁ + w₂x₂ + b)', expression: 'tanh(w1*x1 + w2*x2 + b)', values: { w1: -3, x1: 2, w2: 1, x2: 0, b: 6.9 } },
  { name: 'sigmoid-loss', label: 'squared error of a sigmoid unit', expression: '(sigmoid(w*x + b) - y)^2', values: { w: 0.5, x: 2, b: -1, y: 1 } },
  { name: 'reuse', label: 'a value used twice: x·x + x', expression: 'x*x + x', values: { x: 3 } },
  { name: 'two-examples', label: 'one weight, two examples: (w·x₁ − y₁)² + (w·x₂ − y₂)²', expression: '(w*x1 - y1)^2 + (w*x2 - y2)^2', values: { w: 1, x1: 1, y1: 2, x2: 3, y2: 1 } },
];

export interface GraphNode {
  id: number;
  node: Value;
  /** Column (0 = inputs) and row within the column. */
  depth: number;
  row: number;
  /** What the box says: a variable's name, a constant, or the op. */
  title: string;
}

/** The figure's state: the expression and its inputs' values. */
export const graphState = defineState({
  version: 1,
  schema: z.object({
    expression: z.string().max(MAX_EXPRESSION).default(presets[0].expression),
    values: z.record(z.string(), z.number()).default(presets[0].values),
  }),
});

export type GraphState = z.output<typeof graphState.schema>;

/** The local derivative rule of each op, as the figure explains it while stepping: the engine's table of
 * scalar ops states it (engine/scalar-ops.ts). */
export { localRule as ruleOf } from '../../engine/index.ts';

const fmt = (x: number) => (Number.isFinite(x) ? String(+x.toPrecision(4)) : String(x));

export class GraphModel implements FigureModel<typeof graphState.schema> {
  readonly spec = graphState;
  readonly initial: GraphState;
  expression = $state(presets[0].expression);
  values: Record<string, number> = $state({ ...presets[0].values });
  /** How many nodes of the backward pass have been processed (0 = none, nodes.length = all). */
  step = $state(0);
  error = $state('');

  nodes: GraphNode[] = $state.raw([]);
  edges: { from: number; to: number }[] = $state.raw([]);
  /** Nodes in backward order: the output first. */
  order: number[] = $state.raw([]);
  /** Replaced (never mutated) on every load, so views that read them update. */
  leaves: Map<string, Value> = $state.raw(new Map());
  root: Value | null = $state.raw(null);

  constructor(expression?: string, values?: Record<string, number>) {
    this.load(expression ?? presets[0].expression, values ?? presets[0].values);
    this.initial = this.snapshot();
  }

  /** Variables the expression uses, in order. */
  get variables(): string[] {
    try {
      return variablesOf(this.expression);
    } catch {
      return Object.keys(this.values);
    }
  }

  /** Sets expression and values and rebuilds; on a parse error keeps the last good graph and reports. */
  load(expression: string, values: Record<string, number> = this.values): boolean {
    try {
      const names = variablesOf(expression);
      const vals: Record<string, number> = {};
      for (const n of names) vals[n] = values[n] ?? this.values[n] ?? 1;
      const { root, leaves } = build(expression, vals);
      root.backward();
      this.expression = expression;
      this.values = vals;
      this.root = root;
      this.leaves = leaves;
      this.layout(root);
      this.error = '';
      this.step = 0;
      return true;
    } catch (e) {
      this.error = e instanceof ParseError ? `Cannot read the expression: ${e.message} (at character ${e.position + 1}).` : `Cannot compute: ${(e as Error).message}`;
      return false;
    }
  }

  setValue(name: string, v: number): void {
    if (!Number.isFinite(v)) return;
    this.load(this.expression, { ...this.values, [name]: v });
  }

  private layout(root: Value): void {
    const topo = topoSort(root); // inputs first
    const index = new Map(topo.map((v, i) => [v, i]));
    const depth = new Map<Value, number>();
    for (const v of topo) depth.set(v, v.children.length ? 1 + Math.max(...v.children.map((c) => depth.get(c)!)) : 0);
    const rows = new Map<number, number>();
    this.nodes = topo.map((v, i) => {
      const d = depth.get(v)!;
      const row = rows.get(d) ?? 0;
      rows.set(d, row + 1);
      return { id: i, node: v, depth: d, row, title: v.children.length ? v.op : v.label || String(v.data) };
    });
    this.edges = topo.flatMap((v, i) => v.children.map((c) => ({ from: index.get(c)!, to: i })));
    this.order = topo.map((_, i) => i).reverse();
  }

  /** True once node `id` has received its full gradient in the stepped backward pass. */
  revealed(id: number): boolean {
    return this.order.indexOf(id) < this.step;
  }

  /** The node being processed right now (its gradient is final and it is passing it on). */
  get current(): GraphNode | null {
    return this.step > 0 ? this.nodes[this.order[this.step - 1]] : null;
  }

  next(): void {
    this.step = Math.min(this.order.length, this.step + 1);
  }

  back(): void {
    this.step = Math.max(0, this.step - 1);
  }

  runAll(): void {
    this.step = this.order.length;
  }

  /** Central difference of the output with respect to each variable, in float64: (f(x+h) − f(x−h)) / 2h. */
  numericGradients(h = 1e-6): Record<string, number> {
    const out: Record<string, number> = {};
    for (const name of Object.keys(this.values)) {
      const at = (delta: number) => build(this.expression, { ...this.values, [name]: this.values[name] + delta }).root.data;
      out[name] = (at(h) - at(-h)) / (2 * h);
    }
    return out;
  }

  snapshot(): GraphState {
    return { expression: this.expression, values: { ...this.values } };
  }

  /** Loads a linked state; false (and the error set) when its expression cannot be read. */
  apply(state: GraphState): boolean {
    return this.load(state.expression, state.values);
  }

  reset(): void {
    this.load(this.initial.expression, this.initial.values);
  }

  describe(): string {
    if (!this.root) return this.error;
    const out = `The output is ${fmt(this.root.data)}.`;
    if (this.step === 0) return `${out} Step the backward pass to reveal gradients, starting from the output.`;
    const current = this.current;
    const done = this.order.slice(0, this.step).map((i) => this.nodes[i]);
    return `${out} Backward pass, step ${this.step} of ${this.order.length}: ${current ? `at the ${current.title} node, ${localRule(current.node)}.` : ''} Gradients so far: ${done.map((n) => `${n.title} ${fmt(n.node.grad)}`).join(', ')}.`;
  }

  report() {
    return { expression: this.expression, values: { ...this.values }, step: this.step, nodes: this.order.length, output: this.root?.data ?? null };
  }
}
