// The digit figure's trained nets as a JSON file: the CNN preset, how far training had gone, and every
// weight of the CNN and of the dense network. Import validates the whole file (format, version, preset,
// the exact number of weights each net of that preset needs, finite values) before anything changes.
// Training after an import goes on from the imported weights with a fresh optimizer.
import { z } from 'zod';
import { rng } from '../../engine/index.ts';
import { buildCnn, buildMlp, countParams, matchedWidth, presetNames, type CnnPreset } from './nets.ts';
import { parseFormatFile } from '../../lib/safeParse.ts';

export const DIGIT_FORMAT = 'deep-learning-live/digit-cnn';
/** Larger than the largest preset's file (two nets of about 62,000 weights each, as JSON text). */
const MAX_CHARS = 6_000_000;

const fileSchema = z.object({
  format: z.literal(DIGIT_FORMAT),
  version: z.literal(1),
  preset: z.enum(presetNames),
  epoch: z.number().int().min(0).max(1_000_000),
  seen: z.number().int().min(0),
  weights: z.object({ cnn: z.array(z.number()), mlp: z.array(z.number()) }),
});

export interface DigitLoad {
  preset: CnnPreset;
  epoch: number;
  seen: number;
  weights: { cnn: Float32Array; mlp: Float32Array };
}

/** The weights each net of a preset needs. */
export function weightCounts(preset: CnnPreset): { cnn: number; mlp: number } {
  const cnn = countParams(buildCnn(preset, rng(0)));
  return { cnn, mlp: countParams(buildMlp(matchedWidth(cnn), rng(0))) };
}

/** The file's text (weights to 7 significant digits, which float32 keeps). */
export function digitFile(d: DigitLoad): string {
  const round = (a: Float32Array) => Array.from(a, (v) => Number(v.toPrecision(7)));
  return JSON.stringify({ format: DIGIT_FORMAT, version: 1, preset: d.preset, epoch: d.epoch, seen: d.seen, weights: { cnn: round(d.weights.cnn), mlp: round(d.weights.mlp) } });
}

/** Reads a file's text: the nets to load, or a message that says what is wrong with it. */
export function parseDigitFile(text: string): { ok: true; load: DigitLoad } | { ok: false; message: string } {
  const parsed = parseFormatFile(text, { format: DIGIT_FORMAT, what: 'a digit network', called: 'file', maxChars: MAX_CHARS, size: (n) => `${Math.round(n / 1e6)} MB`, schema: fileSchema });
  if (!parsed.ok) return parsed;
  const { preset, epoch, seen, weights } = parsed.data;
  const need = weightCounts(preset);
  for (const net of ['cnn', 'mlp'] as const) {
    if (weights[net].length !== need[net]) {
      return { ok: false, message: `The ${net === 'cnn' ? 'CNN' : 'dense network'} of the ${preset} preset has ${need[net]} weights; the file has ${weights[net].length}.` };
    }
    if (!weights[net].every(Number.isFinite)) return { ok: false, message: `The ${net === 'cnn' ? 'CNN' : 'dense network'}'s weights include a value that is not a finite number.` };
  }
  return { ok: true, load: { preset, epoch, seen, weights: { cnn: Float32Array.from(weights.cnn), mlp: Float32Array.from(weights.mlp) } } };
}
