// One way to write a widget: every view that draws a figure gets its model and kit from useWidget (which
// calls useFigure), so no view wires the kit, its training or its data loading by hand. A frame that is
// handed its kit by the view that drew it (trainer/BoundaryFigure) takes `kit` as a prop instead.
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob<string>(['../*/*.svelte', '!../ui/*.svelte'], { query: '?raw', import: 'default', eager: true });
const figures = Object.entries(sources).filter(([, text]) => /from '\.\.\/ui\/Figure\.svelte'/.test(text));
const takesKit = (text: string) => /\bkit: FigureKit\b/.test(text);

describe('every widget view', () => {
  it('finds the widget views', () => {
    expect(figures.length).toBeGreaterThan(25);
  });

  for (const [path, text] of figures) {
    const name = path.replace('../', '');
    it(`${name} builds its figure with useWidget, or is handed its kit`, () => {
      expect(text.includes('useWidget(') || takesKit(text)).toBe(true);
      expect(text).not.toMatch(/\buseFigure\(/);
      expect(text).not.toMatch(/\.connect\(kit\)/);
    });
  }
});
