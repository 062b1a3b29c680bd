// A file-based link checker: every href, src, srcset, action and poster of every built HTML
// file, and every url() of every stylesheet, resolved as a browser would and looked up in
// the output folder, with `#fragment`s looked up among the target page's ids.

import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listFiles } from './site.mjs';

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The link-bearing attribute values of an HTML document, and the url()s of its <style>s. */
export function extractHtmlLinks(html) {
  const links = [];
  const styles = [];
  const clean = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, (tag) => tag.replace(/>[\s\S]*<\//, '></'))
    .replace(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi, (_, css) => {
      styles.push(css);
      return '';
    });
  for (const [tag] of clean.matchAll(/<[a-zA-Z][^>]*>/g)) {
    const attrs = /\s([a-zA-Z-:]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;
    for (const m of tag.matchAll(attrs)) {
      const name = m[1].toLowerCase();
      const value = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
      if (['href', 'src', 'action', 'poster'].includes(name)) links.push(value.trim());
      else if (name === 'srcset') {
        for (const part of value.split(',')) {
          const url = part.trim().split(/\s+/)[0];
          if (url) links.push(url);
        }
      }
    }
  }
  for (const css of styles) links.push(...extractCssLinks(css));
  return links;
}

/** The url() and @import targets of a stylesheet. */
export function extractCssLinks(css) {
  const links = [];
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of text.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi)) links.push(m[1] ?? m[2] ?? m[3]);
  for (const m of text.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) links.push(m[1] ?? m[2]);
  return links.filter((l) => l && !l.startsWith('data:'));
}

/** The ids (and `<a name>`s) of an HTML document: the targets of its fragments. */
export function extractIds(html) {
  const ids = new Set();
  const clean = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const [tag] of clean.matchAll(/<[a-zA-Z][^>]*>/g)) {
    for (const m of tag.matchAll(/\s(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)) {
      if (m[1].toLowerCase() === 'name' && !/^<a\s/i.test(tag)) continue;
      ids.add(decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
    }
  }
  return ids;
}

/**
 * Checks every link of the site in `outDir`. `baseUrl` is the address the site was built
 * for and is served at (`https://example.org/portal/`); without it the site is checked as
 * opened from its folder through file://, where a link to a folder opens a folder listing
 * and a link from the root `/` leaves the site. Returns `{ checked, broken }`, each broken
 * link as `{ file, link, reason }`. Files named in `skip` are not read (their own links are
 * not checked; links to them are). `folderScript` names the script that, through file://,
 * points folder links at their index.html (the senda theme's `senda.js`): a folder link is
 * then good on a page that loads that script, if the folder has an index.html.
 */
export function checkLinks(outDir, { baseUrl, skip = [], folderScript } = {}) {
  const base = baseUrl ? new URL(baseUrl) : null;
  const ids = new Map();
  const idsOf = (file) => {
    if (!ids.has(file)) ids.set(file, extractIds(readFileSync(file, 'utf8')));
    return ids.get(file);
  };
  const broken = [];
  let checked = 0;

  const pageUrl = (rel) => {
    if (base) {
      const urlPath = rel === 'index.html' ? '' : rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;
      return new URL(urlPath.split('/').map(encodeURIComponent).join('/'), base);
    }
    return pathToFileURL(path.join(outDir, rel));
  };

  // The output file a URL names, or the reason it names none. `fixed`: the page loads
  // `folderScript`, so through file:// its folder links lead to index.html.
  const folderThroughFile = (full, fixed) => {
    if (!fixed) return { reason: 'a folder: through file:// this opens a folder listing, not its index.html' };
    const index = path.join(full, 'index.html');
    return existsSync(index) ? { file: index } : { reason: 'no index.html in that folder' };
  };
  const target = (url, fixed) => {
    let rel;
    if (base) {
      if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) {
        return { reason: `outside the site (${base.href})` };
      }
      rel = decodeURIComponent(url.pathname.slice(base.pathname.length));
    } else {
      if (url.protocol !== 'file:') return { reason: 'not a file' };
      const file = fileURLToPath(url);
      rel = path.relative(outDir, file).split(path.sep).join('/');
      if (rel.startsWith('..') || path.isAbsolute(rel)) return { reason: 'outside the site folder' };
      if (url.pathname.endsWith('/')) rel += '/';
    }
    const full = path.join(outDir, rel);
    if (!existsSync(full)) return { reason: 'no such file' };
    if (rel === '' || rel.endsWith('/')) {
      if (!base) return folderThroughFile(full, fixed);
      const index = path.join(full, 'index.html');
      return existsSync(index) ? { file: index } : { reason: 'no index.html in that folder' };
    }
    if (statSync(full).isDirectory()) {
      if (!base) return folderThroughFile(full, fixed);
      const index = path.join(full, 'index.html');
      return existsSync(index) ? { file: index } : { reason: 'no index.html in that folder' };
    }
    return { file: full };
  };

  const check = (rel, link, from, fixed) => {
    checked++;
    if (link === '') return; // The document itself.
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(link)?.[1]?.toLowerCase();
    if (scheme && ['mailto', 'tel', 'data', 'javascript', 'sms'].includes(scheme)) return;
    let url;
    try {
      url = new URL(link, from);
    } catch {
      broken.push({ file: rel, link, reason: 'not a valid URL' });
      return;
    }
    if (base) {
      if (url.protocol === 'file:') {
        broken.push({ file: rel, link, reason: 'a file: URL on a served site' });
        return;
      }
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== base.origin) return; // External.
    } else if (url.protocol === 'http:' || url.protocol === 'https:') {
      return; // External: a folder copy has no address of its own.
    }
    const found = target(url, fixed);
    if (found.reason) {
      broken.push({ file: rel, link, reason: found.reason });
      return;
    }
    if (link.endsWith('#')) {
      broken.push({ file: rel, link, reason: 'an empty fragment' });
    } else if (url.hash && found.file.endsWith('.html')) {
      const id = decodeURIComponent(url.hash.slice(1));
      if (!idsOf(found.file).has(id)) broken.push({ file: rel, link, reason: `no element with id "${id}" there` });
    }
  };

  for (const rel of listFiles(outDir, (f) => (f.endsWith('.html') || f.endsWith('.css')) && !skip.includes(f))) {
    const text = readFileSync(path.join(outDir, rel), 'utf8');
    const from = pageUrl(rel);
    const links = rel.endsWith('.css') ? extractCssLinks(text) : extractHtmlLinks(text);
    const fixed = Boolean(folderScript) && links.some((l) => l.split(/[?#]/)[0].endsWith(folderScript));
    for (const link of links) check(rel, link, from, fixed);
  }
  return { checked, broken };
}

/** A readable list of broken links, one per line, the first `limit` of them. */
export function formatBroken(broken, limit = 40) {
  const lines = broken.slice(0, limit).map((b) => `  ${b.file}: ${b.link} (${b.reason})`);
  if (broken.length > limit) lines.push(`  … and ${broken.length - limit} more`);
  return lines.join('\n');
}
