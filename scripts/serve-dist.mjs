// Serves the built site in dist/ for the end-to-end tests, like a static host would (404.html for
// unknown paths). Astro allows one `astro preview` per project at a time; tests must not depend on that.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import sirv from 'sirv';
import { matches, parseHeaders } from './headers.mjs';

const port = Number(process.argv[2] ?? 4329);
const serve = sirv('dist', { dev: false, etag: true, extensions: ['html'] });
const notFound = readFileSync('dist/404.html');
const rules = parseHeaders(readFileSync('dist/_headers', 'utf8'));

createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  for (const rule of rules) if (matches(rule.pattern, path)) for (const [name, value] of rule.headers) res.setHeader(name, value);
  serve(req, res, () => {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(notFound);
  });
}).listen(port, '127.0.0.1', () => console.log(`Serving dist/ at http://127.0.0.1:${port}`));
