import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { rng } from '../../engine/index.ts';
import { CharNet, cleanNames, splitNames, stream } from './charmodel.ts';
it('x', () => {
  const d = JSON.parse(readFileSync('public/data/names.json', 'utf8'));
  const names = cleanNames([...d.female, ...d.male]);
  const { train, test } = splitNames(names, rng(1));
  const tr = stream(train, rng(2)), te = stream(test, rng(3));
  const net = new CharNet({ hidden: Number(process.env.H ?? 64) });
  const r = rng(4), s = rng(5);
  const t0 = performance.now();
  for (let i = 1; i <= Number(process.env.STEPS ?? 600); i++) {
    const l = net.trainStep(tr, r);
    if (i % 100 === 0) console.log('R', i, l.toFixed(3), net.evaluate(te).toFixed(3), ((performance.now() - t0) / i).toFixed(1), 'ms', Array.from({ length: 8 }, () => net.sample(0.8, s).name).join(' '));
  }
}, 900000);
