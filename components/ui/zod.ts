// What the book's browser bundles get for `import … from 'zod'` (astro.config.mjs aliases it here): zod,
// told never to compile its parsers with `new Function`. Otherwise zod probes for eval on the first object
// it parses; under the book's Content Security Policy (no 'unsafe-eval') the probe is refused and reported
// as a violation, though zod catches it and falls back to this same mode.
import { z } from 'zod/v4';

z.config({ jitless: true });

export * from 'zod/v4';
