// The TinyLM figure's model over the trainer service (on the page, as in Node): it describes the untrained
// and the trained model, keeps the start of a name to letters, draws the same names for the same link, and
// its link round-trips and survives mangling.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../ui/modelContract.ts';
import { TinyLMModel, tinyLMState } from './model.svelte.ts';
import { namesOf } from './task.ts';

const names = namesOf(JSON.parse(readFileSync(join(import.meta.dirname, '../../public/data/names.json'), 'utf8')));

describe('TinyLMModel', () => {
  it('describes the untrained model, then after training the next letters and the names drawn', async () => {
    // the transformer alone here (the LSTM beside it is the next test's)
    const m = new TinyLMModel({ lstm: false });
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

  it('its link holds the start, the draw and the LSTM, opens links from before the LSTM, and refuses a start that is not letters', () => {
    const m = new TinyLMModel();
    m.temperature = 1.5;
    m.setStart('jo');
    m.drawAgain();
    const back = tinyLMState.decode(tinyLMState.encode(m.snapshot()));
    expect(back).toEqual({ ok: true, state: { lstm: true, temperature: 1.5, start: 'jo', draw: 1 } });
    // a link from before the LSTM opens the transformer alone
    expect(tinyLMState.parse({ v: 1, temperature: 1.2, start: 'an', draw: 3 })).toEqual({ ok: true, state: { lstm: false, temperature: 1.2, start: 'an', draw: 3 } });
    expect(tinyLMState.decode(tinyLMState.encode({ ...m.snapshot(), start: 'NOT<b>' })).ok).toBe(false);
  });

  it('meets the figure kit’s contract: Reset, the link, and every state a link can hold', () => checkModel(new TinyLMModel()));

  it('trains the LSTM beside the transformer and describes both; switching it off starts over without it', async () => {
    const m = new TinyLMModel();
    m.ready(names);
    expect(m.describe()).toMatch(/with chapter 8’s LSTM beside it on the same windows, not trained yet/);
    await m.training!.stepOnce();
    expect(m.latest?.lstmTestLoss).toHaveLength(2);
    expect(m.describe()).toMatch(/ The LSTM, after as many steps on the same windows: held-out loss \d\.\d\d per letter; its names: /);
    expect(m.lstmNames).toHaveLength(8);
    expect(m.top(3).every((t) => typeof t.lstm === 'number')).toBe(true);
    expect(m.report()).toMatchObject({ lstm: true, steps: 25 });
    m.setLstm(false);
    expect(m.steps).toBe(0);
    await m.training!.stepOnce();
    expect(m.latest?.lstmTestLoss).toBeUndefined();
    expect(m.lstmNet).toBeNull();
    expect(m.top(1)[0].lstm).toBeNull();
    expect(m.describe()).not.toMatch(/LSTM/);
  }, 60_000);
});
