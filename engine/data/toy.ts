// Seeded 2-D toy data sets in the spirit of TensorFlow Playground's, scaled into [-1, 1]², plus small
// regression sets. Every generator takes { n, noise, seed } and returns the same points for the same seed.
import { Rng } from '../random.ts';

/** A classification set: n points in `dim` dimensions (row-major) with class labels 0..classes-1. */
export interface Dataset2D {
  x: Float32Array;
  y: Int32Array;
  n: number;
  dim: number;
  classes: number;
}

/** A regression set: n inputs of `dim` values with real targets. */
export interface RegressionSet {
  x: Float32Array;
  y: Float32Array;
  n: number;
  dim: number;
}

export interface ToyOptions {
  /** Number of points (default 500). */
  n?: number;
  /** 0 (clean) to 0.5 (very noisy). */
  noise?: number;
  seed?: number;
}

export const datasetNames = ['circle', 'xor', 'gaussians', 'spiral', 'moons'] as const;
export type DatasetName = (typeof datasetNames)[number];

function build(n: number, classes: number, point: (i: number, rng: Rng) => [number, number, number], seed: number): Dataset2D {
  const rng = new Rng(seed);
  const x = new Float32Array(2 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const [a, b, label] = point(i, rng);
    x[2 * i] = Math.max(-1, Math.min(1, a));
    x[2 * i + 1] = Math.max(-1, Math.min(1, b));
    y[i] = label;
  }
  return { x, y, n, dim: 2, classes };
}

/** Class 1 inside a disc of radius 0.4, class 0 in a ring from 0.55 to 0.85. */
export function circle({ n = 500, noise = 0, seed = 1 }: ToyOptions = {}): Dataset2D {
  return build(n, 2, (i, rng) => {
    const inside = i % 2 === 0;
    const r = inside ? rng.uniform(0, 0.4) : rng.uniform(0.55, 0.85);
    const t = rng.uniform(0, 2 * Math.PI);
    return [r * Math.cos(t) + rng.normal(0, noise * 0.4), r * Math.sin(t) + rng.normal(0, noise * 0.4), inside ? 1 : 0];
  }, seed);
}

/** The four quadrants: class 1 where x₁·x₂ > 0. Points keep a small margin from the axes. */
export function xor({ n = 500, noise = 0, seed = 1 }: ToyOptions = {}): Dataset2D {
  return build(n, 2, (_, rng) => {
    const pad = 0.05;
    let a = rng.uniform(-0.9, 0.9);
    let b = rng.uniform(-0.9, 0.9);
    a += a > 0 ? pad : -pad;
    b += b > 0 ? pad : -pad;
    const label = a * b > 0 ? 1 : 0;
    return [a + rng.normal(0, noise * 0.4), b + rng.normal(0, noise * 0.4), label];
  }, seed);
}

/** Gaussian blobs, one per class, centred on a circle of radius 0.5; noise widens them. */
export function gaussians({ n = 500, noise = 0, seed = 1, classes = 2 }: ToyOptions & { classes?: number } = {}): Dataset2D {
  const std = 0.1 + noise * 0.5;
  return build(n, classes, (i, rng) => {
    const c = i % classes;
    const t = classes === 2 ? (c === 0 ? Math.PI / 4 : (5 * Math.PI) / 4) : (2 * Math.PI * c) / classes;
    return [0.5 * Math.cos(t) + rng.normal(0, std), 0.5 * Math.sin(t) + rng.normal(0, std), c];
  }, seed);
}

/** Interleaved spirals, one arm per class, each turning 1.75 times. */
export function spiral({ n = 500, noise = 0, seed = 1, classes = 2 }: ToyOptions & { classes?: number } = {}): Dataset2D {
  const perClass = Math.ceil(n / classes);
  return build(n, classes, (i, rng) => {
    const c = i % classes;
    const k = Math.floor(i / classes) / perClass;
    const r = 0.05 + 0.85 * k;
    const t = 1.75 * k * 2 * Math.PI + (2 * Math.PI * c) / classes;
    return [r * Math.sin(t) + rng.normal(0, noise * 0.15), r * Math.cos(t) + rng.normal(0, noise * 0.15), c];
  }, seed);
}

/** Two interleaving half circles. */
export function moons({ n = 500, noise = 0, seed = 1 }: ToyOptions = {}): Dataset2D {
  return build(n, 2, (i, rng) => {
    const upper = i % 2 === 0;
    const t = rng.uniform(0, Math.PI);
    const a = upper ? Math.cos(t) : 1 - Math.cos(t);
    const b = upper ? Math.sin(t) : 0.5 - Math.sin(t);
    // Centre the pair on the origin and fit it into [-1, 1]².
    return [(a - 0.5) * 0.6 + rng.normal(0, noise * 0.3), (b - 0.25) * 0.9 + rng.normal(0, noise * 0.3), upper ? 0 : 1];
  }, seed);
}

/** A toy classification set by name. */
export function toy(name: DatasetName, opts: ToyOptions = {}): Dataset2D {
  return { circle, xor, gaussians, spiral, moons }[name](opts);
}

/** y = f(x) + noise for x uniform in [-1, 1]: 'sine' f = sin(πx), 'cubic' f = 2x³ - x. */
export function regression1d({ n = 100, noise = 0.1, seed = 1, fn = 'sine' }: ToyOptions & { fn?: 'sine' | 'cubic' } = {}): RegressionSet {
  const rng = new Rng(seed);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const v = rng.uniform(-1, 1);
    x[i] = v;
    y[i] = (fn === 'sine' ? Math.sin(Math.PI * v) : 2 * v ** 3 - v) + rng.normal(0, noise);
  }
  return { x, y, n, dim: 1 };
}

/** 2-D regression: 'plane' y = (x₁ + x₂)/2, 'bump' y = exp(-4|x|²) (a Gaussian bump), plus noise. */
export function regression2d({ n = 500, noise = 0, seed = 1, fn = 'plane' }: ToyOptions & { fn?: 'plane' | 'bump' } = {}): RegressionSet {
  const rng = new Rng(seed);
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.uniform(-1, 1);
    const b = rng.uniform(-1, 1);
    x[2 * i] = a;
    x[2 * i + 1] = b;
    y[i] = (fn === 'plane' ? (a + b) / 2 : Math.exp(-4 * (a * a + b * b))) + rng.normal(0, noise * 0.5);
  }
  return { x, y, n, dim: 2 };
}
