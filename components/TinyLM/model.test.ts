// The TinyLM figure's model over the trainer service (on the page, as in Node): it describes the untrained
// and the trained model, keeps the start of a name to letters, draws the same names for the same link, and
// its link round-trips and survives mangling.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fuzzLinks } from '../ui/linkFuzz.ts';
import { TinyLMModel, tinyLMState } from './model.svelte.ts';
import { namesOf } from './task.ts';

const names = namesOf(JSON.parse(readFileSync(join(import.meta.dirname, '../../public/data/names.json'), 'utf8')));

describe('TinyLMModel', () => {
  it('describes the untrained model, then after training the next letters and the names drawn', async () => {
    const m = new TinyLMModel();
    expect(m.describe()).toMatch(/names are loading/);
    m.ready(names);
    expect(m.describe()).toMatch(/not trained yet: its loss per letter is 3\.30/);
    for (let i = 0; i < 4; i++) await m.training!.stepOnce();
    expect(m.steps).toBe(100);
    m.setStart('Ma-r!');
    expect(m.start).toBe('mar');
    expect(m.describe()).toMatch(/^100 steps: held-out loss \d\.\d\d per letter \(3\.30 is a uniform guess\)\. At temperature 0\.8, the likeliest next letters after “mar”: [a-z]+ 0\.\d\d, /);
    const p = m.probabilities!;
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const first = m.names.slice();
    expect(first).toHaveLength(8);
    for (const n of first) expect(n.startsWith('mar')).toBe(true);
    m.drawAgain();
    expect(m.names).not.toEqual(first);
    m.draw = 0;
    expect(m.names).toEqual(first);
  }, 60_000);

  it('its link round-trips, a mangled one never breaks it, and reset goes back to the opening state', () => {
    const m = new TinyLMModel();
    m.temperature = 1.5;
    m.setStart('jo');
    m.drawAgain();
    const back = tinyLMState.decode(tinyLMState.encode(m.snapshot()));
    expect(back).toEqual({ ok: true, state: { temperature: 1.5, start: 'jo', draw: 1 } });
    expect(tinyLMState.decode(tinyLMState.encode({ ...m.snapshot(), start: 'NOT<b>' })).ok).toBe(false);
    m.reset();
    expect(m.snapshot()).toEqual(tinyLMState.defaults());
    const other = new TinyLMModel();
    fuzzLinks(tinyLMState, m.snapshot(), (s) => {
      other.apply(s);
      other.describe();
    });
  });
});
