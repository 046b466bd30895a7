// An Astro integration: every built page links only the stylesheets it can use.
//
// Astro gives every page of one route the same stylesheets, and all thirteen chapters are one route
// (pages/chapters/[slug].astro). A stylesheet of a component that only the browser renders (a panel a figure
// opens on demand) is given to every page of every route that hydrates a component importing it, and for a
// chapter that is every chapter: each linked the stylesheets of the figures of all the others, 24 to 34
// render-blocking requests (59 on chapter 4 while the exercises' list of figures was in the server build). After the build, this keeps on each page a stylesheet only if
//   - it is global (no scoped selector: no `.svelte-…` class, no `data-astro-cid-…` attribute), or
//   - the page's HTML uses one of its scopes (a component rendered at build time), or
//   - one of the page's scripts or islands imports it, statically, in the browser build (a component the
//     page's figures may render later);
// and a stylesheet linked twice under two names (Astro's server and browser builds name some differently)
// is linked once.
// What a script imports dynamically (an exercise's figure, the code editor) is not linked: Vite's loader
// fetches those stylesheets with their scripts.
//
// It runs before Pagefind and the service worker in astro.config.mjs, so both see the final pages (the
// service worker's list of files carries a revision of every page).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The browser build's chunks: file name ("_astro/x.js") -> its static imports and stylesheets. */
const chunks = new Map();

const LINK = /<link rel="stylesheet" href="\/(_astro\/[^"]+\.css)"[^>]*>/g;
const SCRIPT_URL = /(?:component-url|renderer-url|before-hydration-url|src)="\/(_astro\/[^"]+\.js)"/g;
const SCOPE = /\.(svelte-[a-z0-9]+)|\[(data-astro-cid-[a-z0-9]+)\]/g;

/** "_astro/Figure.1NwmkNwh.css" -> "1NwmkNwh". Astro names one stylesheet differently in its server and
 * browser builds (Figure.… and browser.…), always with the same content hash. */
const contentHash = (file) => file.replace(/\.css$/, '').split('.').pop();

/** Records the browser build's chunks, and keeps every stylesheet a chunk imports. Astro drops a browser
 * stylesheet whose rules its server build also emitted, but the server build may group them into other
 * files (it does since it no longer sees the exercises' figures: components/Exercise/widgets.ts), and
 * Vite's loader still asks for the browser's file when a script loads a figure: "Unable to preload CSS". */
function graphPlugin() {
  const stylesheets = new Map();
  return {
    name: 'dll:page-styles-graph',
    applyToEnvironment: (environment) => environment.name === 'client',
    generateBundle: {
      order: 'pre',
      handler(_options, bundle) {
        for (const [fileName, item] of Object.entries(bundle)) {
          if (item.type === 'chunk') chunks.set(fileName, { imports: item.imports, css: [...(item.viteMetadata?.importedCss ?? [])] });
          else if (fileName.endsWith('.css')) stylesheets.set(fileName, { source: item.source });
        }
      },
    },
    restore: {
      name: 'dll:page-styles-keep-imported-css',
      applyToEnvironment: (environment) => environment.name === 'client',
      generateBundle: {
        order: 'post',
        handler(_options, bundle) {
          const missing = new Set([...chunks.values()].flatMap((c) => c.css).filter((file) => !bundle[file] && stylesheets.has(file)));
          for (const fileName of missing) this.emitFile({ type: 'asset', fileName, source: stylesheets.get(fileName).source });
        },
      },
    },
  };
}

/** The content hashes of the stylesheets that the given browser chunks import, statically, through any depth. */
function importedStyles(entries) {
  const seen = new Set();
  const hashes = new Set();
  const stack = [...entries];
  while (stack.length) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const chunk = chunks.get(file);
    if (!chunk) continue;
    for (const css of chunk.css) hashes.add(contentHash(css));
    stack.push(...chunk.imports);
  }
  return hashes;
}

function htmlFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name));
}

/** Prunes the stylesheet links of every page under dir; returns how many links it removed. */
export function prunePageStyles(dir) {
  const scopesOf = new Map();
  const scopes = (file) => {
    if (!scopesOf.has(file)) scopesOf.set(file, [...new Set([...readFileSync(join(dir, file), 'utf8').matchAll(SCOPE)].map((m) => m[1] ?? m[2]))]);
    return scopesOf.get(file);
  };
  let removed = 0;
  for (const page of htmlFiles(dir)) {
    const html = readFileSync(page, 'utf8');
    const headEnd = html.indexOf('</head>');
    if (headEnd < 0) continue;
    const body = html.slice(headEnd);
    const wanted = importedStyles([...html.matchAll(SCRIPT_URL)].map((m) => m[1]));
    // A stylesheet linked twice under its two names keeps its last link, where the cascade has it.
    const last = new Map([...html.slice(0, headEnd).matchAll(LINK)].map((m) => [contentHash(m[1]), m.index]));
    const head = html.slice(0, headEnd).replace(LINK, (link, file, at) => {
      const own = scopes(file);
      const used = own.length === 0 || wanted.has(contentHash(file)) || own.some((s) => body.includes(s));
      if (used && last.get(contentHash(file)) === at) return link;
      removed++;
      return '';
    });
    if (head.length !== headEnd) writeFileSync(page, head + body);
  }
  return removed;
}

/** Stylesheets that a browser script names (Vite's loader fetches them with a dynamic import) but that the
 * build did not write: a figure loaded that way would fail with "Unable to preload CSS". */
export function missingStylesheets(dir) {
  const assets = join(dir, '_astro');
  const files = new Set(readdirSync(assets));
  const missing = new Set();
  for (const file of files) {
    if (!file.endsWith('.js')) continue;
    for (const m of readFileSync(join(assets, file), 'utf8').matchAll(/"_astro\/([^"/]+\.css)"/g)) if (!files.has(m[1])) missing.add(m[1]);
  }
  return [...missing];
}

export function pageStyles() {
  return {
    name: 'dll:page-styles',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        const graph = graphPlugin();
        updateConfig({ vite: { plugins: [graph, graph.restore] } });
      },
      'astro:build:done': ({ dir, logger }) => {
        if (chunks.size === 0) throw new Error('page-styles: the browser build reported no chunks; every page would keep every stylesheet.');
        const missing = missingStylesheets(fileURLToPath(dir));
        if (missing.length) throw new Error(`page-styles: scripts name stylesheets the build did not write: ${missing.join(', ')}`);
        const removed = prunePageStyles(fileURLToPath(dir));
        logger.info(`${removed} stylesheet links removed (unused on their page, or duplicates)`);
      },
    },
  };
}
