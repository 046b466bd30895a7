// The benches that write their results into bench/README.md replace the text between their own markers,
// `<!-- name:start -->` and `<!-- name:end -->`; a section with `heading` is added at the end when the
// markers are missing (without a heading, the file is left as it is).
import { readFileSync, writeFileSync } from 'node:fs';

const README = 'bench/README.md';

export function writeReadmeBlock(name, text, heading) {
  const readme = readFileSync(README, 'utf8');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${text}\n${end}`;
  if (readme.includes(start)) writeFileSync(README, readme.replace(new RegExp(`${start}[\\s\\S]*?${end}`), () => block));
  else if (heading) writeFileSync(README, `${readme.trimEnd()}\n\n## ${heading}\n\n${block}\n`);
}
