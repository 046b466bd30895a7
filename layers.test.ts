// The direction of imports, checked on every source file: pages → content → components → lib → engine.
// A file may import its own layer and the layers below it, never one above; the engine imports nothing of
// ours. Specifiers are read by real parsers (TypeScript's import scanner on the script of a .ts, .svelte,
// .astro or .mdx file, found by Svelte's and MDX's own parsers), relative ones resolved against the file,
// `import.meta.glob` patterns by the folder they search. e2e/, bench/ and scripts/ are outside the rule.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { createProcessor } from '@mdx-js/mdx';
import remarkMath from 'remark-math';
import { parse as parseSvelte } from 'svelte/compiler';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = import.meta.dirname;
/** Highest first: each layer may use the ones after it. */
const LAYERS = ['pages', 'content', 'components', 'lib', 'engine'] as const;
type Layer = (typeof LAYERS)[number];
const EXTENSIONS = /\.(ts|svelte|astro|mdx)$/;

// The chapters' own Markdown setting (astro.config.mjs): with math, `{` inside `$…$` is TeX, not code.
const mdx = createProcessor({ remarkPlugins: [remarkMath] });

/** The code of a source file that can import anything: its scripts, without the markup around them. */
export function scriptsOf(file: string, text: string): string[] {
  if (file.endsWith('.svelte')) {
    const ast = parseSvelte(text, { modern: true });
    // NOTE: Svelte's types leave out the positions its parser puts on every node.
    const range = (s: { content: unknown }) => s.content as { start: number; end: number };
    return [ast.module, ast.instance].flatMap((s) => (s ? [text.slice(range(s).start, range(s).end)] : []));
  }
  if (file.endsWith('.astro')) {
    // An Astro file's code is its leading frontmatter fence, plus any <script> it ships to the browser.
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
    return [front, ...[...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1])];
  }
  if (file.endsWith('.mdx')) {
    const tree = mdx.parse(text) as { children: { type: string; value?: string }[] };
    return tree.children.filter((n) => n.type === 'mdxjsEsm').map((n) => n.value ?? '');
  }
  return [text];
}

/** Every module specifier in `code`: static and dynamic imports, re-exports, and import.meta.glob folders. */
export function specifiersOf(code: string): string[] {
  const found = ts.preProcessFile(code, true, true).importedFiles.map((f) => f.fileName);
  for (const call of code.matchAll(/import\.meta\.glob\s*(?:<[^(]*>)?\(\s*(\[[^\]]*\]|'[^']*'|"[^"]*")/g)) {
    for (const [, pattern] of call[1].matchAll(/['"]([^'"]+)['"]/g)) {
      if (pattern.startsWith('!')) continue; // an exclusion searches nothing
      // The folder a pattern searches is the part before its first wildcard.
      const fixed = pattern.slice(0, pattern.search(/[*?{[]/) === -1 ? undefined : pattern.search(/[*?{[]/));
      found.push(fixed.slice(0, fixed.lastIndexOf('/') + 1) || './');
    }
  }
  return found;
}

const layerOf = (path: string): Layer | null => {
  const top = relative(ROOT, path).split(sep)[0];
  return (LAYERS as readonly string[]).includes(top) ? (top as Layer) : null;
};

/** The imports in `file` (a path in the repository) that break the rule, as "file → target" lines. */
export function violations(file: string, text: string): string[] {
  const from = layerOf(resolve(ROOT, file));
  if (!from) return [];
  const out: string[] = [];
  for (const code of scriptsOf(file, text)) {
    for (const spec of specifiersOf(code)) {
      if (!spec.startsWith('.') && !spec.startsWith('/')) continue; // a package, or astro:content
      const target = spec.startsWith('/') ? join(ROOT, spec) : resolve(ROOT, dirname(file), spec);
      const to = layerOf(target);
      const rel = relative(ROOT, target) || '.';
      if (!to) out.push(`${file} → ${rel} (outside the layers)`);
      else if (from === 'engine' ? to !== 'engine' : LAYERS.indexOf(to) < LAYERS.indexOf(from)) out.push(`${file} → ${rel} (${from} may not import ${to})`);
    }
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && EXTENSIONS.test(d.name) && !d.name.endsWith('.d.ts'))
    .map((d) => relative(ROOT, join(d.parentPath, d.name)));
}

describe('the direction of imports', () => {
  const files = LAYERS.flatMap(sources);

  it('finds the files of every layer', () => {
    for (const layer of LAYERS) expect(files.some((f) => f.startsWith(`${layer}${sep}`)), layer).toBe(true);
    expect(files.some((f) => f.endsWith('.mdx')) && files.some((f) => f.endsWith('.svelte')) && files.some((f) => f.endsWith('.astro'))).toBe(true);
  });

  it('holds in every file: pages → content → components → lib → engine', () => {
    expect(files.flatMap((f) => violations(f, readFileSync(join(ROOT, f), 'utf8')))).toEqual([]);
  });

  it('catches an import against the direction in every kind of file, and in every way of importing', () => {
    expect(violations('components/X/X.svelte', `<script lang="ts">\n  import { listBanks } from '../../content/exercises/index.ts';\n</script>\n<p>x</p>`)).toEqual([
      'components/X/X.svelte → content/exercises/index.ts (components may not import content)',
    ]);
    expect(violations('components/X/model.ts', `import type { A } from '../../content/a.ts';`)).toHaveLength(1);
    expect(violations('components/X/model.ts', `export { b } from '../../pages/b.ts';`)).toHaveLength(1);
    expect(violations('lib/x.ts', `const m = await import('../components/ui/y.ts');`)).toHaveLength(1);
    expect(violations('lib/x.ts', `const all = import.meta.glob<{ default: unknown }>(['../content/exercises/*.ts', '!../content/*.test.ts']);`)).toHaveLength(1);
    expect(violations('engine/x.ts', `import { z } from '../lib/z.ts';`)).toHaveLength(1);
    expect(violations('content/chapters/01-x.mdx', `---\ntitle: x\n---\n\nimport P from '../../pages/index.astro';\n\nText that says import x from '../../pages/y' is prose.\n`)).toEqual([
      'content/chapters/01-x.mdx → pages/index.astro (content may not import pages)',
    ]);
    expect(violations('components/layout/X.astro', `---\nimport A from '../../content/a.ts';\n---\n<p>x</p>`)).toHaveLength(1);
    expect(violations('components/X/x.ts', `import '../../e2e/pages.ts';`)).toEqual(['components/X/x.ts → e2e/pages.ts (outside the layers)']);
  });

  it('lets every layer import its own and the ones below it, and packages', () => {
    expect(violations('pages/x.astro', `---\nimport { listBanks } from '../content/exercises/index.ts';\nimport P from '../components/layout/Page.astro';\n---\n`)).toEqual([]);
    expect(violations('content/exercises/x.ts', `import { seedFor } from '../../lib/exercises/check.ts';\nimport { Rng } from '../../engine/random.ts';\nimport { z } from 'zod';`)).toEqual([]);
    expect(violations('engine/x.ts', `import { Rng } from './random.ts';`)).toEqual([]);
  });
});
