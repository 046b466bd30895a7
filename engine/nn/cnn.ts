// The layers of convolutional networks, with PyTorch's names, arguments and defaults: Conv2d, MaxPool2d,
// AvgPool2d, Flatten, BatchNorm1d and BatchNorm2d.
import { batchNorm } from '../ops/batchnorm.ts';
import { conv2d, type Conv2dOptions } from '../ops/conv.ts';
import { pair, type Pair } from '../ops/im2col.ts';
import { avgPool2d, maxPool2d, type AvgPoolOptions, type MaxPoolOptions } from '../ops/pool.ts';
import { flatten } from '../ops/shape.ts';
import { defaultGenerator } from '../random.ts';
import { full, shapeStr, tensor, zeros, type Tensor } from '../tensor.ts';
import { initialize } from './init.ts';
import type { LayerOptions } from './layers.ts';
import { Module } from './module.ts';

export type Conv2dLayerOptions = LayerOptions & Conv2dOptions;

/**
 * 2-D convolution, as torch.nn.Conv2d(in, out, kernel, stride=1, padding=0, dilation=1, groups=1, bias=True).
 * x: [B, in, H, W] → [B, out, Ho, Wo]. weight: [out, in/groups, kh, kw], bias: [out].
 * NOTE: the weights start from He's normal initialization (and the bias at 0), the book's choice for ReLU
 * networks, where PyTorch draws both uniformly in ±1/√fanIn; pass `init` to choose another.
 */
export class Conv2d extends Module {
  weight: Tensor;
  bias: Tensor | null;
  readonly kernelSize: [number, number];
  stride: Pair;
  padding: Pair | 'same' | 'valid';
  dilation: Pair;
  groups: number;

  constructor(inChannels: number, outChannels: number, kernel: Pair, opts: Conv2dLayerOptions = {}) {
    super();
    const groups = opts.groups ?? 1;
    if (!Number.isInteger(groups) || groups < 1 || inChannels % groups !== 0 || outChannels % groups !== 0) {
      throw new Error(`Conv2d: groups must be a whole number dividing both ${inChannels} input and ${outChannels} output channels, got ${groups}`);
    }
    this.kernelSize = pair(kernel, 'Conv2d: kernel size', 1);
    const [kh, kw] = this.kernelSize;
    this.weight = initialize(zeros([outChannels, inChannels / groups, kh, kw], { requiresGrad: true }), opts.init ?? 'he', opts.rng ?? defaultGenerator);
    this.bias = opts.bias === false ? null : zeros([outChannels], { requiresGrad: true });
    this.stride = opts.stride ?? 1;
    this.padding = opts.padding ?? 0;
    this.dilation = opts.dilation ?? 1;
    this.groups = groups;
  }

  forward(x: Tensor): Tensor {
    return conv2d(x, this.weight, this.bias, { stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups });
  }
}

/** Max-pooling as a layer, torch.nn.MaxPool2d(kernel, stride=kernel, padding=0, dilation=1, ceil_mode=False). */
export class MaxPool2d extends Module {
  readonly opts: MaxPoolOptions;

  constructor(readonly kernelSize: Pair, opts: MaxPoolOptions = {}) {
    super();
    this.opts = { ...opts };
  }

  forward(x: Tensor): Tensor {
    return maxPool2d(x, this.kernelSize, this.opts);
  }
}

/** Average-pooling as a layer, torch.nn.AvgPool2d(kernel, stride=kernel, padding=0, ceil_mode=False, count_include_pad=True). */
export class AvgPool2d extends Module {
  readonly opts: AvgPoolOptions;

  constructor(readonly kernelSize: Pair, opts: AvgPoolOptions = {}) {
    super();
    this.opts = { ...opts };
  }

  forward(x: Tensor): Tensor {
    return avgPool2d(x, this.kernelSize, this.opts);
  }
}

/** Merges axes startDim … endDim, as torch.nn.Flatten (defaults 1 and −1: [B, C, H, W] → [B, C·H·W]). */
export class Flatten extends Module {
  constructor(readonly startDim = 1, readonly endDim = -1) {
    super();
  }

  forward(x: Tensor): Tensor {
    return flatten(x, this.startDim, this.endDim);
  }
}

export interface BatchNormLayerOptions {
  /** Added to the variance (default 1e-5). */
  eps?: number;
  /** Weight of each new batch in the running statistics (default 0.1); null: a plain average of all batches. */
  momentum?: number | null;
  /** Learn a scale γ (weight, starts at 1) and shift β (bias, starts at 0) per channel (default true). */
  affine?: boolean;
  /** Keep running statistics for evaluation (default true); without them, every forward uses its batch's. */
  trackRunningStats?: boolean;
}

/**
 * Batch normalization over channel axis 1 (Ioffe and Szegedy 2015), as PyTorch's _BatchNorm: in training
 * mode it normalizes with the batch's mean and (biased) variance and moves the buffers running_mean and
 * running_var towards them (the variance unbiased), counting batches in num_batches_tracked; in evaluation
 * mode (`eval()`) it normalizes with the running statistics. See `batchNorm` for the formulas.
 */
abstract class BatchNorm extends Module {
  weight: Tensor | null;
  bias: Tensor | null;
  declare running_mean: Tensor | null;
  declare running_var: Tensor | null;
  declare num_batches_tracked: Tensor | null;
  readonly eps: number;
  readonly momentum: number | null;

  protected constructor(
    private readonly kind: string,
    private readonly ranks: number[],
    readonly numFeatures: number,
    opts: BatchNormLayerOptions,
  ) {
    super();
    if (!Number.isInteger(numFeatures) || numFeatures < 1) throw new Error(`${this.kind}: numFeatures must be a whole number ≥ 1, got ${numFeatures}`);
    this.eps = opts.eps ?? 1e-5;
    this.momentum = opts.momentum === undefined ? 0.1 : opts.momentum;
    const affine = opts.affine ?? true;
    this.weight = affine ? full([numFeatures], 1, { requiresGrad: true }) : null;
    this.bias = affine ? zeros([numFeatures], { requiresGrad: true }) : null;
    const track = opts.trackRunningStats ?? true;
    this.registerBuffer('running_mean', zeros([numFeatures]));
    this.registerBuffer('running_var', full([numFeatures], 1));
    this.registerBuffer('num_batches_tracked', tensor(0));
    if (!track) this.running_mean = this.running_var = this.num_batches_tracked = null;
  }

  forward(x: Tensor): Tensor {
    if (!this.ranks.includes(x.shape.length)) {
      throw new Error(`${this.kind}: expected ${this.ranks.map((r) => `${r}-D`).join(' or ')} input, got ${shapeStr(x.shape)}`);
    }
    if (x.shape[1] !== this.numFeatures) throw new Error(`${this.kind}: input ${shapeStr(x.shape)} has ${x.shape[1]} channels, the layer ${this.numFeatures}`);
    let momentum = this.momentum ?? 0;
    if (this.training && this.num_batches_tracked) {
      this.num_batches_tracked.data[0] += 1;
      if (this.momentum === null) momentum = 1 / this.num_batches_tracked.data[0];
    }
    const useBatch = this.training || !this.running_mean;
    return batchNorm(x, this.running_mean, this.running_var, this.weight, this.bias, { training: useBatch, momentum, eps: this.eps });
  }

  /** Running statistics back to mean 0, variance 1, no batches seen (parameters untouched). */
  resetRunningStats(): void {
    this.running_mean?.data.fill(0);
    this.running_var?.data.fill(1);
    this.num_batches_tracked?.data.fill(0);
  }
}

/** Batch normalization of [N, C] or [N, C, L] inputs, as torch.nn.BatchNorm1d(num_features, eps=1e-5, momentum=0.1). */
export class BatchNorm1d extends BatchNorm {
  constructor(numFeatures: number, opts: BatchNormLayerOptions = {}) {
    super('BatchNorm1d', [2, 3], numFeatures, opts);
  }
}

/** Batch normalization of [N, C, H, W] inputs, per channel, as torch.nn.BatchNorm2d(num_features, eps=1e-5, momentum=0.1). */
export class BatchNorm2d extends BatchNorm {
  constructor(numFeatures: number, opts: BatchNormLayerOptions = {}) {
    super('BatchNorm2d', [4], numFeatures, opts);
  }
}
