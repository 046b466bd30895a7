import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { namesOf, optionsOf } from './choices.ts';

const colours = { red: { label: 'Red', hex: '#f00' }, 'sea-green': { label: 'Sea green', hex: '#2e8b57' } };

describe('a table of choices', () => {
  it('gives its names in its order, usable as an enum', () => {
    expect(namesOf(colours)).toEqual(['red', 'sea-green']);
    const schema = z.enum(namesOf(colours));
    expect(schema.parse('sea-green')).toBe('sea-green');
    expect(schema.safeParse('blue').success).toBe(false);
  });

  it('gives a menu its options', () => {
    expect(optionsOf(colours)).toEqual([
      { value: 'red', label: 'Red' },
      { value: 'sea-green', label: 'Sea green' },
    ]);
  });
});
