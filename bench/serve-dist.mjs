// The built site over HTTP for the benches, as a static host serves it: files from dist/ (sirv), and text
// (HTML, CSS, JavaScript, JSON, SVG, XML) gzip-compressed when the client accepts it, as every common host
// (Netlify, Cloudflare Pages, GitHub Pages, S3 behind a CDN) does. Without compression, Lighthouse's simulated
// slow link times the raw bytes of every page and stylesheet, which no reader's host sends.
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import sirv from 'sirv';

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|manifest\+json|xml)|image\/svg\+xml)/;

/** Starts a server for dist/ on 127.0.0.1:port; resolves to the server. `compress: false` sends raw bytes. */
export async function serveDist(port, { compress = true } = {}) {
  const serve = sirv('dist', { dev: false, etag: true, extensions: ['html'] });
  const server = createServer((req, res) => {
    if (compress && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) bufferAndCompress(res);
    serve(req, res, () => ((res.statusCode = 404), res.end()));
  });
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  return server;
}

/** Holds back the response's head and body, then sends the body gzipped if its type compresses. */
function bufferAndCompress(res) {
  const writeHead = res.writeHead.bind(res);
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  const chunks = [];
  let head = null;
  res.writeHead = (status, ...rest) => {
    const headers = typeof rest[0] === 'string' ? rest[1] : rest[0];
    head = { status, headers: { ...(headers ?? {}) } };
    return res;
  };
  res.write = (chunk) => (chunks.push(Buffer.from(chunk)), true);
  res.end = (chunk, ...rest) => {
    if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk));
    const status = head?.status ?? res.statusCode;
    const headers = Object.fromEntries(Object.entries({ ...res.getHeaders(), ...(head?.headers ?? {}) }).map(([k, v]) => [k.toLowerCase(), v]));
    let body = Buffer.concat(chunks);
    if (status === 200 && COMPRESSIBLE.test(String(headers['content-type'] ?? '')) && body.length > 1024) {
      body = gzipSync(body, { level: 6 });
      headers['content-encoding'] = 'gzip';
      headers.vary = 'Accept-Encoding';
    }
    headers['content-length'] = body.length;
    writeHead(status, headers);
    write(body);
    return end();
  };
}
