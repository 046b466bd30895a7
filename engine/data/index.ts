// data: seeded toy sets, regression sets, the digits, a tiny text corpus, splitting and batching.
export {
  circle,
  xor,
  gaussians,
  spiral,
  moons,
  toy,
  regression1d,
  regression2d,
  datasetNames,
  type Dataset2D,
  type RegressionSet,
  type ToyOptions,
  type DatasetName,
} from './toy.ts';
export { subset, trainTestSplit, batches, inputs, targets, labels } from './batching.ts';
export { loadDigits, parseDigits, type Digits, type DigitSplit } from './digits.ts';
export { corpus, charVocab, type Vocab } from './text.ts';
