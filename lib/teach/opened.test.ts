import { describe, expect, it } from 'vitest';
import { OpenedAssignment } from './opened.svelte.ts';
import { blankSpec, specHash, type AssignmentSpec } from './spec.ts';

const spec = (title: string): AssignmentSpec => ({ ...blankSpec(), title, items: [{ id: 'ch1/one', version: 1, points: 2 }] });

describe('an opened assignment', () => {
  it('holds the spec at once and its ids once they are hashed', async () => {
    const a = new OpenedAssignment();
    const s = spec('Week 1');
    const pending = a.open({ ok: true, value: s });
    expect(a.spec).toBe(s);
    expect(a.ids).toBeNull();
    const ids = await pending;
    expect(ids).toEqual(await specHash(s));
    expect(a.ids).toEqual(ids);
    expect(a.error).toBe('');
  });

  it('a spec that does not read closes what was open, or keeps it when asked', async () => {
    const a = new OpenedAssignment();
    await a.open({ ok: true, value: spec('Week 1') });
    expect(await a.open({ ok: false, error: 'This link is cut short.' }, { keep: true })).toBeNull();
    expect(a.error).toBe('This link is cut short.');
    expect(a.spec?.title).toBe('Week 1');
    expect(a.ids).not.toBeNull();
    await a.open({ ok: false, error: 'This link is cut short.' });
    expect(a.spec).toBeNull();
    expect(a.ids).toBeNull();
  });

  it('the later of two opens wins, whichever hash finishes first', async () => {
    const a = new OpenedAssignment();
    const first = a.open({ ok: true, value: spec('Week 1') });
    const second = a.open({ ok: true, value: spec('Week 2') });
    expect(await first).toBeNull();
    expect(await second).toEqual(await specHash(spec('Week 2')));
    expect(a.spec?.title).toBe('Week 2');
    expect(a.ids).toEqual(await specHash(spec('Week 2')));
  });

  it('a close drops an open still hashing', async () => {
    const a = new OpenedAssignment();
    const pending = a.open({ ok: true, value: spec('Week 1') });
    a.close();
    expect(await pending).toBeNull();
    expect(a.spec).toBeNull();
    expect(a.ids).toBeNull();
  });
});
