// Every oracle test again with every matrix product forced onto the WebAssembly SIMD kernel (the other
// files run them on 'auto', where the small products of most tests use JavaScript and large ones
// WebAssembly): the kernel's own tests, TensorFlow.js agreement, finite differences (which run in float64
// and so stay on JavaScript), the layers, attention and transformer tests.
import { describe, expect, it } from 'vitest';
import { gemmInfo, setGemmPath } from './gemm.ts';

setGemmPath('wasm');
await import('./gemm.test.ts');
await import('./oracle.test.ts');
await import('./attention.test.ts');
await import('../nn/transformer.test.ts');
await import('../nn/nn.test.ts');
await import('../nn/recurrent.test.ts');

describe('the forced path', () => {
  it('was WebAssembly for every test above', () => {
    expect(gemmInfo()).toEqual({ path: 'wasm', wasm: true });
  });
});
