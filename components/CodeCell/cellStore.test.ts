// Edited cells are saved versioned, read back only when valid, and junk is set aside once with a notice.
import { describe, expect, it } from 'vitest';
import { SafeStorage } from '../../lib/storage.ts';
import { MemoryStorage } from '../../lib/testStorage.ts';
import { CellStore, MAX_SAVED_CODE } from './cellStore.ts';

const setup = () => {
  const mem = new MemoryStorage();
  return { mem, store: CellStore.forCell('/chapters/sgd/', 'schedules', new SafeStorage(mem)) };
};
const KEY = 'dll-cell:/chapters/sgd/:schedules';

describe('CellStore', () => {
  it('saves an edit and reads it back; the original forgets it', () => {
    const { mem, store } = setup();
    expect(store.save("print('mine')", 'orig')).toEqual({ saved: true });
    expect(store.load()).toEqual({ code: "print('mine')", notice: null });
    expect(store.save('orig', 'orig')).toEqual({ saved: true });
    expect(mem.getItem(KEY)).toBeNull();
  });

  it('reads code saved as bare text by earlier versions', () => {
    const { mem, store } = setup();
    mem.setItem(KEY, 'const a = 1;');
    expect(store.load()).toEqual({ code: 'const a = 1;', notice: null });
  });

  it('sets junk aside once, with a notice, and opens the original', () => {
    for (const junk of ['{"v":1,"code":', '{"v":1,"code":42}', '{"v":9,"code":"x"}', 'x'.repeat(MAX_SAVED_CODE + 100)]) {
      const { mem, store } = setup();
      mem.setItem(KEY, junk);
      const r = store.load();
      expect(r.code).toBeNull();
      expect(r.notice).toMatch(/could not be read .*original code/);
      expect(mem.getItem(`${KEY}:set-aside`)).toBe(junk.slice(0, MAX_SAVED_CODE + 64));
      expect(store.load()).toEqual({ code: null, notice: null });
    }
  });

  it('says when a save failed: storage full or blocked', () => {
    const full = CellStore.forCell('/p/', 'c', new SafeStorage(new MemoryStorage(10)));
    expect(full.save('a long edit that does not fit', 'orig')).toEqual({ saved: false, message: "this browser's storage for this site is full" });
    const blocked = CellStore.forCell('/p/', 'c', new SafeStorage(null));
    expect(blocked.save('x', 'orig').saved).toBe(false);
    expect(blocked.load().notice).toMatch(/will not be kept/);
  });
});
