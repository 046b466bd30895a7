// The numbers behind the LossLandscape figure: a few 2-parameter loss surfaces (values and gradients
// through the engine's Value), and the paths SGD, momentum and Adam take from a start point, with their
// update rules exactly as engine/optim applies them. A path that blows up is cut and marked diverged.
import { z } from 'zod';
import { value, type Value } from '../../engine/index.ts';
import type { FigureModel } from '../ui/figure.svelte.ts';
import { namesOf } from '../ui/choices.ts';
import { defineState } from '../ui/figureState.ts';

export type Method = 'sgd' | 'momentum' | 'adam';
export const methods: Method[] = ['sgd', 'momentum', 'adam'];
export const methodNames: Record<Method, string> = { sgd: 'SGD', momentum: 'momentum', adam: 'Adam' };

export interface Surface {
  label: string;
  f: (x: Value, y: Value) => Value;
  /** Plot window [xmin, xmax, ymin, ymax]. */
  box: Box;
  start: [number, number];
  minimum: [number, number];
  /** Learning rates for the "too small", "about right" and "too large" presets. */
  rates: [number, number, number];
}

type Box = [number, number, number, number];

/** A surface whose plot window, unless it says otherwise, is the square [−2, 2]². */
const surface = (s: Omit<Surface, 'box'> & { box?: Box }): Surface => ({ box: [-2, 2, -2, 2], ...s });

export const surfaces = {
  bowl: surface({
    label: 'bowl: ½(θ₁² + θ₂²)',
    f: (x, y) => x.pow(2).add(y.pow(2)).mul(0.5),
    start: [-1.6, 1.2],
    minimum: [0, 0],
    rates: [0.02, 0.5, 2.5],
  }),
  ravine: surface({
    label: 'ravine: ½(θ₁² + 25θ₂²)',
    f: (x, y) => x.pow(2).add(y.pow(2).mul(25)).mul(0.5),
    start: [-1.7, 0.8],
    minimum: [0, 0],
    rates: [0.005, 0.07, 0.09],
  }),
  rosenbrock: surface({
    label: 'Rosenbrock: (1 − θ₁)² + 20(θ₂ − θ₁²)²',
    f: (x, y) => value(1).sub(x).pow(2).add(y.sub(x.pow(2)).pow(2).mul(20)),
    box: [-2, 2, -1, 3],
    start: [-1.5, 2.5],
    minimum: [1, 1],
    rates: [0.0005, 0.008, 0.03],
  }),
  saddle: surface({
    label: 'saddle: ½θ₁² − ½θ₂² + ¼θ₂⁴',
    f: (x, y) => x.pow(2).mul(0.5).sub(y.pow(2).mul(0.5)).add(y.pow(4).mul(0.25)),
    start: [-1.8, 0.02],
    minimum: [0, 1],
    rates: [0.01, 0.1, 2.2],
  }),
} satisfies Record<string, Surface>;

export type SurfaceName = keyof typeof surfaces;

const coordinate = z.number().min(-3).max(3);

/** The figure's state. The learning rate's and the start's defaults depend on the surface (see `surfaces`). */
export const landscapeState = defineState({
  version: 2,
  schema: z.object({
    /** Which paths are drawn (version 2; version 1 drew all three). */
    show: z.object({ sgd: z.boolean(), momentum: z.boolean(), adam: z.boolean() }).default({ sgd: true, momentum: true, adam: true }),
    surface: z.enum(namesOf(surfaces)).default('bowl'),
    lr: z.number().min(1e-4).max(3).default(0.5),
    beta: z.number().min(0).max(0.99).meta({ step: 0.01 }).default(0.9),
    steps: z.number().int().min(1).max(300).default(60),
    start: z.tuple([coordinate, coordinate]).default([-1.6, 1.2]),
  }),
  migrations: { 1: (old) => ({ ...old, show: { sgd: true, momentum: true, adam: true } }) },
});

/** Paths are drawn in this order, so SGD, the one the prose reads first, lies on top. */
export const drawOrder: Method[] = ['adam', 'momentum', 'sgd'];

export type LandscapeState = z.output<typeof landscapeState.schema>;

/** The loss and its gradient at (x, y), through the engine. */
export function evaluate(s: Surface, x: number, y: number): { loss: number; grad: [number, number] } {
  const X = value(x);
  const Y = value(y);
  const L = s.f(X, Y);
  L.backward();
  return { loss: L.data, grad: [X.grad, Y.grad] };
}

export interface Path {
  points: [number, number][];
  losses: number[];
  /** The step at which the path left every sensible range, or null. */
  divergedAt: number | null;
}

/** A path that gets this many plot widths away from the plot's centre has diverged: it is growing
 * geometrically, and drawing it further would show nothing but a line leaving the picture. */
const FAR = 10;

/**
 * Runs `steps` updates from `start`. SGD: θ ← θ − ηg. Momentum (heavy ball, as optim.SGD): v ← βv + g,
 * θ ← θ − ηv. Adam (as optim.Adam): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − η m̂/(√v̂ + ε).
 */
export function run(s: Surface, method: Method, start: [number, number], lr: number, beta: number, steps: number): Path {
  let [x, y] = start;
  const [x0, x1, y0, y1] = s.box;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const far = FAR * Math.max(x1 - x0, y1 - y0);
  const points: [number, number][] = [[x, y]];
  const losses: number[] = [evaluate(s, x, y).loss];
  const v = [0, 0];
  const m = [0, 0];
  const b1 = 0.9;
  const b2 = 0.999;
  for (let t = 1; t <= steps; t++) {
    const { grad } = evaluate(s, x, y);
    const d = [0, 0];
    for (let k = 0; k < 2; k++) {
      const g = grad[k];
      if (method === 'sgd') d[k] = lr * g;
      else if (method === 'momentum') {
        v[k] = t === 1 ? g : beta * v[k] + g;
        d[k] = lr * v[k];
      } else {
        m[k] = b1 * m[k] + (1 - b1) * g;
        v[k] = b2 * v[k] + (1 - b2) * g * g;
        d[k] = (lr * (m[k] / (1 - b1 ** t))) / (Math.sqrt(v[k] / (1 - b2 ** t)) + 1e-8);
      }
    }
    x -= d[0];
    y -= d[1];
    const loss = evaluate(s, x, y).loss;
    if (!Number.isFinite(loss) || Math.hypot(x - cx, y - cy) > far) {
      return { points, losses, divergedAt: t };
    }
    points.push([x, y]);
    losses.push(loss);
  }
  return { points, losses, divergedAt: null };
}

const fmt = (v: number) => (Math.abs(v) < 1e-4 && v !== 0 ? v.toExponential(1) : String(+v.toPrecision(3)));

export class LandscapeModel implements FigureModel<typeof landscapeState.schema> {
  readonly spec = landscapeState;
  readonly opening: SurfaceName;
  surface: SurfaceName = $state('bowl');
  lr = $state(0.5);
  beta = $state(0.9);
  steps = $state(60);
  start: [number, number] = $state([-1.6, 1.2]);
  show: Record<Method, boolean> = $state({ sgd: true, momentum: true, adam: true });

  readonly paths = $derived(
    Object.fromEntries(methods.map((m) => [m, run(surfaces[this.surface], m, this.start, this.lr, this.beta, this.steps)])) as Record<Method, Path>,
  );

  constructor(surface: SurfaceName = 'bowl') {
    this.opening = surface;
    this.reset();
  }

  /** Another surface, with its own start and its "about right" learning rate. */
  setSurface(name: SurfaceName): void {
    const s = surfaces[name];
    this.surface = name;
    this.start = [...s.start];
    this.lr = s.rates[1];
  }

  snapshot(): LandscapeState {
    return { show: { ...this.show }, surface: this.surface, lr: this.lr, beta: this.beta, steps: this.steps, start: [...this.start] as [number, number] };
  }

  apply(s: LandscapeState): void {
    this.surface = s.surface;
    this.lr = s.lr;
    this.beta = s.beta;
    this.steps = s.steps;
    this.start = [...s.start];
    this.show = { ...s.show };
  }

  reset(): void {
    const { beta, steps, show } = landscapeState.defaults();
    this.setSurface(this.opening);
    this.beta = beta;
    this.steps = steps;
    this.show = show;
  }

  /**
   * Methods whose paths run along one straight line with SGD's. On the bowl every gradient points at the
   * centre, so SGD and momentum both move along the line from the start to the minimum (momentum
   * overshooting along it) and would hide one another: the figure says so.
   */
  sharedLine(): Method[] {
    const sgd = this.paths.sgd.points;
    if (sgd.length < 2) return [];
    const [x0, y0] = sgd[0];
    const [x1, y1] = sgd[1];
    const len = Math.hypot(x1 - x0, y1 - y0);
    if (len < 1e-12) return [];
    const off = (p: [number, number]) => Math.abs((x1 - x0) * (p[1] - y0) - (y1 - y0) * (p[0] - x0)) / len;
    const scale = 1e-6 * Math.max(1, ...sgd.map((p) => Math.hypot(p[0] - x0, p[1] - y0)));
    const others = methods.filter((m) => m !== 'sgd' && this.paths[m].points.length > 1 && this.paths[m].points.every((p) => off(p) < scale) && sgd.every((p) => off(p) < scale));
    return others.length ? ['sgd', ...others] : [];
  }

  /** One method's outcome in words. */
  summary(m: Method): string {
    const p = this.paths[m];
    return p.divergedAt !== null ? `${methodNames[m]} diverged after ${p.divergedAt} steps` : `${methodNames[m]} reaches loss ${fmt(p.losses.at(-1)!)}`;
  }

  /** The note the figure shows when paths share one line, or null. */
  sharedLineNote(): string | null {
    const shared = this.sharedLine();
    if (!shared.length) return null;
    return `${shared.map((m) => methodNames[m]).join(' and ')} travel along the same straight line here (every gradient points at the minimum), so their paths overlap; the dots mark each method's steps.`;
  }

  describe(): string {
    const hidden = methods.filter((m) => !this.show[m]);
    const note = this.sharedLineNote();
    return (
      `${surfaces[this.surface].label}, learning rate η = ${this.lr}, momentum β = ${this.beta}, ${this.steps} steps from (${fmt(this.start[0])}, ${fmt(this.start[1])}): ` +
      methods.map((m) => this.summary(m)).join('; ') +
      '.' +
      (note ? ` ${note}` : '') +
      (hidden.length ? ` Hidden from the drawing: ${hidden.map((m) => methodNames[m]).join(', ')}.` : '')
    );
  }

  /** The state exercises read: settings, and per method whether it diverged and its final loss. */
  report() {
    const diverged = Object.fromEntries(methods.map((m) => [m, this.paths[m].divergedAt !== null])) as Record<Method, boolean>;
    const finalLoss = Object.fromEntries(methods.map((m) => [m, this.paths[m].divergedAt !== null ? null : (this.paths[m].losses.at(-1) ?? null)])) as Record<Method, number | null>;
    return { ...this.snapshot(), diverged, finalLoss };
  }
}
