// A Vite plugin: modules that only the browser may load. In the server build (Astro's prerender and ssr
// environments) each listed module is replaced by the stub given for it, so nothing it imports, its
// stylesheets included, reaches the pages' lists of stylesheets. Use it only for modules whose exports
// the server never calls: a stub that a page's render depended on would change the built HTML.
import { fileURLToPath } from 'node:url';

/** Path (from the project root) -> the module the server build sees instead. */
const stubs = {
  // components/Exercise/widgets.ts says why.
  'components/Exercise/widgets.ts': 'export const widgets = {};\nexport const widgetLoader = () => undefined;\n',
};

const root = fileURLToPath(new URL('..', import.meta.url));

export function browserOnly() {
  return {
    name: 'dll:browser-only',
    enforce: 'pre',
    load(id) {
      if (this.environment?.config.consumer !== 'server') return null;
      const path = id.split('?')[0];
      if (!path.startsWith(root)) return null;
      return stubs[path.slice(root.length)] ?? null;
    },
  };
}
