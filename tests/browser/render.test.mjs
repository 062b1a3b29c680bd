// The bundled portal served at the root of a local server, in Debian's Chromium: pages
// render at phone and desktop widths (screenshots saved), navigation works, and a plan
// prints to A4 without the site's navigation.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  PAGES,
  assertNoProblems,
  cssApplied,
  ensureArtifacts,
  fold,
  follow,
  launchBrowser,
  open,
  servedSite,
  squash,
} from './lib/site.mjs';

let site;
let browser;
let artifacts;

before(async () => {
  artifacts = ensureArtifacts();
  site = await servedSite();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.server.close();
});

const url = (rel) => new URL(rel, site.url).href;
/** A page's address, the same whether a link names `dir/` or `dir/index.html`. */
const norm = (u) => u.replace(/(^|\/)index\.html(?=$|[#?])/, '$1');

describe('pages render at 360 px and 1280 px (screenshots in target/browser-artifacts/)', () => {
  const cases = [
    ['home', PAGES.home],
    ['guide', PAGES.guide],
    ['plan', PAGES.plan],
    ['404', 'no-existe/pagina/'],
  ];
  for (const [name, rel] of cases) {
    it(`${name} page (/${rel})`, async () => {
      // Both widths are looked at (and saved) before the test fails for either.
      const failures = [];
      for (const width of [360, 1280]) {
        const is404 = name === '404';
        const { context, page, watcher, response } = await open(browser, url(rel), { width, allow404: is404 });
        try {
          // Saved first, so a failing page can be looked at.
          await page.screenshot({ path: path.join(artifacts, `${name}-${width}.png`), fullPage: true });
          assert.equal(response.status(), is404 ? 404 : 200, `status of /${rel}`);
          const h1 = page.locator('h1').first();
          assert.ok(await h1.isVisible(), `/${rel} at ${width} px: no visible h1`);
          if (is404) assert.match(await h1.innerText(), /no encontrada/i);
          const css = await cssApplied(page);
          assert.ok(css.ok, `/${rel} at ${width} px: stylesheets not applied: ${JSON.stringify(css)}`);
          // Nothing wider than the screen: the page never scrolls sideways as a whole.
          const overflow = await page.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            client: document.documentElement.clientWidth,
          }));
          assert.ok(
            overflow.scroll <= overflow.client + 1,
            `/${rel} at ${width} px scrolls sideways: ${overflow.scroll} px wide in ${overflow.client} px`,
          );
          assertNoProblems(watcher, `/${rel} at ${width} px`);
        } catch (err) {
          failures.push(err);
        } finally {
          await context.close();
        }
      }
      if (failures.length === 1) throw failures[0];
      if (failures.length > 1) throw new Error(failures.map((e) => e.message).join('\n'));
    });
  }
});

describe('navigation', () => {
  it('breadcrumbs lead to pages whose own breadcrumbs are the ones before them', async () => {
    for (const rel of [PAGES.guide, PAGES.plan]) {
      const { context, page, watcher } = await open(browser, url(rel));
      try {
        const crumbs = page.locator('nav.breadcrumbs a');
        const texts = (await crumbs.allInnerTexts()).map(squash);
        assert.ok(texts.length >= 2, `/${rel}: expected at least 2 breadcrumbs, found ${texts.length}`);
        const hrefs = (await crumbs.evaluateAll((as) => as.map((a) => a.href))).map(norm);
        assert.equal(hrefs[0], site.url, `/${rel}: the first breadcrumb goes home`);
        assert.ok(!hrefs.includes(url(rel)), `/${rel}: the page is not its own breadcrumb`);
        for (let i = 0; i < texts.length; i++) {
          await page.goto(url(rel));
          const reached = norm(await follow(page, page.locator('nav.breadcrumbs a').nth(i)));
          assert.equal(reached, hrefs[i]);
          const theirs = (await page.locator('nav.breadcrumbs a').evaluateAll((as) => as.map((a) => a.href))).map(norm);
          assert.deepEqual(theirs, hrefs.slice(0, i), `breadcrumbs of ${reached} (from /${rel})`);
          assert.ok(await page.locator('h1').first().isVisible(), `${reached}: no h1`);
        }
        assertNoProblems(watcher, `breadcrumbs of /${rel}`);
      } finally {
        await context.close();
      }
    }
  });

  it('previous/next links walk the section in the order of its listing, both ways', async () => {
    const { context, page, watcher } = await open(browser, url(PAGES.section));
    try {
      const sectionUrl = norm(page.url());
      // The section's pages: links in main one level below the section, in order.
      const hrefs = (await page.locator('main a').evaluateAll((as) => as.map((a) => a.href))).map(norm);
      const listed = [
        ...new Set(hrefs.filter((h) => h.startsWith(sectionUrl) && /^[^/#?]+\/$/.test(h.slice(sectionUrl.length)))),
      ];
      assert.ok(listed.length >= 3, `the section lists ${listed.length} pages`);
      assert.ok(listed.includes(url(PAGES.guide)), `the section lists ${PAGES.guide}`);

      await page.goto(listed[0]);
      assert.equal(await page.locator('a[rel="prev"]').count(), 0, `${listed[0]} is first: no previous link`);
      for (let i = 1; i < listed.length; i++) {
        const next = page.locator('a[rel="next"]');
        assert.equal(await next.count(), 1, `${listed[i - 1]}: one next link`);
        const label = fold(await next.innerText());
        assert.equal(norm(await follow(page, next)), listed[i], `next of ${listed[i - 1]}`);
        const h1 = fold(squash(await page.locator('h1').first().innerText()));
        assert.ok(label.includes(h1), `the next link "${label}" names the page it opens ("${h1}")`);
      }
      assert.equal(await page.locator('a[rel="next"]').count(), 0, `${listed.at(-1)} is last: no next link`);
      for (let i = listed.length - 2; i >= 0; i--) {
        assert.equal(norm(await follow(page, page.locator('a[rel="prev"]'))), listed[i], `previous of ${listed[i + 1]}`);
      }
      assertNoProblems(watcher, 'previous/next');
    } finally {
      await context.close();
    }
  });

  for (const [name, rel, selector] of [
    ['the table of contents of a guidance page', PAGES.guide, 'nav.toc a'],
    ['the index of a plan', PAGES.plan, 'nav.indice a'],
  ]) {
    it(`${name} jumps to each heading`, async () => {
      const { context, page, watcher } = await open(browser, url(rel), { width: 360, height: 640 });
      try {
        const links = page.locator(selector);
        const count = await links.count();
        assert.ok(count >= 3, `/${rel}: ${count} links in ${selector}`);
        for (let i = 0; i < count; i++) {
          const link = links.nth(i);
          const href = await link.getAttribute('href');
          assert.match(href, /^#./, `/${rel}: ${selector} link ${href} is an anchor on the page`);
          await page.evaluate(() => window.scrollTo(0, 0));
          await link.click();
          await page.waitForFunction((h) => location.hash === h, href);
          const id = decodeURIComponent(href.slice(1));
          await page.waitForFunction((id) => {
            const el = document.getElementById(id);
            if (!el) return false;
            const r = el.getBoundingClientRect();
            return r.top >= -1 && r.top < window.innerHeight;
          }, id, { timeout: 3000 }).catch(() => {
            throw new Error(`/${rel}: after clicking ${href}, #${id} is missing or not on screen`);
          });
        }
        assertNoProblems(watcher, `anchors of /${rel}`);
      } finally {
        await context.close();
      }
    });
  }

  it('the skip link is the first stop of the keyboard and jumps to the content', async () => {
    const { context, page } = await open(browser, url(PAGES.guide));
    try {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => ({
        text: document.activeElement.textContent.trim(),
        href: document.activeElement.getAttribute('href'),
        visible: document.activeElement.getBoundingClientRect().left >= 0,
      }));
      assert.match(focused.href ?? '', /^#./, `the first Tab stop is a skip link: ${JSON.stringify(focused)}`);
      assert.ok(focused.visible, 'the skip link shows when focused');
      await page.keyboard.press('Enter');
      await page.waitForFunction((h) => location.hash === h, focused.href);
      assert.equal(await page.locator(focused.href).count(), 1);
    } finally {
      await context.close();
    }
  });
});

/** The per-page sizes of a PDF, from pdfinfo, in points. */
function pdfPageSizes(file) {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '10000', file], { encoding: 'utf8' });
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [+m[1], +m[2]]);
}

const isA4 = ([w, h]) =>
  (Math.abs(w - 595.28) < 1.5 && Math.abs(h - 841.89) < 1.5) || (Math.abs(w - 841.89) < 1.5 && Math.abs(h - 595.28) < 1.5);

/**
 * Prints `rel` to `target/browser-artifacts/<name>.pdf` and checks it: every page A4, none
 * of the site's navigation, search box, footer or download box, and the plan's sections in
 * the order they have on the page.
 */
async function checkPrint(rel, name) {
  const { context, page, watcher } = await open(browser, url(rel));
  try {
    const headings = (await page.locator('article.plan section.seccion > h2').allInnerTexts()).map(squash);
    assert.ok(headings.length >= 5, `/${rel}: ${headings.length} plan sections found`);
    // Texts that only the site's navigation, search box and footer show.
    const chrome = await page.evaluate(() => {
      const regions = [
        '.skip-link',
        '.site-header',
        '.site-footer',
        '.site-search',
        'nav.breadcrumbs',
        '.descargas',
        '.barra-impresion',
        '.pager',
      ];
      const found = [...document.querySelectorAll(regions.join(','))];
      const texts = new Set();
      for (const el of found) {
        for (const node of el.querySelectorAll('a, p, label, button, span')) {
          const t = node.textContent.replace(/\s+/g, ' ').trim();
          if (t.length >= 4) texts.add(t);
        }
        if (el.matches('a')) texts.add(el.textContent.replace(/\s+/g, ' ').trim());
        for (const input of el.querySelectorAll('input[placeholder]')) texts.add(input.placeholder.trim());
      }
      const rest = document.body.cloneNode(true);
      for (const el of rest.querySelectorAll(regions.join(','))) el.remove();
      return { texts: [...texts], rest: rest.textContent };
    }).then(({ texts, rest }) => {
      const restText = fold(squash(rest));
      return texts.filter((t) => !restText.includes(fold(t)));
    });
    assert.ok(chrome.length >= 1, `/${rel}: too few navigation texts to look for: ${JSON.stringify(chrome)}`);

    const pdf = path.join(artifacts, `${name}.pdf`);
    await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true, printBackground: true });
    assertNoProblems(watcher, `/${rel}`);

    const sizes = pdfPageSizes(pdf);
    assert.ok(sizes.length >= 2, `${name}.pdf has ${sizes.length} pages`);
    const notA4 = sizes.map((s, i) => [i + 1, s]).filter(([, s]) => !isA4(s));
    assert.deepEqual(notA4, [], `${name}.pdf: pages that are not A4 (595 x 842 pts)`);

    const text = fold(squash(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' })));
    const shown = chrome.filter((t) => text.includes(fold(t)));
    assert.deepEqual(shown, [], `${name}.pdf shows navigation, search or footer text`);
    // Each heading's last occurrence (the section itself, after the index) in page order.
    let previous = -1;
    for (const h of headings) {
      const at = text.lastIndexOf(fold(h));
      assert.ok(at >= 0, `${name}.pdf lacks the section heading "${h}"`);
      assert.ok(at > previous, `${name}.pdf: "${h}" is out of order`);
      previous = at;
    }
  } finally {
    await context.close();
  }
}

describe('printing a plan', () => {
  it('the plan page prints to A4 without navigation, search or footer, sections in order (plan.pdf)', async () => {
    await checkPrint(PAGES.plan, 'plan');
  });

  it('the print version prints the same way (plan-imprimir.pdf)', async () => {
    await checkPrint(PAGES.planPrint, 'plan-imprimir');
  });
});
