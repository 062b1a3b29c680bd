// senda's service worker (`offline = true` in site.toml): every page of the site is kept on
// this device as it is read, with the search index and the theme's files, and shown from
// there when there is no connection. Network first, so a connected reader always gets the
// current page. Its scope is the folder it is served from: the site's root, at any base path.
'use strict';

const SETTINGS = /*SETTINGS*/{};
const CACHE = 'senda-paginas';
const ROOT = new URL('./', self.location).href;

self.addEventListener('install', (event) => {
  const urls = SETTINGS.precache.map((path) => new URL(path, ROOT).href);
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(urls)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(ROOT)) return;
  // senda serve's own addresses (the live-reload event stream, the plan editor) are never
  // kept: a stream has no end to store, and the editor is only for the machine it runs on.
  const path = new URL(request.url).pathname;
  if (path.startsWith('/__senda/') || path.startsWith('/_editor/')) return;
  if (request.headers.get('accept') === 'text/event-stream') return;
  event.respondWith(networkFirst(request));
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic' && !response.redirected) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const kept = await cache.match(request, { ignoreSearch: true });
    if (kept) return kept;
    if (request.mode === 'navigate') return offlinePage();
    throw error;
  }
}

function escaped(text) {
  return String(text).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
}

// A page not read yet: said so, in the theme's words, with the way back home.
function offlinePage() {
  const html = '<!DOCTYPE html><html lang="' + escaped(SETTINGS.lang) + '"><head><meta charset="utf-8">'
    + '<meta name="viewport" content="width=device-width, initial-scale=1">'
    + '<title>' + escaped(SETTINGS.title) + '</title>'
    + '<link rel="stylesheet" href="' + escaped(new URL('senda.css', ROOT).href) + '"></head>'
    + '<body><main id="contenido" class="offline-page"><h1>' + escaped(SETTINGS.title) + '</h1>'
    + '<p>' + escaped(SETTINGS.text) + '</p>'
    + '<p><a href="' + escaped(ROOT) + '">' + escaped(SETTINGS.home) + '</a></p></main></body></html>';
  return new Response(html, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
