import { describe, expect, it } from 'vitest';
import { renderRich } from './richtext.ts';

describe('renderRich', () => {
  it('renders math, code, bold and paragraphs, and escapes HTML', () => {
    const html = renderRich('Compute $x^2$ with `f(x)`.\n\n**Then** <b>stop</b>.\n\n```js\nconst a = 1 < 2;\n```');
    expect(html).toContain('class="katex"');
    expect(html).toContain('<code>f(x)</code>');
    expect(html).toContain('<strong>Then</strong>');
    expect(html).toContain('&lt;b&gt;stop&lt;/b&gt;');
    expect(html).toContain('<pre><code>const a = 1 &lt; 2;</code></pre>');
    expect(html.match(/<p>/g)).toHaveLength(2);
  });

  it('keeps the punctuation after a short formula on its line, and lets a long one break', () => {
    expect(renderRich('so $w = 1$, and')).toMatch(/<span class="math-nowrap"><span class="katex">[\s\S]*<\/span>,<\/span> and/);
    expect(renderRich(`so $${'x+'.repeat(41)}x$, and`)).not.toContain('math-nowrap');
    expect(renderRich('so $w$ is')).not.toContain('math-nowrap');
  });
});
