// The digit figure's state: which CNN preset trains (beside the dense network of the same size), which test
// digit's feature maps are shown, the digits' loading, and the training (the trainer service's
// TrainingFigure, created once the digits are here). The latest trained nets are published in `trained`
// for the drawing pad on the same page. DigitCNN.svelte is the controls and the drawing.
import { z } from 'zod';
import type { Digits } from '../../engine/index.ts';
import { LoadedTrainingModel, type LoadedFigureOptions } from '../trainer/loadedFigure.svelte.ts';
import { TrainingFigure } from '../trainer/trainingFigure.svelte.ts';
import { defineState } from '../ui/figureState.ts';
import { digitFile, parseDigitFile } from './digitFile.ts';
import { digits, loadAll } from './digits.ts';
import { presetNames, type CnnPreset } from './nets.ts';
import { digitSchedule, digitTask, type DigitReport, type DigitSettings } from './task.ts';

export const digitState = defineState({
  version: 1,
  schema: z.object({
    preset: z.enum(presetNames).default('lenet'),
    /** The test digit whose feature maps are drawn. */
    probe: z.number().int().min(0).max(1999).default(0),
  }),
});
export type DigitState = z.output<typeof digitState.schema>;

export const SEED = 1;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const thousands = (n: number) => n.toLocaleString('en-US');

/** What a drawing pad needs of trained nets: their preset and sizes, their weights and how far they trained. */
export type TrainedNets = Pick<DigitReport, 'preset' | 'params' | 'weights' | 'seen'>;

/** A figure whose nets a drawing pad can run: this chapter's DigitModel, or chapter 10's digit reader. */
export interface NetSource {
  readonly shown: TrainedNets | null;
}

/** The nets a drawing pad on the page runs: the digit figure that trained (or loaded) them last publishes them here. */
class Trained {
  /** The digit figure on this page (the last one mounted), or null when there is none. */
  source: NetSource | null = $state.raw(null);

  /** Makes `figure` the page's source until the returned function is called: `onMount(() => trained.publish(model))`. */
  publish(figure: NetSource): () => void {
    this.source = figure;
    return () => {
      if (this.source === figure) this.source = null;
    };
  }
}
export const trained = new Trained();

export class DigitModel extends LoadedTrainingModel<typeof digitState.schema, Digits, DigitSettings, DigitReport> {
  preset: CnnPreset = $state(this.initial.preset);
  probe = $state(this.initial.probe);
  data: Digits | null = $state.raw(null);
  /** What the last export or import did, in a sentence. */
  fileMessage = $state('');

  readonly latest = $derived.by(() => {
    const a = this.shown?.accuracy;
    return { cnn: a?.cnn.at(-1), mlp: a?.mlp.at(-1) };
  });

  constructor(init: Partial<DigitState> = {}, options: LoadedFigureOptions = {}) {
    super(digitState, init, { what: 'the digits', load: loadAll, get: digits }, options);
    this.readyIfLoaded();
  }

  protected setUp(d: Digits): void {
    this.data = d;
    this.training = new TrainingFigure(digitTask, { preset: this.preset, seed: SEED }, { worker: this.options.worker, trainingSetSize: d.train.n, everyEpoch: true });
    if (this.probe !== 0) this.training.live.call('probe', this.probe);
  }

  override apply(s: DigitState): void {
    if (s.preset !== this.preset) {
      this.preset = s.preset;
      this.training?.restart({ preset: s.preset, seed: SEED });
      if (this.training && this.probe !== 0) this.training.live.call('probe', this.probe);
    }
    this.setProbe(s.probe);
  }

  override reset(): void {
    this.training?.halt();
    const preset = this.preset;
    this.apply(this.initial);
    if (preset === this.initial.preset) this.training?.restart({ preset, seed: SEED });
    if (this.training && this.probe !== 0) this.training.live.call('probe', this.probe);
  }

  setPreset(p: CnnPreset): void {
    this.apply({ preset: p, probe: this.probe });
  }

  /** Shows another test digit's feature maps (training goes on). */
  setProbe(i: number): void {
    const n = Math.min(1999, Math.max(0, Math.round(i)));
    if (n === this.probe) return;
    this.probe = n;
    this.training?.live.call('probe', n);
  }

  /** The trained nets as a file (null before there is a report, or while training runs). */
  exportFile(): { name: string; text: string } | null {
    const r = this.shown;
    const t = this.training;
    if (!r || !t || t.running) return null;
    this.fileMessage = `Exported the nets after ${thousands(r.seen)} training images.`;
    return { name: `digit-${r.preset}-${r.seen}.json`, text: digitFile({ preset: r.preset, epoch: t.live.epoch, seen: r.seen, weights: r.weights }) };
  }

  /** Reads a file from exportFile; on success the figure shows the imported nets (training goes on from them). */
  importText(name: string, text: string): boolean {
    const parsed = parseDigitFile(text);
    if (!parsed.ok) {
      this.fileMessage = `${name} was not imported: ${parsed.message}`;
      return false;
    }
    if (!this.training) {
      this.fileMessage = `${name} was not imported: the digits have not loaded yet.`;
      return false;
    }
    const { load } = parsed;
    this.training.halt();
    this.preset = load.preset;
    this.training.restart({ preset: load.preset, seed: SEED }, load);
    if (this.probe !== 0) this.training.live.call('probe', this.probe);
    this.fileMessage = `Imported ${name}: the ${load.preset === 'lenet' ? 'LeNet-shaped' : 'small'} CNN and its dense network after ${thousands(load.seen)} training images. Training goes on from them with a fresh optimizer.`;
    return true;
  }

  /** What exercises read: the preset, the images seen and the last measured accuracy of each net. */
  report(): { preset: CnnPreset; seen: number; params: DigitReport['params'] | null; accuracy: { cnn: number | undefined; mlp: number | undefined } } {
    return { preset: this.preset, seen: this.shown?.seen ?? 0, params: this.shown?.params ?? null, accuracy: this.latest };
  }

  describe(): string {
    if (this.status === 'failed') return this.error;
    if (this.status !== 'ready' || !this.training) return 'The 10,000 digits load when the figure comes into view.';
    const r = this.shown;
    const t = this.training;
    const net = this.preset === 'lenet' ? 'The LeNet-shaped CNN' : 'The small CNN';
    if (t.live.diverged) return t.message;
    if (!r) return `${net} and a dense network of the same size, not trained yet.`;
    const size = `${net} (${thousands(r.params.cnn)} parameters) and a dense network with ${r.params.hidden} hidden units (${thousands(r.params.mlp)} parameters)`;
    if (t.running) return `${size}: training; the numbers are described when it pauses.`;
    const probe = `Test digit ${this.probe + 1}, a ${this.data?.test.labels[this.probe]}: the CNN says ${argmax(r.probeProbs.cnn)} (${pct(Math.max(...r.probeProbs.cnn))}), the dense network ${argmax(r.probeProbs.mlp)}.`;
    if (this.latest.cnn === undefined) return `${size}, after ${thousands(r.seen)} training images; first measured on the test digits after 2,000. ${probe}`;
    const mistakes = r.confusion ? this.topConfusion(r.confusion) : '';
    return `${size}, after ${thousands(r.seen)} training images (${digitSchedule.passOf(r.passes)}): test accuracy ${pct(this.latest.cnn)} for the CNN and ${pct(this.latest.mlp!)} for the dense network. ${mistakes}${probe}${t.message ? ` ${t.message}` : ''}`;
  }

  /** "Its most common mistake: 4 read as 9 (7 times). " */
  private topConfusion(c: Int32Array): string {
    let best = [-1, -1, 0];
    for (let y = 0; y < 10; y++) for (let p = 0; p < 10; p++) if (y !== p && c[y * 10 + p] > best[2]) best = [y, p, c[y * 10 + p]];
    return best[2] > 0 ? `The CNN's most common mistake: ${best[0]} read as ${best[1]} (${best[2]} times). ` : '';
  }
}

export const argmax = (p: ArrayLike<number>): number => {
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
  return best;
};
