// Share links round-trip, and a mangled, foreign or out-of-range link falls back to defaults with a notice.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readState, withState } from './shareState.ts';

const schema = z.object({ v: z.literal(1), lr: z.number().min(0).max(10), name: z.string() });
const defaults = { v: 1 as const, lr: 0.1, name: 'spiral' };

describe('shareState', () => {
  it('round-trips a state through the fragment, keeping other keys', () => {
    const hash = withState('#other=abc', 'pg', { v: 1, lr: 0.5, name: 'xor é' });
    expect(hash).toContain('other=abc');
    expect(readState(hash, 'pg', schema, defaults)).toEqual({ state: { v: 1, lr: 0.5, name: 'xor é' }, notice: null });
  });

  it('uses defaults without a notice when the link has no state for this widget', () => {
    expect(readState('#other=abc', 'pg', schema, defaults)).toEqual({ state: defaults, notice: null });
  });

  it.each([
    ['garbage', '#pg=%%%not-base64'],
    ['not JSON', `#pg=${btoa('{oops')}`],
    ['old version', withState('', 'pg', { v: 0, lr: 0.5, name: 'x' })],
    ['out of range', withState('', 'pg', { v: 1, lr: 1e9, name: 'x' })],
  ])('falls back to defaults with a notice for a %s link', (_, hash) => {
    const loaded = readState(hash, 'pg', schema, defaults);
    expect(loaded.state).toEqual(defaults);
    expect(loaded.notice).toMatch(/could not read/);
  });
});
