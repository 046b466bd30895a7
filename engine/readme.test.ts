// The README's examples are runnable: every ```js block runs against the engine without throwing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from './index.ts';

const readme = readFileSync(join(import.meta.dirname, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).filter((code) => !code.startsWith('import'));

describe('engine/README.md examples', () => {
  it.each(blocks.map((code, i) => [i + 1, code] as const))('example %i runs', async (_, code) => {
    const printed: unknown[] = [];
    const console = { log: (...args: unknown[]) => printed.push(args) };
    const names = Object.keys(engine);
    const run = new Function('console', ...names, `return (async () => {\n${code}\n})();`);
    await run(console, ...names.map((n) => (engine as Record<string, unknown>)[n]));
    expect(printed.length).toBeGreaterThan(0);
  });
});
