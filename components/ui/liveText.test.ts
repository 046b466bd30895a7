// The live description's pace: at once while still, at most every two seconds while animating, and the
// newest text held back is shown when its time comes (never dropped because nothing changed after it).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveText } from './browser.svelte.ts';

describe('LiveText', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('follows at once while the figure is still', () => {
    const live = new LiveText('a');
    live.update('b', false);
    live.update('c', false);
    expect(live.text).toBe('c');
  });

  it('while animating, shows the newest text once two seconds have passed, even if nothing changes after it', () => {
    const live = new LiveText('still');
    live.update('still', false); // the figure opens
    vi.advanceTimersByTime(500);
    live.update('Training.', true); // Train pressed half a second later: too soon
    expect(live.text).toBe('still');
    vi.advanceTimersByTime(1499);
    expect(live.text).toBe('still');
    vi.advanceTimersByTime(1);
    expect(live.text).toBe('Training.');
  });

  it('changes at most once per interval while animating, with the newest text', () => {
    const live = new LiveText('0');
    live.update('0', false);
    const seen: string[] = [];
    for (let t = 1; t <= 40; t++) {
      vi.advanceTimersByTime(100);
      live.update(String(t), true);
      if (seen.at(-1) !== live.text) seen.push(live.text);
    }
    vi.advanceTimersByTime(2000);
    if (seen.at(-1) !== live.text) seen.push(live.text);
    // Shown at 2 s and 4 s (what was newest then), and the last one 2 s after that.
    expect(seen).toEqual(['0', '19', '39', '40']);
  });

  it('a pause shows the numbers at once, and dispose drops a text still waiting', () => {
    const live = new LiveText('a');
    live.update('a', false);
    live.update('b', true);
    live.update('paused', false);
    expect(live.text).toBe('paused');
    live.update('late', true);
    live.dispose();
    vi.advanceTimersByTime(5000);
    expect(live.text).toBe('paused');
  });
});
