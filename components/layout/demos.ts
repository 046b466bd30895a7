// The demos gallery: every widget also has a full-width page under /play/. One table lists them.
export interface Demo {
  slug: string;
  title: string;
  description: string;
  chapter: string;
}

export const demos: Demo[] = [
  { slug: 'playground', title: 'Playground', description: 'Train a network on a 2-D data set and watch its decision boundary form.', chapter: 'depth' },
  { slug: 'neuron', title: 'One neuron', description: 'Move the weights and bias of a single neuron and see the line it draws.', chapter: 'neurons' },
  { slug: 'overfitting', title: 'Overfitting', description: 'Train a network on a few noisy points and fight overfitting with L2, dropout and early stopping.', chapter: 'depth' },
  { slug: 'computation-graph', title: 'Computation graph', description: 'Step backpropagation through an expression one node at a time.', chapter: 'backpropagation' },
  { slug: 'loss-landscape', title: 'Loss landscape', description: 'Race SGD, momentum and Adam across a loss surface from a start point you choose.', chapter: 'sgd' },
  { slug: 'activations', title: 'Activations', description: 'Each activation function beside its derivative.', chapter: 'relu-init' },
  { slug: 'gradient-flow', title: 'Gradient flow', description: 'See activations and gradients shrink or survive through a deep network for each initialization.', chapter: 'relu-init' },
  { slug: 'convolution', title: 'Convolution', description: 'Slide an editable kernel over an image with stride, padding and dilation, one output cell at a time.', chapter: 'cnn' },
  { slug: 'channels', title: 'Channels and filters', description: 'A colour image as three channels and two filters that are stacks of three slices: take an output apart channel by channel.', chapter: 'cnn' },
  { slug: 'receptive-field', title: 'Receptive field', description: 'Pick a unit deep in a small CNN and see the patch of every earlier layer it depends on.', chapter: 'cnn' },
  { slug: 'digit-cnn', title: 'Digit CNN', description: 'Train a CNN and a dense network of the same size on handwritten digits, and watch the filters and feature maps.', chapter: 'cnn' },
  { slug: 'unrolled-rnn', title: 'Unrolled RNN', description: 'Step a recurrent network forward through time and its gradient backward, one step at a time.', chapter: 'rnn' },
  { slug: 'gradient-through-time', title: 'Gradients through time', description: 'See a recurrent network\'s gradient vanish or explode with the spectral radius of its recurrent weight.', chapter: 'rnn' },
  { slug: 'memory-task', title: 'Memory task', description: 'Train a plain RNN, an LSTM and a GRU side by side to remember a bit across a delay you choose.', chapter: 'rnn' },
  { slug: 'character-model', title: 'Character model', description: 'Train an LSTM on first names in the page and sample new names at a temperature you set.', chapter: 'rnn' },
  { slug: 'attention', title: 'Attention, step by step', description: 'Compute scaled dot-product attention one stage at a time, with a query you drag and a causal mask you switch on.', chapter: 'transformers' },
  { slug: 'positions', title: 'Positions', description: 'See the sinusoidal position encoding, its dot products by distance, and why self-attention without positions cannot tell word order.', chapter: 'transformers' },
  { slug: 'induction-heads', title: 'Induction heads', description: 'Train a tiny transformer in the page and watch its induction heads form, with the sudden drop in its loss; or teach it to copy, reverse and sort.', chapter: 'transformers' },
  { slug: 'tiny-lm', title: 'A tiny language model', description: 'Train a small transformer on first names in the page beside chapter 8\'s LSTM, then read their next-letter probabilities and sample names at a temperature.', chapter: 'transformers' },
  { slug: 'digit-reader', title: 'Digit reader', description: 'Press a cell of a trained CNN\'s confusion matrix to see its digits, read each digit\'s precision and recall, and draw your own.', chapter: 'applications' },
  { slug: 'spam-filter', title: 'Spam filter', description: 'Train a spam filter on real mail, move its threshold along the ROC and precision-recall curves, and beat a naive Bayes baseline.', chapter: 'applications' },
  { slug: 'screening', title: 'Screening test', description: 'Set a test\'s threshold and the prevalence, and see how few positives are real when the disease is rare.', chapter: 'applications' },
  { slug: 'lr-range-test', title: 'Learning-rate range test', description: 'Sweep the learning rate over one short run and read a good value off the loss curve.', chapter: 'debugging' },
  { slug: 'broken-run', title: 'A broken training run', description: 'Diagnose a training run with one planted fault from its symptoms, then fix it.', chapter: 'debugging' },
  { slug: 'notebook', title: 'Notebook', description: 'Run code against the engine in cells that share a scope.', chapter: 'introduction' },
];
