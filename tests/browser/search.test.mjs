// The site search, against its contract: a search box `input#buscar-campo` inside
// `form.site-search` on every page; results in `#buscar-resultados` as `ol > li`, each
// with a link, the matched words of each excerpt in `<mark>`; the keyboard reaches the
// results; printing hides the search box. It must work served and from a folder copy.
//
// These tests fail until the search is merged: before it, the page has no search box.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  PAGES,
  assertNoProblems,
  buildSite,
  copySite,
  fold,
  htmlFiles,
  launchBrowser,
  open,
  servedSite,
  squash,
} from './lib/site.mjs';

const QUERY = 'evaluacion';

let browser;
let root;
let sub;
let copy;

before(async () => {
  browser = await launchBrowser();
  root = await servedSite();
  sub = await servedSite({ prefix: '/portal/' });
  copy = copySite(buildSite());
});

after(async () => {
  await browser?.close();
  await root?.server.close();
  await sub?.server.close();
});

/** The text of a built page's main content, tags removed, folded. */
function mainText(file) {
  const html = readFileSync(file, 'utf8');
  const main = /<main\b[^>]*>([\s\S]*?)<\/main>/i.exec(html)?.[1] ?? html;
  return fold(squash(main.replace(/<script\b[\s\S]*?<\/script>/gi, ' ').replace(/<[^>]+>/g, ' ')));
}

/** The built file a result link names, for a site in `out` whose home is `home`. */
function fileOf(out, home, href) {
  const url = new URL(href);
  url.hash = '';
  url.search = '';
  let rel;
  if (url.protocol === 'file:') rel = path.relative(out, fileURLToPath(url));
  else rel = decodeURIComponent(url.pathname.slice(new URL(home).pathname.length));
  if (rel === '' || rel.endsWith('/') || rel.endsWith(path.sep)) rel = path.join(rel, 'index.html');
  return path.join(out, rel);
}

/** Types the query in the search box of the open page and waits for the results. */
async function search(page, query = QUERY) {
  const form = page.locator('form.site-search');
  assert.equal(await form.count(), 1, `${page.url()}: no form.site-search`);
  const field = form.locator('input#buscar-campo');
  assert.equal(await field.count(), 1, `${page.url()}: no input#buscar-campo in form.site-search`);
  await field.click();
  await field.pressSequentially(query, { delay: 15 });
  const items = page.locator('#buscar-resultados ol > li');
  await items.first().waitFor({ state: 'visible', timeout: 5000 }).catch(() => {
    throw new Error(`${page.url()}: no results in #buscar-resultados ol > li for "${query}"`);
  });
  return items;
}

/** The results as `{ href, text, marks }`, in order. */
function readResults(items) {
  return items.evaluateAll((lis) =>
    lis.map((li) => ({
      href: li.querySelector('a')?.href ?? null,
      text: li.textContent.replace(/\s+/g, ' ').trim(),
      marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
    })),
  );
}

describe('search', () => {
  it('every kind of page has the search box', async () => {
    for (const rel of [PAGES.home, PAGES.guide, PAGES.section, PAGES.plan, PAGES.plans, 'no-existe/']) {
      const { context, page } = await open(browser, new URL(rel, root.url).href, { allow404: true });
      try {
        assert.equal(await page.locator('form.site-search input#buscar-campo').count(), 1, `/${rel} has no search box`);
        const label = await page.locator('#buscar-campo').evaluate(
          (el) => el.labels?.length > 0 || !!el.getAttribute('aria-label') || !!el.getAttribute('aria-labelledby'),
        );
        assert.ok(label, `/${rel}: the search box has no label`);
      } finally {
        await context.close();
      }
    }
  });

  it(`"${QUERY}" finds the pages about evaluación, with the word marked`, async () => {
    const { context, page, watcher } = await open(browser, root.url);
    try {
      const results = await readResults(await search(page));
      assert.ok(results.length >= 1, 'at least one result');
      const withWord = results.filter((r) => fold(r.text).includes(QUERY));
      assert.ok(withWord.length >= 1, `no result title or excerpt says "evaluación": ${JSON.stringify(results)}`);
      const marks = results.flatMap((r) => r.marks).map(fold);
      assert.ok(marks.some((m) => m.startsWith('evalua')), `no <mark>ed "evaluación" in the excerpts: ${JSON.stringify(marks)}`);

      // Each result is a built page that really speaks of evaluación; none twice.
      const hrefs = results.map((r) => r.href);
      assert.ok(hrefs.every(Boolean), 'every result has a link');
      const pages = hrefs.map((h) => fileOf(root.out, root.url, h));
      assert.equal(new Set(pages).size, pages.length, `a page is listed twice: ${hrefs.join(', ')}`);
      const built = new Set(htmlFiles(root.out).map((f) => path.join(root.out, f)));
      for (const [i, file] of pages.entries()) {
        assert.ok(built.has(file), `result ${hrefs[i]} is not a built page`);
        assert.ok(mainText(file).includes('evalua'), `result ${hrefs[i]} does not mention evaluación`);
      }
      assertNoProblems(watcher, 'search');
    } finally {
      await context.close();
    }
  });

  it('ArrowDown then Enter opens the first result', async () => {
    const { context, page, watcher } = await open(browser, new URL(PAGES.guide, root.url).href);
    try {
      const [first] = await readResults(await search(page));
      await page.keyboard.press('ArrowDown');
      await Promise.all([page.waitForURL(first.href, { waitUntil: 'load', timeout: 5000 }), page.keyboard.press('Enter')]);
      assert.ok(await page.locator('h1').first().isVisible(), `${first.href}: no h1`);
      assertNoProblems(watcher, 'keyboard search');
    } finally {
      await context.close();
    }
  });

  const places = [
    ['served at the root', () => root.url],
    ['served under /portal/', () => sub.url],
    ['from a folder copy (file://)', () => pathToFileURL(path.join(copy, 'index.html')).href],
  ];
  for (const [name, home] of places) {
    it(`clicking a result opens its page, ${name}`, async () => {
      const { context, page, watcher } = await open(browser, home());
      try {
        const items = await search(page);
        const [first] = await readResults(items);
        const link = items.first().locator('a').first();
        await Promise.all([page.waitForURL(first.href, { waitUntil: 'load', timeout: 5000 }), link.click()]);
        const h1 = page.locator('h1').first();
        assert.ok(await h1.isVisible(), `${first.href}: no h1 — not a page of the portal`);
        assertNoProblems(watcher, `search ${name}`);
      } finally {
        await context.close();
      }
    });
  }

  it('printing hides the search box, the header navigation and the footer', async () => {
    const { context, page } = await open(browser, new URL(PAGES.guide, root.url).href);
    try {
      await page.emulateMedia({ media: 'print' });
      for (const selector of ['form.site-search', '.site-header nav', '.site-footer']) {
        const el = page.locator(selector);
        assert.ok((await el.count()) >= 1, `no ${selector} on the page`);
        assert.equal(await el.first().isVisible(), false, `${selector} shows when printing`);
      }
    } finally {
      await context.close();
    }
  });
});
