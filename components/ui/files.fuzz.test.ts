// Every file the book imports, fuzzed with fast-check (progress files, assignment and submission files have
// their own fuzz tests in lib/): random text and bytes, the valid file cut short at any point, one field of
// it replaced by anything (NaN and infinities as text, huge numbers and arrays, nested junk), prototype
// keys, wrong formats and versions, and a file far over any size a real one has. Property: the parse
// returns a result with a message when it refuses; it never throws, and never pollutes Object.prototype.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digitFile, parseDigitFile, weightCounts } from '../DigitCNN/digitFile.ts';
import { modelFile, parseModelFile } from '../Playground/modelFile.ts';
import { Trainer } from '../Playground/trainer.ts';
import { blankSpec, parseSpecText } from '../../lib/teach/spec.ts';

type Result = { ok: boolean; message?: string; error?: string };

/** Paths to every value in a JSON tree (arrays: their first three entries). */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return [at, ...v.slice(0, 3).flatMap((x, i) => paths(x, [...at, i]))];
  if (v && typeof v === 'object') return [at, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))];
  return [at];
}

function fuzzFile(parse: (text: string) => Result, valid: string) {
  const check = (text: string) => {
    const r = parse(text);
    expect(typeof r.ok).toBe('boolean');
    if (!r.ok) expect((r.message ?? r.error ?? '').length).toBeGreaterThan(10);
  };
  check(valid);
  expect(parse(valid).ok).toBe(true);
  const tree = JSON.parse(valid);
  const all = paths(tree).filter((p) => p.length > 0);
  const marker = '"__FUZZ__"';
  const junk = fc.oneof(
    fc.constantFrom('NaN', 'Infinity', '-1e400', '1e400', '1e308', '-0', 'null', 'true', '""', '[]', '{}', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}'),
    fc.double().map((x) => (Number.isFinite(x) ? String(x) : '0')),
    fc.integer({ min: -1e9, max: 1e9 }).map(String),
    fc.string({ maxLength: 30 }).map((s) => JSON.stringify(s)),
    fc.nat(200_000).map((n) => `[${new Array(Math.min(n, 200_000)).fill(0).join(',')}]`),
    fc.jsonValue({ maxDepth: 3 }).map((x) => JSON.stringify(x)),
  );
  // One field replaced by anything.
  fc.assert(
    fc.property(fc.constantFrom(...all), junk, (path, value) => {
      const copy = structuredClone(tree);
      let at: Record<string | number, unknown> = copy;
      for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
      at[path.at(-1)!] = '__FUZZ__';
      check(JSON.stringify(copy).replace(marker, value));
    }),
    { numRuns: 300 },
  );
  // Cut short anywhere, random text, random bytes read as text.
  fc.assert(fc.property(fc.nat(valid.length), (n) => check(valid.slice(0, n))), { numRuns: 200 });
  fc.assert(fc.property(fc.string({ maxLength: 500 }), check), { numRuns: 200 });
  fc.assert(fc.property(fc.uint8Array({ maxLength: 500 }), (b) => check(new TextDecoder('latin1').decode(b))), { numRuns: 200 });
  // Far too large, and large but well-formed.
  check('{"a":"' + 'x'.repeat(60_000_000) + '"}');
  check(valid.slice(0, -1) + `,"pad":"${'x'.repeat(2_000_000)}"}`);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('every imported file', () => {
  it('Playground model files', () => {
    const t = new Trainer({ dataset: 'circle' });
    fuzzFile(parseModelFile, JSON.stringify(modelFile(t.settings, t.parameters(), t.epoch, { testLoss: t.testLoss })));
  });

  it('trained digit networks', () => {
    const need = weightCounts('small');
    const w = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i) / 10);
    fuzzFile(parseDigitFile, digitFile({ preset: 'small', epoch: 1, seen: 400, weights: { cnn: w(need.cnn), mlp: w(need.mlp) } }));
  });

  it('assignment files', () => {
    fuzzFile(parseSpecText, JSON.stringify({ ...blankSpec(), title: 'A title', items: [{ id: '01-introduction/one-step', version: 1, points: 2 }] }));
  });
});
