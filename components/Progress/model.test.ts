// The Progress page's model over a real progress store in memory: the counts and lines it shows, and what
// export, import and clear tell the reader.
import { describe, expect, it } from 'vitest';
import { SafeStorage } from '../../lib/storage.ts';
import { MemoryStorage } from '../../lib/testStorage.ts';
import { STORAGE_KEY } from '../../lib/exercises/progress.ts';
import { ProgressStore } from '../../lib/exercises/store.svelte.ts';
import { ProgressModel, type BankSummary, type PickedFile } from './model.svelte.ts';

const banks: BankSummary[] = [
  { id: 'a', title: 'Chapter A', exercises: ['one', 'two', 'three'].map((id) => ({ id, title: id, href: `/a#${id}` })) },
  { id: 'b', title: 'Chapter B', exercises: [{ id: 'four', title: 'four', href: '/b#four' }] },
];
const entry = (over: object = {}) => ({ version: 1, attempts: 1, best: 1, completed: true, response: '0.5', updatedAt: '2026-01-01T00:00:00.000Z', ...over });
const clock = () => new Date(Date.UTC(2026, 0, 1));
const record = (seed: string, exercises: object) => JSON.stringify({ version: 1, seed, exercises });
const file = (name: string, text: string): PickedFile => ({ name, size: text.length, text: async () => text });

function open(stored?: string, m = new MemoryStorage()) {
  if (stored !== undefined) m.setItem(STORAGE_KEY, stored);
  const store = new ProgressStore(new SafeStorage(m), clock);
  return { model: new ProgressModel(store, banks), store, m };
}

describe('what the page shows', () => {
  const { model } = open(record('mine', { 'a/one': entry(), 'a/two': entry({ attempts: 2, best: 0.5, completed: false }), 'b/four': entry({ attempts: 1, best: 0, completed: false }) }));

  it('counts the completed exercises of each chapter and of all', () => {
    expect(banks.map((b) => model.done(b))).toEqual([1, 0]);
    expect([model.totalDone, model.total]).toEqual([1, 4]);
    expect(model.records).toBe('3 exercise records');
  });

  it('gives each exercise its mark and its state in words', () => {
    expect(['one', 'two', 'three'].map((id) => model.status(banks[0], id))).toEqual([
      { completed: true, mark: '✓', text: 'completed' },
      { completed: false, mark: '…', text: '2 attempts, not yet right' },
      { completed: false, mark: '○', text: 'not started' },
    ]);
    expect(model.status(banks[1], 'four').text).toBe('1 attempt, not yet right');
  });

  it('takes the load notice once, so a second view on the page does not repeat it', () => {
    const m = new MemoryStorage();
    m.setItem(STORAGE_KEY, '{not json');
    const store = new ProgressStore(new SafeStorage(m), clock);
    expect(new ProgressModel(store, banks).notice).toMatch(/^Your saved progress could not be read/);
    expect(new ProgressModel(store, banks).notice).toBeNull();
  });
});

describe('export, import and clear', () => {
  it('exports the record and says so', () => {
    const { model } = open(record('mine', { 'a/one': entry() }));
    expect(JSON.parse(model.exportText()).exercises['a/one'].completed).toBe(true);
    expect(model.message).toBe('Progress exported.');
  });

  it("imports this reader's own file at once, and counts what it left out", async () => {
    const { model } = open(record('mine', {}));
    await model.importFile(file('mine.json', record('mine', { 'a/one': entry(), 'a/two': entry(), 'a/three': entry({ attempts: 'many' }) })));
    expect(model.message).toBe('Imported 2 exercise records from mine.json. 1 entry in the file could not be read and was left out.');
    expect(model.totalDone).toBe(2);
    expect(model.pending).toBeNull();
  });

  it('refuses a file it cannot read, and one far too large without reading it', async () => {
    const { model } = open(record('mine', { 'a/one': entry() }));
    await model.importFile(file('bad.json', '{"version": 7}'));
    expect(model.message).toMatch(/^Could not import bad\.json: .+\. Nothing was changed\.$/);
    await model.importFile({ name: 'big.json', size: 6_000_000, text: () => Promise.reject(new Error('read')) });
    expect(model.message).toBe('Could not import big.json: it is 6.0 MB, and a progress record is at most 1.0 MB. Nothing was changed.');
    expect(model.totalDone).toBe(1);
  });

  it("asks before taking someone else's file: cancel changes nothing, merge keeps this reader's seed", async () => {
    const { model, store } = open(record('mine', { 'a/one': entry() }));
    const other = file('other.json', record('theirs', { 'b/four': entry() }));
    await model.importFile(other);
    expect(model.pending?.name).toBe('other.json');
    expect(model.totalDone).toBe(1);
    model.choose('cancel');
    expect([model.message, model.pending, model.totalDone]).toEqual(['Nothing was imported from other.json.', null, 1]);
    await model.importFile(other);
    model.choose('merge');
    expect(model.message).toBe('Merged 1 exercise record from other.json into yours.');
    expect([store.seed, model.totalDone]).toEqual(['mine', 2]);
  });

  it("replaces this reader's record with the file's when asked to", async () => {
    const { model, store } = open(record('mine', { 'a/one': entry(), 'a/two': entry() }));
    await model.importFile(file('other.json', record('theirs', { 'b/four': entry() })));
    model.choose('replace');
    expect(model.message).toBe('Replaced your progress with the 1 exercise record from other.json.');
    expect([store.seed, model.done(banks[0]), model.done(banks[1])]).toEqual(['theirs', 0, 1]);
  });

  it('says when what it did could not be saved, and why nothing is being saved', async () => {
    const m = new MemoryStorage();
    const { model } = open(record('mine', {}), m);
    m.quota = 0;
    await model.importFile(file('mine.json', record('mine', { 'a/one': entry() })));
    expect(model.message).toMatch(/^Imported 1 exercise record from mine\.json\. It could not be saved \(.+\), so it lasts until you leave this page: export it to keep it\.$/);
    expect(model.unsaved).toBeTruthy();
    expect(model.totalDone).toBe(1);
  });

  it('clears every entry', () => {
    const { model } = open(record('mine', { 'a/one': entry() }));
    model.clear();
    expect([model.message, model.totalDone, model.records]).toEqual(['Progress cleared.', 0, '0 exercise records']);
  });
});
