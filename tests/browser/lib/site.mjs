// Shared helpers of the browser tests: building the bundled portal with the real senda
// binary, serving it, launching Debian's Chromium, and watching a page for errors.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const REPO = path.resolve(HERE, '..', '..');
export const SENDA_BIN = process.env.SENDA_BIN || path.join(REPO, 'target', 'debug', 'senda');
/** The site the tests build: the bundled portal, unless SENDA_SITE names another (to try a change). */
export const SITE = process.env.SENDA_SITE || REPO;
export const ARTIFACTS = path.join(REPO, 'target', 'browser-artifacts');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** The pages the render, accessibility and print tests look at (paths under the site root). */
export const PAGES = {
  home: '',
  guide: 'estrategias/gia/',
  section: 'estrategias/',
  plan: 'planes/ies-miguel-grau-2024/',
  planPrint: 'planes/ies-miguel-grau-2024/imprimir/',
  plans: 'planes/',
};

const temps = [];
process.on('exit', () => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed when the test process exits. */
export function tempDir(prefix = 'senda-browser-') {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/**
 * Builds the bundled portal with `senda build`; returns the output folder. `baseUrl` is
 * passed as `--base-url` when given.
 */
export function buildSite({ baseUrl } = {}) {
  if (!existsSync(SENDA_BIN)) {
    throw new Error(`senda binary not found at ${SENDA_BIN}: run \`cargo build\` or set SENDA_BIN`);
  }
  const out = path.join(tempDir(), 'site');
  const args = ['build', '--root', SITE, '--output', out];
  if (baseUrl) args.push('--base-url', baseUrl);
  const run = spawnSync(SENDA_BIN, args, { encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(`senda ${args.join(' ')} failed (${run.status}):\n${run.stdout}${run.stderr}`);
  }
  return out;
}

/** Copies a built site to a new folder whose path has a space, as a copy on a USB stick. */
export function copySite(out) {
  const copy = path.join(tempDir(), 'copia USB', 'portal');
  mkdirSync(path.dirname(copy), { recursive: true });
  cpSync(out, copy, { recursive: true });
  return copy;
}

/** Every file under `dir`, as paths relative to it with `/` separators, sorted. */
export function listFiles(dir, filter = () => true) {
  const files = [];
  const walk = (rel) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (filter(child)) files.push(child);
    }
  };
  walk('');
  return files.sort();
}

export const htmlFiles = (dir) => listFiles(dir, (f) => f.endsWith('.html'));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * A static HTTP server on 127.0.0.1 and an ephemeral port, serving `root` (set later with
 * `setRoot`, so the site can be built for the server's own address) under `prefix`
 * (`/` or `/portal/`), like a plain web host: `dir/` serves `dir/index.html`, `dir`
 * redirects to `dir/`, and anything missing gets the site's `404.html` with status 404.
 */
export async function serve({ prefix = '/' } = {}) {
  let root = null;
  const server = http.createServer((req, res) => {
    const send = (status, file, headers = {}) => {
      const type = TYPES[path.extname(file)] || 'application/octet-stream';
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
    };
    const notFound = () => {
      const page = path.join(root, '404.html');
      if (existsSync(page)) return send(404, page);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    };
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return notFound();
    }
    if (!root || !pathname.startsWith(prefix) || pathname.includes('\0')) return notFound();
    const rel = pathname.slice(prefix.length);
    const file = path.join(root, rel);
    if (path.relative(root, file).startsWith('..')) return notFound();
    if (!existsSync(file)) return notFound();
    if (statSync(file).isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { location: `${pathname}/` }).end();
        return;
      }
      const index = path.join(file, 'index.html');
      return existsSync(index) ? send(200, index) : notFound();
    }
    return send(200, file);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Never the reason the test process stays alive: a failed setup must end it, not hang.
  server.unref();
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}${prefix}`,
    setRoot(dir) {
      root = dir;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(resolve);
      }),
  };
}

/** Debian's Chromium through playwright-core, with no browser download and no background traffic. */
export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (scripts/test.sh does)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Records everything that went wrong on a page: console errors, uncaught exceptions,
 * failed requests and HTTP errors. `problems()` lists them; `allow(pred)` excuses the
 * responses for which `pred(url, status)` is true (the 404 page's own document).
 */
export function watch(page) {
  const list = [];
  const allowed = [];
  page.on('console', (msg) => {
    // The theme declares its icon, so Chromium asks for no /favicon.ico: any error counts.
    if (msg.type() === 'error') {
      list.push({ kind: 'console error', text: msg.text(), at: page.url() });
    }
  });
  page.on('pageerror', (err) => list.push({ kind: 'uncaught exception', text: String(err), at: page.url() }));
  page.on('requestfailed', (req) =>
    list.push({ kind: 'failed request', text: `${req.url()}: ${req.failure()?.errorText}`, at: page.url() }),
  );
  page.on('response', (res) => {
    if (res.status() >= 400 && !allowed.some((pred) => pred(res.url(), res.status()))) {
      list.push({ kind: `HTTP ${res.status()}`, text: res.url(), at: page.url() });
    }
  });
  return {
    allow(pred) {
      allowed.push(pred);
    },
    problems() {
      // The console error Chromium logs for an allowed HTTP error is expected too.
      return list.filter(
        (p) =>
          !(
            p.kind === 'console error' &&
            /^Failed to load resource: the server responded with a status of 404/.test(p.text) &&
            allowed.length > 0
          ),
      );
    },
    clear() {
      list.length = 0;
    },
  };
}

/** Fails with every problem the watcher saw. */
export function assertNoProblems(watcher, what) {
  const problems = watcher.problems();
  if (problems.length) {
    const lines = problems.map((p) => `  ${p.kind}: ${p.text}  (on ${p.at})`);
    throw new Error(`${what}: ${problems.length} problem(s)\n${lines.join('\n')}`);
  }
}

/**
 * True when the page's stylesheets loaded and changed the look of the page: each
 * `<link rel=stylesheet>` has a sheet, and the body's computed style differs from the
 * browser's default on some property.
 */
export async function cssApplied(page) {
  return page.evaluate(() => {
    const links = [...document.querySelectorAll('link[rel~="stylesheet"]')];
    // A sheet that failed to load is empty (its rules are unreadable through file://, where
    // the watcher's failed requests tell instead).
    const empty = (sheet) => {
      try {
        return sheet.cssRules.length === 0;
      } catch {
        return false;
      }
    };
    const missing = links.filter((l) => !l.sheet || empty(l.sheet)).map((l) => l.href);
    const props = ['marginTop', 'marginLeft', 'fontFamily', 'fontSize', 'lineHeight', 'color', 'backgroundColor'];
    const frame = document.createElement('iframe');
    frame.style.display = 'none';
    document.body.append(frame);
    const defaults = frame.contentWindow.getComputedStyle(frame.contentDocument.body);
    const actual = getComputedStyle(document.body);
    const changed = props.filter((p) => defaults[p] !== actual[p]);
    frame.remove();
    return { ok: links.length > 0 && missing.length === 0 && changed.length > 0, links: links.length, missing, changed };
  });
}

/** Lowercase, without accents: `Evaluación` → `evaluacion`. */
export function fold(text) {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** Collapses runs of white space, as text extracted from a PDF has line breaks anywhere. */
export function squash(text) {
  return text.replace(/\s+/g, ' ').trim();
}

export function ensureArtifacts() {
  mkdirSync(ARTIFACTS, { recursive: true });
  return ARTIFACTS;
}

/**
 * The portal built for, and served at, the root of a local server: `{ server, out, url }`.
 * `prefix` serves it under a sub-path instead (`/portal/`).
 */
export async function servedSite({ prefix = '/' } = {}) {
  const server = await serve({ prefix });
  let out;
  try {
    out = buildSite({ baseUrl: server.url });
  } catch (err) {
    await server.close();
    throw err;
  }
  server.setRoot(out);
  return { server, out, url: server.url };
}

/** Opens `url` in a new page of `browser` at the given width; returns `{ context, page, watcher, response }`. */
export async function open(browser, url, { width = 1280, height = 900, colorScheme = 'light', allow404 = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme });
  const page = await context.newPage();
  const watcher = watch(page);
  if (allow404) watcher.allow((u, status) => status === 404 && u === url);
  const response = await page.goto(url, { waitUntil: 'load' });
  return { context, page, watcher, response };
}

/**
 * Clicks `locator` (a link) and waits for the page it leads to: the URL the link resolves
 * to, loaded. Returns that URL.
 */
export async function follow(page, locator) {
  const href = await locator.getAttribute('href');
  const expected = new URL(href, page.url());
  expected.hash = '';
  await Promise.all([
    page.waitForURL((u) => {
      const v = new URL(u);
      v.hash = '';
      return v.href === expected.href;
    }, { waitUntil: 'load', timeout: 10_000 }),
    locator.click(),
  ]);
  return expected.href;
}
