// The sandbox document's policy: its one inline script is allowed by hash (so the script and the hash
// cannot drift apart), eval is allowed there and nowhere else, and nothing may reach the network.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const html = readFileSync(new URL('../../public/sandbox.html', import.meta.url), 'utf8');
const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

describe('public/sandbox.html', () => {
  it('allows its inline script by hash', () => {
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(1);
    const hash = `'sha256-${createHash('sha256').update(scripts[0]).digest('base64')}'`;
    expect(directives['script-src'], `set script-src's hash to ${hash}`).toContain(hash);
  });

  it('has no network, no other scripts, and workers from blob: only', () => {
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['connect-src']).toEqual(["'none'"]);
    expect(directives['worker-src']).toEqual(['blob:']);
    expect(directives['script-src'].filter((s: string) => !s.startsWith("'sha256-"))).toEqual(["'unsafe-eval'"]);
    expect(csp).not.toContain('unsafe-inline');
  });

  it('is sent with the same policy, sandboxed, by hosts that read public/_headers', () => {
    const headers = readFileSync(new URL('../../public/_headers', import.meta.url), 'utf8');
    const rule = /^\/sandbox\.html\n((?:[ \t]+.+\n?)+)/m.exec(headers)?.[1] ?? '';
    expect(rule).toContain(`Content-Security-Policy: sandbox allow-scripts; ${csp}\n`);
  });
});
