// Renders exercise text (prompts, hints, solutions): paragraphs, `code`, ```js blocks```, **bold**, and TeX
// between $…$ or $$…$$ through KaTeX. Everything else is escaped, so exercise text cannot inject markup.
import katex from 'katex';
import { NOWRAP_CLASS, trailingPunctuation } from '../mathNowrap.ts';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const tex = (src: string, display: boolean) => {
  try {
    return katex.renderToString(src, { displayMode: display, throwOnError: false, output: 'mathml' });
  } catch {
    return `<code>${escape(src)}</code>`;
  }
};

/** Inline pieces: math, code spans and bold. */
function inline(text: string): string {
  const out: string[] = [];
  const re = /\$\$([\s\S]+?)\$\$|\$([^$\n]+?)\$|`([^`]+)`|\*\*([^*]+)\*\*/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(escape(text.slice(last, m.index)));
    if (m[1] !== undefined) out.push(tex(m[1], true));
    else if (m[2] !== undefined) {
      // The punctuation after a short formula stays on its line (see ../mathNowrap.ts).
      const punct = trailingPunctuation(m[2], text.slice(re.lastIndex));
      if (punct) {
        out.push(`<span class="${NOWRAP_CLASS}">${tex(m[2], false)}${escape(punct)}</span>`);
        re.lastIndex += punct.length;
      } else out.push(tex(m[2], false));
    }
    else if (m[3] !== undefined) out.push(`<code>${escape(m[3])}</code>`);
    else out.push(`<strong>${inline(m[4])}</strong>`);
    last = re.lastIndex;
  }
  out.push(escape(text.slice(last)));
  return out.join('');
}

/** Rich text to HTML. */
export function renderRich(text: string): string {
  const html: string[] = [];
  const parts = text.split(/```[a-z]*\n?([\s\S]*?)```/g);
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      html.push(`<pre><code>${escape(part.replace(/\n$/, ''))}</code></pre>`);
      return;
    }
    for (const para of part.split(/\n\s*\n/)) {
      const p = para.trim();
      if (!p) continue;
      if (/^\$\$[\s\S]*\$\$$/.test(p)) html.push(tex(p.slice(2, -2), true));
      else html.push(`<p>${inline(p)}</p>`);
    }
  });
  return html.join('');
}
