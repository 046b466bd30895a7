// The digit figure's model file: an export imports back into a fresh figure with the same nets (the same
// probabilities and training count), training goes on from it, and broken files are refused with a reason.
import { beforeAll, describe, expect, it } from 'vitest';
import { data } from '../../engine/index.ts';
import { digitFile, DIGIT_FORMAT, parseDigitFile, weightCounts } from './digitFile.ts';
import { useDigits } from './digits.ts';
import { DigitModel } from './model.svelte.ts';

beforeAll(async () => {
  useDigits(await data.loadDigits({ all: true }));
});

describe('digit model files', () => {
  it('round-trip: the imported nets give the exported ones’ probabilities and training goes on from them', () => {
    const a = new DigitModel();
    for (let i = 0; i < 5; i++) a.training!.stepOnce();
    const file = a.exportFile()!;
    expect(file.name).toBe('digit-lenet-2000.json');
    const b = new DigitModel({ preset: 'small' });
    expect(b.importText(file.name, file.text)).toBe(true);
    expect(b.preset).toBe('lenet');
    expect(b.shown!.seen).toBe(2_000);
    expect(b.latest.cnn).toBe(a.latest.cnn);
    Array.from(b.shown!.probeProbs.cnn).forEach((p, k) => expect(p).toBeCloseTo(a.shown!.probeProbs.cnn[k], 5));
    expect(b.fileMessage).toMatch(/^Imported digit-lenet-2000\.json: the LeNet-shaped CNN and its dense network after 2,000 training images/);
    b.training!.stepOnce();
    expect(b.shown!.seen).toBe(2_400);
  });

  it('refuses files that are not JSON, not ours, of the wrong size or with values that are not numbers', () => {
    const need = weightCounts('small');
    const good = JSON.parse(digitFile({ preset: 'small', epoch: 1, seen: 400, weights: { cnn: new Float32Array(need.cnn), mlp: new Float32Array(need.mlp) } }));
    expect(parseDigitFile(JSON.stringify(good)).ok).toBe(true);
    const message = (o: unknown) => {
      const r = parseDigitFile(typeof o === 'string' ? o : JSON.stringify(o));
      return r.ok ? 'accepted' : r.message;
    };
    expect(message('{nope')).toMatch(/not JSON/);
    expect(message({ format: 'other' })).toMatch(new RegExp(`lacks "format": "${DIGIT_FORMAT}"`));
    expect(message({ ...good, version: 2 })).toMatch(/at version/);
    expect(message({ ...good, preset: 'huge' })).toMatch(/at preset/);
    expect(message({ ...good, weights: { ...good.weights, cnn: good.weights.cnn.slice(1) } })).toBe(`The CNN of the small preset has ${need.cnn} weights; the file has ${need.cnn - 1}.`);
    expect(message({ ...good, weights: { ...good.weights, mlp: [...good.weights.mlp.slice(1), 'x'] } })).toMatch(/at weights\.mlp/);
    const m = new DigitModel();
    expect(m.importText('bad.json', '[]')).toBe(false);
    expect(m.fileMessage).toMatch(/^bad\.json was not imported: /);
  });
});
