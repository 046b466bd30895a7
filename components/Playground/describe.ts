// What the Playground says in words: the live description a screen reader follows, the caption, and the
// status lines for a run that thrashes or has stopped. Pure functions of the numbers.
import { features } from './features.ts';
import { architecture, featuresOf, type Settings } from './settings.ts';

export const percent = (v: number) => `${Math.round(v * 100)}%`;

/** The regularization in use, in words ("L1 rate 0.03, dropout 0.1"), or '' for none. */
export function regularizationText(s: Settings): string {
  return [(s.l1 ?? 0) > 0 && `L1 rate ${s.l1}`, s.l2 > 0 && `L2 rate ${s.l2}`, s.dropout > 0 && `dropout ${s.dropout}`].filter(Boolean).join(', ');
}

/** When training will stop by itself, in words, or '' when it will not. */
export function stopRulesText(maxEpochs: number | undefined, patience: number | undefined): string {
  return [maxEpochs !== undefined && `at epoch ${maxEpochs}`, patience !== undefined && `once the test loss has not improved for ${patience} epochs`]
    .filter(Boolean)
    .join(' or ');
}

/** The test set's confusion counts (actual 0 predicted 0, 0→1, 1→0, 1→1) in words. */
export function confusionText(c: readonly number[]): string {
  return (
    `Test set: ${c[0]} of ${c[0] + c[1]} blue points (class 0) and ${c[3]} of ${c[2] + c[3]} orange points (class 1) classified correctly; ` +
    `${c[1]} blue taken for orange, ${c[2]} orange taken for blue.`
  );
}

/** A classifier whose training loss is far above what guessing 50/50 scores (ln 2 ≈ 0.69): the steps overshoot. */
export function thrashText(trainLoss: number): string {
  return `The training loss, ${trainLoss.toFixed(2)}, is far above 0.69, what guessing 50/50 everywhere scores: the steps overshoot and training thrashes. Lower the learning rate η.`;
}

/**
 * The caption: how to read the figure (the shading means a class, or for regression a value), and what
 * clicking a line and New weights do where the figure has them.
 */
export function caption(regression: boolean, has: { weightEditor: boolean; newWeights: boolean } = { weightEditor: true, newWeights: true }): string {
  return (
    (regression
      ? 'Train a small network to predict a value over the plane. Shading shows the predicted value, blue for −1, pale for 0, orange for +1; dots are coloured by their true value, training points with a thin grey ring, test points with a bold ring.'
      : 'Train a small network on a 2-D data set. Shading shows the predicted class (pale where unsure); filled dots are training points, rings are test points.') +
    ' On the network, each unit shows its own output over the plane (hover or focus it to see it large); orange lines are positive weights, blue negative, and thicker lines had larger gradients in the last step.' +
    (has.weightEditor ? ' Click a line to read its weight or type a new one.' : '') +
    (has.newWeights ? ' New weights starts the same data from another random start.' : '')
  );
}

/** What the live description is made of. */
export interface Run {
  settings: Settings;
  regression: boolean;
  diverged: boolean;
  running: boolean;
  epoch: number;
  trainLoss: number;
  testLoss: number;
  testAccuracy: number;
  confusion: readonly number[];
  /** The sentences below the numbers: when training will stop, thrashing, and why it stopped or diverged ('' for none). */
  stopRules: string;
  thrash: string;
  stopped: string;
}

/**
 * The figure in words: the problem, the network and its training, then the numbers now. While training
 * runs it is one short line of progress that names its epoch (the live region shows it at most every two
 * seconds, so the counter on screen may be ahead of it, and a screen reader is not read the whole set-up
 * again each time); paused or stopped, it is the whole description with the numbers shown.
 */
export function describe(r: Run): string {
  const s = r.settings;
  const reg = regularizationText(s);
  const setup =
    `${s.dataset} ${r.regression ? 'regression ' : ''}data (noise ${s.noise}), inputs ${featuresOf(s).map((f) => features[f].label).join(', ')}, network ${architecture(s)} with ${s.activation}, ` +
    `${s.optimizer} at learning rate ${s.lr}, batch ${s.batch}${reg ? `, ${reg}` : ''}${r.stopRules ? `; training stops ${r.stopRules}` : ''}.`;
  if (r.diverged) return `${setup} ${r.stopped}`;
  if (r.running) {
    const score = r.regression ? '' : `, test accuracy ${percent(r.testAccuracy)}`;
    return `Training, at epoch ${r.epoch}: training loss ${r.trainLoss.toFixed(3)}, test loss ${r.testLoss.toFixed(3)}${score}. Pause for the full description.`;
  }
  return (
    `${setup} Epoch ${r.epoch}: ` +
    `training loss ${r.trainLoss.toFixed(3)}, test loss ${r.testLoss.toFixed(3)}` +
    (r.regression ? ' (mean squared error).' : `, test accuracy ${percent(r.testAccuracy)}. ${confusionText(r.confusion)}`) +
    (r.thrash ? ` ${r.thrash}` : '') +
    (r.stopped ? ` ${r.stopped}` : '')
  );
}
