// The widget islands that put their view inside an ErrorBoundary: a bad prop still throws while the page
// renders on the server, naming the widget and the prop (so it stops the build), rather than being caught
// by the boundary and drawn as a figure that stopped with an error.
import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import BrokenRun from '../BrokenRun/BrokenRun.svelte';
import ComputationGraph from '../ComputationGraph/ComputationGraph.svelte';
import Convolution from '../Convolution/Convolution.svelte';
import DrawDigit from '../DrawDigit/DrawDigit.svelte';
import InductionHeads from '../InductionHeads/InductionHeads.svelte';
import Playground from '../Playground/Playground.svelte';
import Positions from '../Positions/Positions.svelte';
import ScreeningTest from '../ScreeningTest/ScreeningTest.svelte';
import TinyLM from '../TinyLM/TinyLM.svelte';

const islands: Record<string, Component<Record<string, unknown>>> = { BrokenRun, ComputationGraph, Convolution, DrawDigit, InductionHeads, Playground, Positions, ScreeningTest, TinyLM };

describe('a widget island given a bad prop', () => {
  for (const [name, island] of Object.entries(islands)) {
    it(`<${name}> throws while it renders, naming the prop`, () => {
      expect(() => render(island, { props: { colour: 'red' } }).body).toThrow(`<${name}>: unknown prop "colour"`);
    });
  }
});
