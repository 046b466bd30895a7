// The README's "Adding a widget" example works as the README says: its model and view blocks, taken from the
// README itself, are written beside the other widgets, imported through the Svelte compiler as a widget's
// are, and driven (the model) and rendered as the build renders a page (the view).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'svelte/server';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeText, LINK_NOTICE, rangeOf } from './figureState.ts';
import { checkModel } from './modelContract.ts';

const root = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Adding a widget'), readme.indexOf('## The exercise layer'));
const block = /```ts\n(\/\/ components\/Slope\/model\.svelte\.ts[\s\S]*?)```/.exec(section)?.[1];
const view = /```svelte\n(<!-- components\/Slope\/Slope\.svelte -->[\s\S]*?)```/.exec(section)?.[1];
// NOTE: a folder of its own beside components/ui, so the example's '../ui/…' imports resolve as written.
const dir = join(root, 'components', '.readme-example');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the README’s smallest widget', () => {
  it('is in the README, with a view that builds the model and the kit from its props', () => {
    expect(block).toBeDefined();
    expect(view).toContain('const { model, kit } = useWidget(');
    expect(view).toContain('<Figure {kit} title="A slope"');
  });

  it('has a model that works as the README says', async () => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'model.svelte.ts');
    writeFileSync(file, block!);
    const { SlopeModel, slopeState } = await import(/* @vite-ignore */ file);
    const m = new SlopeModel();
    expect(m.describe()).toBe('y = 1·x: the line rises from left to right.');
    expect(section).toContain('"y = 1·x: the line rises from left to right."');
    expect(rangeOf(slopeState.schema.shape.w)).toEqual({ min: -3, max: 3, step: 0.1 });
    expect(section).toMatch(/slider runs from −3 to 3 in steps of 0\.1/);
    m.apply({ w: -2 });
    expect(m.describe()).toBe('y = -2·x: the line falls from left to right.');
    expect(slopeState.decode(slopeState.encode(m.snapshot()))).toEqual({ ok: true, state: { w: -2 } });
    m.reset();
    expect(m.snapshot()).toEqual({ w: 1 });
    expect(slopeState.read(encodeText('{"v":1,"w":40}'), m.snapshot())).toEqual({ state: { w: 1 }, notice: LINK_NOTICE });
    checkModel(m, { describes: /^y = .*·x: the line (rises|falls|stays flat)/ });
  });

  it('has a view that renders the figure, and a bad prop stops the build', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'model.svelte.ts'), block!);
    const file = join(dir, 'Slope.svelte');
    writeFileSync(file, view!);
    const { default: Slope } = await import(/* @vite-ignore */ file);
    const html = render(Slope, { props: {} }).body;
    expect(html).toContain('A slope');
    expect(html).toContain('Slope w');
    expect(html).toContain('id="figure-slope"');
    expect(() => render(Slope, { props: { colour: 'red' } }).body).toThrow('<Slope>: unknown prop "colour"; it takes id.');
  });
});
