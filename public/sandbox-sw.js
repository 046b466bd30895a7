// Part of the service worker (imported by the one Workbox writes: astro.config.mjs, `importScripts`).
//
// The code-cell sandbox (public/sandbox.html, components/CodeCell/kernel.ts) must run with an opaque origin
// and under its own CSP. A frame sandboxed by its `sandbox` attribute has an opaque origin from the start,
// so no service worker ever answers its navigation: offline, it would not load. So when this worker
// controls the page, the page opens the frame without the attribute, and this worker answers the
// navigation with the sandbox document and a `Content-Security-Policy` header that sandboxes it
// (`sandbox allow-scripts`: the same opaque origin) and repeats the document's own policy. The page then
// checks that the frame's origin really is opaque before it sends it anything.
'use strict';
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || url.pathname !== '/sandbox.html' || event.request.mode !== 'navigate') return;
  event.stopImmediatePropagation();
  event.respondWith(sandboxResponse());
});

async function sandboxResponse() {
  let html = null;
  try {
    const fresh = await fetch('/sandbox.html', { cache: 'no-cache' });
    if (fresh.ok) html = await fresh.text();
  } catch {
    // offline: the copy the book saved below
  }
  if (html === null) {
    const saved = await caches.match('/sandbox.html', { ignoreSearch: true });
    if (!saved) return new Response('The code-cell sandbox is not saved on this device.', { status: 503 });
    html = await saved.text();
  }
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  // Without its policy the document must not run at all: a script-free, fully sandboxed answer instead.
  const header = policy ? `sandbox allow-scripts; ${policy}` : "sandbox; default-src 'none'";
  return new Response(html, {
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': header, 'Cache-Control': 'no-store' },
  });
}
