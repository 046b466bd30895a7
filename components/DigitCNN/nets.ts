// The networks of chapter 7's digit figures: the CNN presets (the default has LeNet-5's shape with ReLU and
// max-pooling), the one-hidden-layer MLP with about as many parameters, their parameter counts and the
// receptive field of every layer. Plain engine code: the trainer's task, the drawing pad and the chapter's
// tests all build the nets from here.
import { nn, type Rng } from '../../engine/index.ts';

export const presetNames = ['lenet', 'small'] as const;
export type CnnPreset = (typeof presetNames)[number];

/** One convolution stage: a k×k convolution to `out` channels (with `pad` zeros), ReLU, 2×2 max-pooling. */
interface Stage {
  out: number;
  k: number;
  pad: number;
}

export interface CnnSpec {
  label: string;
  stages: [Stage, Stage];
  /** Widths of the dense layers after flattening, the last being the 10 classes. */
  dense: number[];
}

export const cnnSpecs: Record<CnnPreset, CnnSpec> = {
  lenet: { label: 'LeNet-shaped: conv 5×5×6, pool, conv 5×5×16, pool, dense 400→120→84→10', stages: [{ out: 6, k: 5, pad: 2 }, { out: 16, k: 5, pad: 0 }], dense: [120, 84, 10] },
  small: { label: 'small: conv 3×3×4, pool, conv 3×3×8, pool, dense 392→10', stages: [{ out: 4, k: 3, pad: 1 }, { out: 8, k: 3, pad: 1 }], dense: [10] },
};

/** The side of each stage's maps on a 28×28 input: after its convolution and after its pooling. */
export function stageSides(spec: CnnSpec): { conv: number; pool: number }[] {
  let n = 28;
  return spec.stages.map((s) => {
    const conv = n + 2 * s.pad - s.k + 1;
    n = Math.floor(conv / 2);
    return { conv, pool: n };
  });
}

/**
 * The CNN of a preset as an nn.Sequential: [conv, ReLU, pool] twice, Flatten, then Linear layers with ReLU
 * between them. Layer 0 is the first convolution (its weight is the filters the figure draws).
 */
export function buildCnn(preset: CnnPreset, rng: Rng): nn.Sequential {
  const spec = cnnSpecs[preset];
  const layers: nn.Module[] = [];
  let channels = 1;
  for (const s of spec.stages) {
    layers.push(new nn.Conv2d(channels, s.out, s.k, { padding: s.pad, rng }), new nn.ReLU(), new nn.MaxPool2d(2));
    channels = s.out;
  }
  const side = stageSides(spec)[1].pool;
  layers.push(new nn.Flatten());
  let width = channels * side * side;
  spec.dense.forEach((w, i) => {
    layers.push(new nn.Linear(width, w, { rng, init: i < spec.dense.length - 1 ? 'he' : 'xavier' }));
    if (i < spec.dense.length - 1) layers.push(new nn.ReLU());
    width = w;
  });
  return new nn.Sequential(...layers);
}

/** Parameters of a dense net 784 → h → 10. */
export const mlpParams = (h: number): number => 784 * h + h + 10 * h + 10;

/** The hidden width whose MLP comes closest to `params` parameters. */
export const matchedWidth = (params: number): number => Math.max(1, Math.round((params - 10) / 795));

/** 784 → h → 10 with ReLU, reading the image flattened. */
export function buildMlp(hidden: number, rng: Rng): nn.Sequential {
  return new nn.Sequential(new nn.Flatten(), new nn.Linear(784, hidden, { rng, init: 'he' }), new nn.ReLU(), new nn.Linear(hidden, 10, { rng }));
}

/** Values in a net's parameters. */
export const countParams = (net: nn.Module): number => net.parameters().reduce((s, p) => s + p.size, 0);

/**
 * The receptive field of each layer of a stack of windows (convolutions and pools): the side of the input
 * patch one unit sees, r_l = r_(l−1) + (k_l − 1)·j_(l−1), where the jump j_l = j_(l−1)·s_l is the input
 * distance between neighbouring units. Dilation d counts as a kernel of side d·(k − 1) + 1.
 */
export function receptiveFields(layers: { k: number; s: number; d?: number }[]): { r: number; j: number }[] {
  let r = 1;
  let j = 1;
  return layers.map(({ k, s, d = 1 }) => {
    r += (d * (k - 1) + 1 - 1) * j;
    j *= s;
    return { r, j };
  });
}

/** The window layers of a preset, in order: conv, pool, conv, pool. */
export const windowLayers = (preset: CnnPreset) => cnnSpecs[preset].stages.flatMap((s) => [{ k: s.k, s: 1 }, { k: 2, s: 2 }]);
