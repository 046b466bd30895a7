// Serves the built site (dist/) on a local port for scripts that drive it in Chromium, and waits until it
// answers. Returns a function that stops it.
import { spawn } from 'node:child_process';

export async function serveDist(port) {
  const server = spawn('node', ['scripts/serve-dist.mjs', String(port)], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(base);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { base, stop: () => server.kill() };
}
