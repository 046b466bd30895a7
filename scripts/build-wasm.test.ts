// The committed WebAssembly kernel (engine/ops/gemm-kernel.ts) is what scripts/build-wasm.mjs assembles
// from engine/ops/gemm.wat today: an edit to the .wat without re-running the script fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble, moduleText } from './build-wasm.mjs';

describe('scripts/build-wasm.mjs', () => {
  it('the generated kernel module matches gemm.wat', async () => {
    const bytes: Uint8Array = await assemble();
    const committed = readFileSync(join(import.meta.dirname, '..', 'engine', 'ops', 'gemm-kernel.ts'), 'utf8');
    expect(committed).toBe(moduleText(bytes));
  });

  it('refuses text that is not valid WebAssembly, with wabt\'s message', async () => {
    await expect(assemble('(module (func (result i32)))')).rejects.toThrow(/type mismatch|error/);
  });
});
