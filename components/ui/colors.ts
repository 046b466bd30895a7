// Reads the theme's colours (CSS variables) as RGB triples for canvas drawing.

/** The RGB values of a CSS colour variable on the root element, e.g. rgbOf('--pos'). */
export function rgbOf(variable: string, el: Element = document.documentElement): [number, number, number] {
  const probe = document.createElement('span');
  probe.style.color = `var(${variable})`;
  probe.style.display = 'none';
  el.appendChild(probe);
  const match = getComputedStyle(probe).color.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0'];
  probe.remove();
  return [Number(match[0]), Number(match[1]), Number(match[2])];
}

/** Mixes two colours: t = 0 gives a, t = 1 gives b. */
export function mix(a: [number, number, number], b: [number, number, number], t: number): [number, number, number] {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}
