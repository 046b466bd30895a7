import { describe, expect, it } from 'vitest';
import { syncScrollable, type ScrollableBox } from './scrollableFocus.ts';

function box(scrollWidth: number, clientWidth: number, attrs: Record<string, string> = {}) {
  const a = new Map(Object.entries(attrs));
  const el: ScrollableBox & { attrs: Map<string, string> } = {
    scrollWidth,
    clientWidth,
    attrs: a,
    hasAttribute: (n) => a.has(n),
    getAttribute: (n) => a.get(n) ?? null,
    setAttribute: (n, v) => void a.set(n, v),
    removeAttribute: (n) => void a.delete(n),
  };
  return el;
}

describe('syncScrollable', () => {
  it('makes an overflowing formula a named, focusable group', () => {
    const el = box(420, 320);
    syncScrollable(el);
    expect(el.getAttribute('tabindex')).toBe('0');
    expect(el.getAttribute('role')).toBe('group');
    expect(el.getAttribute('aria-label')).toMatch(/scrolls sideways/);
  });

  it('leaves a formula that fits alone (a one-pixel rounding is not overflow)', () => {
    const el = box(321, 320);
    syncScrollable(el);
    expect([...el.attrs.keys()]).toEqual([]);
  });

  it('takes its attributes off again when the formula fits after a resize', () => {
    const el = box(420, 320);
    syncScrollable(el);
    el.clientWidth = 600;
    syncScrollable(el);
    expect([...el.attrs.keys()]).toEqual([]);
  });

  it('never touches a box that was made focusable by someone else', () => {
    const el = box(420, 320, { tabindex: '-1' });
    syncScrollable(el);
    expect([...el.attrs.entries()]).toEqual([['tabindex', '-1']]);
    el.clientWidth = 600;
    syncScrollable(el);
    expect([...el.attrs.entries()]).toEqual([['tabindex', '-1']]);
  });
});
