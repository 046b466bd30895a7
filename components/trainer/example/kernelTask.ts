// The trainer service's smallest complete task, and the model for a new one: a single 3×3 convolution
// learns the edge filter that produced its targets from random 8×8 images. Not an MLP and not 2-D
// points: any engine model and any batches train the same way. README.md walks through it.
import { conv2d, mse, nn, optim, Rng, Tensor } from '../../../engine/index.ts';
import { engineRun } from '../engineRun.ts';
import { defineTask } from '../task.ts';

/** The serialisable settings (what a share link would carry). */
export interface KernelSettings {
  lr: number;
  /** Images per minibatch, and images in the training set. */
  batch: number;
  images: number;
  seed: number;
}

/** What the figure draws: the learned kernel, row-major, and how far it is from the true one. */
export interface KernelReport {
  kernel: Float32Array;
  error: number;
}

/** The filter the targets were made with (a Laplacian edge detector). */
export const TRUE_KERNEL = [0, 1, 0, 1, -4, 1, 0, 1, 0];
const SIZE = 8;

export const kernelTask = defineTask<KernelSettings, KernelReport>({
  name: 'example-kernel',
  divergeAbove: 1e6,
  create(s) {
    if (!(s.batch >= 1 && s.images >= s.batch)) throw new Error('The training set needs at least one full batch of images.');
    const rng = new Rng(s.seed);
    const pixels = Float32Array.from({ length: s.images * SIZE * SIZE }, () => rng.normal());
    const x = new Tensor(pixels, [s.images, 1, SIZE, SIZE]);
    const truth = new Tensor(Float32Array.from(TRUE_KERNEL), [1, 1, 3, 3]);
    const y = conv2d(x, truth, null, { padding: 1 }).detach();
    const conv = new nn.Conv2d(1, 1, 3, { padding: 1, bias: false, rng: rng.fork() });
    const optimizer = new optim.SGD(conv.parameters(), { lr: s.lr });
    const images = (from: number, n: number) => {
      const per = SIZE * SIZE;
      return [new Tensor(pixels.slice(from * per, (from + n) * per), [n, 1, SIZE, SIZE]), new Tensor(y.data.slice(from * per, (from + n) * per), [n, 1, SIZE, SIZE])] as const;
    };
    return engineRun({
      model: conv,
      optimizer,
      rng,
      *batches(r) {
        // Batches in a shuffled order of whole blocks of `batch` images.
        const blocks = Math.floor(s.images / s.batch);
        for (const b of r.permutation(blocks)) {
          const [xb, yb] = images(b * s.batch, s.batch);
          yield () => mse(conv.forward(xb), yb);
        }
      },
      measure() {
        return { loss: mse(conv.forward(x), y).item() };
      },
      report() {
        const kernel = conv.weight.data.slice();
        return { kernel, error: Math.hypot(...kernel.map((v, i) => v - TRUE_KERNEL[i])) };
      },
    });
  },
});
