// StateModel: a model whose fields are its schema's keys gets snapshot, apply and reset, and they are
// reactive: `$state` fields are accessors, so apply's assignments reach whatever reads the model.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileModule } from 'svelte/compiler';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineState } from './figureState.ts';
import { checkModel } from './modelContract.ts';
import { StateModel } from './stateModel.ts';

const pointState = defineState({
  version: 1,
  schema: z.object({ x: z.number().min(-1).max(1).default(0), label: z.enum(['a', 'b']).default('a'), path: z.array(z.number()).max(3).default([]) }),
});

const dir = join(import.meta.dirname, '.state-model-client');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

class PointModel extends StateModel<typeof pointState.schema> {
  x = $state(this.initial.x);
  label = $state(this.initial.label);
  path: number[] = $state.raw(this.initial.path);
  readonly far = $derived(Math.abs(this.x) > 0.5);

  constructor(init: Partial<z.input<typeof pointState.schema>> = {}) {
    super(pointState, init);
  }

  describe() {
    return `${this.label} at ${this.x}${this.far ? ', far out' : ''}.`;
  }
}

describe('StateModel', () => {
  it('reads its snapshot off the fields, in the schema’s order, and starts from the props', () => {
    const m = new PointModel({ x: 0.25 });
    expect(m.initial).toEqual({ x: 0.25, label: 'a', path: [] });
    expect(Object.keys(m.snapshot())).toEqual(['x', 'label', 'path']);
    m.label = 'b';
    expect(m.snapshot()).toEqual({ x: 0.25, label: 'b', path: [] });
  });

  it('applies a state field by field and resets to the opening state', () => {
    const m = new PointModel();
    m.apply({ x: 0.75, label: 'b', path: [1, 2] });
    expect(m.describe()).toBe('b at 0.75, far out.');
    m.reset();
    expect(m.snapshot()).toEqual({ x: 0, label: 'a', path: [] });
  });

  // NOTE: these tests run the server build, where `$state` is a plain field; this one compiles a model for
  // the browser, where `$state` fields are accessors, and watches it as a view would.
  it('is reactive in the browser build: an effect that reads the snapshot sees apply and reset', async () => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'point.js');
    const source = `import { z } from 'zod';
      import { defineState } from '../figureState.ts';
      import { StateModel } from '../stateModel.ts';
      const spec = defineState({ version: 1, schema: z.object({ x: z.number().default(0), label: z.string().default('a') }) });
      export class Point extends StateModel {
        x = $state(this.initial.x);
        label = $state(this.initial.label);
        far = $derived(Math.abs(this.x) > 0.5);
        constructor() { super(spec); }
        describe() { return this.label; }
      }
      export { flush } from 'svelte/internal/client';
      export function watch(model, seen) {
        return $effect.root(() => { $effect(() => { seen.push(JSON.stringify(model.snapshot()) + ' ' + model.far); }); });
      }`;
    writeFileSync(file, compileModule(source, { generate: 'client', filename: file }).js.code);
    const { Point, watch, flush } = (await import(/* @vite-ignore */ file)) as {
      Point: new () => { apply(s: { x: number; label: string }): void; reset(): void };
      watch: (model: unknown, seen: string[]) => () => void;
      flush: () => void;
    };
    const m = new Point();
    const seen: string[] = [];
    const stop = watch(m, seen);
    flush();
    m.apply({ x: 0.75, label: 'b' });
    flush();
    m.reset();
    flush();
    stop();
    expect(seen).toEqual(['{"x":0,"label":"a"} false', '{"x":0.75,"label":"b"} true', '{"x":0,"label":"a"} false']);
  });

  it('meets the kit’s contract', () => {
    const m = new PointModel({ x: -0.5 });
    m.apply({ x: 1, label: 'b', path: [3] });
    checkModel(m, { initial: m.initial, describes: /^[ab] at / });
  });
});
