// Module: the base of every layer. It finds its parameters and sub-modules by looking at its own fields,
// as PyTorch does, so a layer only has to declare them; buffers (running statistics) are registered by
// name. Also: the state dict (export and import of parameters and buffers) and forward hooks.
import { Tensor } from '../tensor.ts';
import { checkStateDict, type StateDict, tensorState } from './state.ts';

/** Called after a module's forward with the module, its arguments and its output (PyTorch's forward hook). */
export type ForwardHook = (module: Module, inputs: unknown[], output: unknown) => void;

/** A parameter is a leaf tensor that requires grad (outputs kept for inspection are not parameters). */
const isParameter = (v: unknown): v is Tensor => v instanceof Tensor && v.requiresGrad && v.inputs.length === 0;

export abstract class Module {
  /** Dropout and similar layers behave differently in training and in evaluation. */
  training = true;

  /** A layer's computation: a tensor for most, an object for those with several outputs (LSTM: { output, h, c }). */
  abstract forward(...args: never[]): unknown;

  // NOTE: non-enumerable, so the field walk below never sees them (a module's fields are its structure).
  declare private bufferNames: Set<string>;
  declare private hooks: ForwardHook[];

  /**
   * Keeps `tensor` in the field `name` as a buffer: state that is not trained but belongs to the model
   * (batch norm's running statistics), saved and loaded with the parameters, as PyTorch's register_buffer.
   */
  registerBuffer(name: string, tensor: Tensor): Tensor {
    if (!this.bufferNames) Object.defineProperty(this, 'bufferNames', { value: new Set<string>() });
    this.bufferNames.add(name);
    (this as unknown as Record<string, Tensor>)[name] = tensor;
    return tensor;
  }

  /** This module's own buffers (not its sub-modules'), with their field names. */
  private ownBuffers(): [string, Tensor][] {
    if (!this.bufferNames) return [];
    const fields = this as unknown as Record<string, unknown>;
    return [...this.bufferNames].flatMap((n) => (fields[n] instanceof Tensor ? [[n, fields[n] as Tensor] as [string, Tensor]] : []));
  }

  /** This module (named '') and every sub-module below it, each once, outer before inner, as PyTorch's named_modules. */
  namedModules(prefix = ''): [string, Module][] {
    const seen = new Set<Module>();
    const out: [string, Module][] = [];
    const walk = (m: Module, p: string) => {
      if (seen.has(m)) return;
      seen.add(m);
      out.push([p, m]);
      for (const [key, v] of m.entries()) if (v instanceof Module) walk(v, p ? `${p}.${key}` : key);
    };
    walk(this, prefix);
    return out;
  }

  /** Every buffer, with a dotted name such as "1.running_mean". */
  namedBuffers(): [string, Tensor][] {
    return this.namedModules().flatMap(([p, m]) => m.ownBuffers().map(([n, t]) => [p ? `${p}.${n}` : n, t] as [string, Tensor]));
  }

  /** Every buffer. */
  buffers(): Tensor[] {
    return this.namedBuffers().map(([, t]) => t);
  }

  /** Parameters, then buffers, of each module in turn, each tensor once: what the state dict holds. */
  private stateEntries(): [string, Tensor][] {
    const seen = new Set<Tensor>();
    const out: [string, Tensor][] = [];
    for (const [p, m] of this.namedModules()) {
      const own = [...m.entries().filter((e): e is [string, Tensor] => e[1] instanceof Tensor), ...m.ownBuffers()];
      for (const [n, t] of own) {
        if (seen.has(t)) continue;
        seen.add(t);
        out.push([p ? `${p}.${n}` : n, t]);
      }
    }
    return out;
  }

  /**
   * The parameters and buffers as plain JSON, name → { shape, data } (copies), as PyTorch's state_dict:
   * what a model file holds. `loadStateDict` reads it back.
   */
  stateDict(): StateDict {
    return Object.fromEntries(this.stateEntries().map(([n, t]) => [n, tensorState(t)]));
  }

  /**
   * Copies a state dict into this model's parameters and buffers. It checks everything first (every name
   * present, no unknown ones unless `strict` is false, shapes equal, values finite, running variances not
   * negative) and throws an Error naming what is wrong, changing nothing.
   */
  loadStateDict(state: unknown, opts: { strict?: boolean } = {}): void {
    const entries = this.stateEntries();
    const checked = checkStateDict(entries, state, opts.strict ?? true);
    for (const [n, t] of entries) {
      const values = checked[n];
      if (values) t.data.set(values);
    }
  }

  /**
   * Calls `hook(module, inputs, output)` after every forward of this module, until the returned handle's
   * `remove()`, as PyTorch's register_forward_hook. Widgets read per-layer activations this way.
   */
  registerForwardHook(hook: ForwardHook): { remove(): void } {
    if (!this.hooks) {
      const hooks: ForwardHook[] = [];
      Object.defineProperty(this, 'hooks', { value: hooks });
      const forward = this.forward as (...args: unknown[]) => unknown;
      Object.defineProperty(this, 'forward', {
        configurable: true,
        writable: true,
        value: (...args: unknown[]) => {
          const out = forward.apply(this, args);
          for (const h of hooks.slice()) h(this, args, out);
          return out;
        },
      });
    }
    this.hooks.push(hook);
    return {
      remove: () => {
        const i = this.hooks.indexOf(hook);
        if (i >= 0) this.hooks.splice(i, 1);
      },
    };
  }

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
