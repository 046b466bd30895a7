// Reads a `_headers` file (the format Netlify and Cloudflare Pages use: a path pattern on its own line, then
// indented `Name: value` lines) so that the test server sends what those hosts would.
/**
 * @param {string} text
 * @returns {{ pattern: string, headers: [string, string][] }[]}
 */
export function parseHeaders(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: [] });
      continue;
    }
    const at = line.indexOf(':');
    if (at > 0 && rules.length) rules.at(-1).headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
  }
  return rules;
}

/** Whether a path matches a pattern: exact, or a prefix ending in `*` (which also matches the bare folder). */
export function matches(pattern, path) {
  if (!pattern.endsWith('*')) return pattern === path;
  const prefix = pattern.slice(0, -1);
  return path.startsWith(prefix) || path === prefix.replace(/\/$/, '');
}
