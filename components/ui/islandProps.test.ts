// The widget islands (an island file hands ui/Island.svelte its view, its props' schema and its name): a bad
// prop throws while the page renders on the server, naming the widget and the prop (so it stops the build),
// rather than being caught by the error boundary and drawn as a figure that stopped with an error; the view
// gets the parsed options, defaults filled in.
import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import Island from './Island.svelte';
import OptionsView from './fixtures/OptionsView.svelte';

// Every widget's island file: the .svelte files that render ui/Island.svelte.
const sources = import.meta.glob<string>('../*/*.svelte', { query: '?raw', import: 'default', eager: true });
const modules = import.meta.glob<Component<Record<string, unknown>>>('../*/*.svelte', { import: 'default' });
const islands = Object.keys(sources)
  .filter((path) => sources[path].includes("from '../ui/Island.svelte'"))
  .map((path) => ({ name: path.split('/').pop()!.replace('.svelte', ''), load: modules[path] }));

const schema = z.object({ id: z.string().default('probe'), size: z.number().int().min(1).default(3) });
const island = (props: Record<string, unknown>) => render(Island, { props: { name: 'Probe', schema, props, view: OptionsView } }).body;

describe('a widget island given a bad prop', () => {
  it('includes every widget that the chapters import as an island', () => {
    expect(islands.map((i) => i.name).sort()).toEqual(
      expect.arrayContaining(['BrokenRun', 'ComputationGraph', 'Convolution', 'DrawDigit', 'InductionHeads', 'Playground', 'Positions', 'ScreeningTest', 'TinyLM']),
    );
  });

  for (const { name, load } of islands) {
    it(`<${name}> throws while it renders, naming the prop`, async () => {
      const component = await load();
      expect(() => render(component, { props: { colour: 'red' } }).body).toThrow(`<${name}>: unknown prop "colour"`);
    });
  }

  it('the shared island parses the props itself, naming the widget and the prop', () => {
    expect(() => island({ colour: 'red' })).toThrow('<Probe>: unknown prop "colour"; it takes id, size.');
    expect(() => island({ size: 0 })).toThrow('<Probe>: size=0');
  });

  it('gives the view the parsed options, defaults filled in', () => {
    expect(island({ size: 5, slot: 'figure' })).toContain('<p>{"id":"probe","size":5}</p>');
  });
});
