// Offline reading (`offline = true`): a site made by `senda init`, served under a base path
// by a plain static server. Pages read are kept by the service worker and shown with no
// connection (Playwright's setOffline); a page not read yet shows the offline page; from
// file:// nothing is registered and the site works as it is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { SENDA_BIN, tempDir, serve, launchBrowser, watch, assertNoProblems } from './lib/site.mjs';

let browser;
let server;
let out;

function senda(args) {
  const run = spawnSync(SENDA_BIN, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`senda ${args.join(' ')} failed:\n${run.stdout}${run.stderr}`);
}

before(async () => {
  const root = path.join(tempDir(), 'portal');
  senda(['init', root]);
  appendFileSync(path.join(root, 'site.toml'), 'offline = true\n');
  server = await serve({ prefix: '/portal/' });
  out = path.join(tempDir(), 'public');
  senda(['build', '--root', root, '--output', out, '--base-url', server.url]);
  server.setRoot(out);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const mark = (page) => page.locator('[data-offline-mark]');

test('a page read online is shown offline, marked, and an unread page says it is offline', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const watcher = watch(page);
  await page.goto(server.url, { waitUntil: 'load' });
  await mark(page).waitFor({ state: 'visible', timeout: 10_000 });
  assert.equal(await mark(page).innerText(), '✓ Disponible sin conexión');
  const worker = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(worker, server.url, 'the worker covers the site, at its base path');

  const guide = `${server.url}guias/primera-visita/`;
  await page.goto(guide, { waitUntil: 'load' });
  await mark(page).waitFor({ state: 'visible', timeout: 10_000 });
  assertNoProblems(watcher, 'the pages read online');

  await context.setOffline(true);
  await page.reload({ waitUntil: 'load' });
  assert.equal(await page.locator('h1').first().innerText(), 'Cómo preparar la primera visita');
  await mark(page).waitFor({ state: 'visible', timeout: 10_000 });
  // The search index and the styles were kept too.
  const styled = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  assert.notEqual(styled, '');
  const searchIndex = await page.evaluate(async (url) => (await caches.match(url)) !== undefined,
    `${server.url}search-index.js`);
  assert.ok(searchIndex, 'search-index.js is kept');

  const unread = await page.goto(`${server.url}planes/ie-ejemplo-2025/`, { waitUntil: 'load' });
  assert.equal(unread.status(), 503);
  assert.equal(await page.locator('h1').innerText(), 'Sin conexión');
  await page.locator('a', { hasText: 'Ir a la página de inicio' }).click();
  await page.waitForURL(server.url);
  await mark(page).waitFor({ state: 'visible', timeout: 10_000 });
  await context.close();
});

test('from file:// no service worker is registered and the page works', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const watcher = watch(page);
  await page.goto(pathToFileURL(path.join(out, 'guias/primera-visita/index.html')).href, { waitUntil: 'load' });
  assert.equal(await page.locator('h1').first().innerText(), 'Cómo preparar la primera visita');
  assert.equal(await mark(page).isHidden(), true);
  assertNoProblems(watcher, 'the page from file://');
  await context.close();
});
