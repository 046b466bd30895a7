// TensorFlow Playground's network code, rewritten here in plain JavaScript with the same structure as its
// nn.ts (Apache 2.0): a Node object per unit and a Link object per weight, forwardProp and backProp one
// example at a time, gradients accumulated on the links, updateWeights once per batch. The activation's
// derivative recomputes tanh from the node's total input, as there. W1 and W1-grid only.
import { checksum } from '../workloads.mjs';

const TANH = { output: (x) => Math.tanh(x), der: (x) => { const o = Math.tanh(x); return 1 - o * o; } };
const SQUARE = { error: (o, t) => 0.5 * (o - t) ** 2, der: (o, t) => o - t };

class Node {
  constructor(activation) {
    this.inputLinks = [];
    this.outputs = [];
    this.bias = 0;
    this.totalInput = 0;
    this.output = 0;
    this.outputDer = 0;
    this.inputDer = 0;
    this.accInputDer = 0;
    this.numAccumulatedDers = 0;
    this.activation = activation;
  }

  updateOutput() {
    this.totalInput = this.bias;
    for (let j = 0; j < this.inputLinks.length; j++) {
      const link = this.inputLinks[j];
      this.totalInput += link.weight * link.source.output;
    }
    this.output = this.activation.output(this.totalInput);
    return this.output;
  }
}

class Link {
  constructor(source, dest, weight) {
    this.source = source;
    this.dest = dest;
    this.weight = weight;
    this.errorDer = 0;
    this.accErrorDer = 0;
    this.numAccumulatedDers = 0;
  }
}

function buildNetwork(spec) {
  const network = spec.sizes.map((n) => Array.from({ length: n }, () => new Node(TANH)));
  for (let l = 1; l < network.length; l++) {
    const nin = spec.sizes[l - 1];
    network[l].forEach((node, j) => {
      node.bias = spec.init.b[l - 1][j];
      network[l - 1].forEach((prev, k) => {
        const link = new Link(prev, node, spec.init.W[l - 1][j * nin + k]);
        prev.outputs.push(link);
        node.inputLinks.push(link);
      });
    });
  }
  return network;
}

function forwardProp(network, x0, x1) {
  network[0][0].output = x0;
  network[0][1].output = x1;
  for (let l = 1; l < network.length; l++) {
    const layer = network[l];
    for (let i = 0; i < layer.length; i++) layer[i].updateOutput();
  }
  return network[network.length - 1][0].output;
}

function backProp(network, target, errorFunc) {
  const outputNode = network[network.length - 1][0];
  outputNode.outputDer = errorFunc.der(outputNode.output, target);
  for (let l = network.length - 1; l >= 1; l--) {
    const layer = network[l];
    for (let i = 0; i < layer.length; i++) {
      const node = layer[i];
      node.inputDer = node.outputDer * node.activation.der(node.totalInput);
      node.accInputDer += node.inputDer;
      node.numAccumulatedDers++;
    }
    for (let i = 0; i < layer.length; i++) {
      const node = layer[i];
      for (let j = 0; j < node.inputLinks.length; j++) {
        const link = node.inputLinks[j];
        link.errorDer = node.inputDer * link.source.output;
        link.accErrorDer += link.errorDer;
        link.numAccumulatedDers++;
      }
    }
    if (l === 1) continue;
    const prev = network[l - 1];
    for (let i = 0; i < prev.length; i++) {
      const node = prev[i];
      node.outputDer = 0;
      for (let j = 0; j < node.outputs.length; j++) node.outputDer += node.outputs[j].weight * node.outputs[j].dest.inputDer;
    }
  }
}

function updateWeights(network, learningRate) {
  for (let l = 1; l < network.length; l++) {
    const layer = network[l];
    for (let i = 0; i < layer.length; i++) {
      const node = layer[i];
      if (node.numAccumulatedDers > 0) {
        node.bias -= (learningRate * node.accInputDer) / node.numAccumulatedDers;
        node.accInputDer = 0;
        node.numAccumulatedDers = 0;
      }
      for (let j = 0; j < node.inputLinks.length; j++) {
        const link = node.inputLinks[j];
        if (link.numAccumulatedDers > 0) {
          link.weight -= (learningRate / link.numAccumulatedDers) * link.accErrorDer;
          link.accErrorDer = 0;
          link.numAccumulatedDers = 0;
        }
      }
    }
  }
}

export const workloads = {
  W1(spec) {
    const network = buildNetwork(spec);
    return {
      step(i) {
        for (const k of spec.batchIdx(i)) {
          forwardProp(network, spec.x[2 * k], spec.x[2 * k + 1]);
          backProp(network, spec.y[k], SQUARE);
        }
        updateWeights(network, spec.lr);
      },
      loss() {
        let s = 0;
        for (const k of spec.checkIdx) s += SQUARE.error(forwardProp(network, spec.x[2 * k], spec.x[2 * k + 1]), spec.y[k]);
        return s / spec.checkIdx.length;
      },
    };
  },

  'W1-grid'(spec) {
    const network = buildNetwork(spec);
    const out = new Float32Array(spec.points);
    return {
      step() {
        for (let i = 0; i < spec.points; i++) out[i] = forwardProp(network, spec.grid[2 * i], spec.grid[2 * i + 1]);
      },
      loss: () => checksum(out),
    };
  },
};
