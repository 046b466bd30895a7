// Module: the base of every layer. It finds its parameters and sub-modules by looking at its own fields,
// as PyTorch does, so a layer only has to declare them.
import { Tensor } from '../tensor.ts';

/** A parameter is a leaf tensor that requires grad (outputs kept for inspection are not parameters). */
const isParameter = (v: unknown): v is Tensor => v instanceof Tensor && v.requiresGrad && v.inputs.length === 0;

export abstract class Module {
  /** Dropout and similar layers behave differently in training and in evaluation. */
  training = true;

  /** A layer's computation: a tensor for most, an object for those with several outputs (LSTM: { output, h, c }). */
  abstract forward(...args: never[]): unknown;

  /** Sub-modules and parameters held in fields (directly or in arrays), with their field names. */
  private entries(): [string, Module | Tensor][] {
    const out: [string, Module | Tensor][] = [];
    for (const [key, v] of Object.entries(this)) {
      if (v instanceof Module || isParameter(v)) out.push([key, v]);
      else if (Array.isArray(v)) {
        v.forEach((item, i) => {
          if (item instanceof Module || isParameter(item)) out.push([`${key}.${i}`, item]);
        });
      }
    }
    return out;
  }

  /** Every trainable tensor, each once, with a dotted name such as "layers.0.weight". */
  namedParameters(prefix = ''): [string, Tensor][] {
    const seen = new Set<Tensor>();
    const out: [string, Tensor][] = [];
    const walk = (m: Module, p: string) => {
      for (const [key, v] of m.entries()) {
        const name = p ? `${p}.${key}` : key;
        if (v instanceof Module) walk(v, name);
        else if (!seen.has(v)) {
          seen.add(v);
          out.push([name, v]);
        }
      }
    };
    walk(this, prefix);
    return out;
  }

  /** Every trainable tensor, each once. */
  parameters(): Tensor[] {
    return this.namedParameters().map(([, t]) => t);
  }

  /** Direct sub-modules. */
  children(): Module[] {
    return this.entries().flatMap(([, v]) => (v instanceof Module ? [v] : []));
  }

  /** Clears every parameter's gradient. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.zeroGrad();
  }

  /** Switches training mode on (default) or off, here and in every sub-module. */
  train(on = true): this {
    this.training = on;
    for (const c of this.children()) c.train(on);
    return this;
  }

  /** Evaluation mode: dropout off. */
  eval(): this {
    return this.train(false);
  }

  /** The number of trainable values. */
  parameterCount(): number {
    return this.parameters().reduce((n, p) => n + p.size, 0);
  }
}
