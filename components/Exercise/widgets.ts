// The figures a widget-goal exercise can open ("Neuron" -> components/Neuron/Neuron.svelte), each loaded
// when an exercise first needs it. Only the browser build sees this list: astro.config.mjs gives the
// server build an empty one (scripts/browser-only.mjs), because Astro puts the stylesheet of every module
// a page might import, dynamically or not, on the page (withastro/astro#9495): through this list, every
// chapter with an exercise linked the stylesheets of every figure in the book, about 55 of them. The
// server never needs it, since an exercise opens its figure after it mounts, in the browser; there the
// build loads a figure's stylesheet with its script.
import type { Component } from 'svelte';

export const widgets = import.meta.glob<{ default: Component<Record<string, unknown>> }>('../*/[A-Z]*.svelte');

/** The loader of the figure called `name`, or undefined if there is none (or on the server). */
export const widgetLoader = (name: string) => widgets[`../${name}/${name}.svelte`];
