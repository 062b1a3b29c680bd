// The portal works wherever it is put: served at a domain root, served under a sub-path
// (built with --base-url .../portal/), and opened from a copy of its folder through
// file:// (a USB stick, a folder on a school's computer). In each place every internal
// link and asset resolves, and a visitor can click from the home page to a section, a
// guidance page, a plan and its print version and back, with styles and scripts loaded.
//
// The file:// case needs the theme's relative URLs: until they are merged, links written
// from the root (`/estrategias/`) leave the folder under file://.
//
// The 404 page is only ever shown by a server, at any depth of the site: it is checked
// served, and left out of the file:// checks.

import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { checkLinks, formatBroken } from './lib/links.mjs';
import {
  assertNoProblems,
  buildSite,
  copySite,
  cssApplied,
  follow,
  launchBrowser,
  servedSite,
  squash,
  watch,
} from './lib/site.mjs';

let browser;
const servers = [];

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
});

const PLACES = [
  {
    name: 'served at a domain root',
    served: true,
    async setup() {
      const site = await servedSite();
      servers.push(site.server);
      return { home: site.url, out: site.out, baseUrl: site.url, missing: `${site.url}no-existe/muy/profunda/` };
    },
  },
  {
    name: 'served under a sub-path (/portal/)',
    served: true,
    async setup() {
      const site = await servedSite({ prefix: '/portal/' });
      servers.push(site.server);
      return { home: site.url, out: site.out, baseUrl: site.url, missing: `${site.url}no-existe/muy/profunda/` };
    },
  },
  {
    name: 'opened from a folder copy through file://',
    async setup() {
      const copy = copySite(buildSite());
      return { home: pathToFileURL(path.join(copy, 'index.html')).href, out: copy, baseUrl: undefined, skip: ['404.html'] };
    },
  },
];

/** Asserts the page shows a page of the portal: an h1 and the portal's styles. Returns the h1. */
async function assertPortalPage(page, what) {
  const h1 = page.locator('h1').first();
  assert.ok(await h1.isVisible(), `${what} (${page.url()}): no visible h1 — not a page of the portal`);
  const css = await cssApplied(page);
  assert.ok(css.ok, `${what} (${page.url()}): styles not applied: ${JSON.stringify(css)}`);
  return squash(await h1.innerText());
}

for (const place of PLACES) {
  describe(`the portal ${place.name}`, () => {
    let ctx;
    before(async () => {
      ctx = await place.setup();
    });

    async function visit(fn) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const watcher = watch(page);
      try {
        await fn(page, watcher);
      } catch (err) {
        // What the browser saw tells why: a stylesheet from `/` missing under file://, say.
        const seen = watcher.problems().map((p) => `\n  ${p.kind}: ${p.text}  (on ${p.at})`);
        if (!seen.length) throw err;
        throw new Error(`${err.message}\nthe browser saw:${seen.join('')}`, { cause: err });
      } finally {
        await context.close();
      }
      assertNoProblems(watcher, place.name);
    }

    it('every internal link and asset resolves (link checker)', () => {
      // Through file://, the theme's senda.js points folder links at their index.html.
      const { checked, broken } = checkLinks(ctx.out, { baseUrl: ctx.baseUrl, skip: ctx.skip, folderScript: 'senda.js' });
      assert.ok(checked >= 500, `only ${checked} links checked`);
      assert.equal(broken.length, 0, `${broken.length} broken link(s) ${place.name}:\n${formatBroken(broken)}`);
    });

    it('home → section → guidance page → table of contents → next page → breadcrumb home', async () => {
      await visit(async (page) => {
        await page.goto(ctx.home);
        const homeTitle = await assertPortalPage(page, 'home');

        const sectionLink = page.locator('header nav a[href*="estrategias"]').first();
        const sectionName = squash(await sectionLink.innerText());
        await follow(page, sectionLink);
        assert.equal(await assertPortalPage(page, 'section'), sectionName, 'the section link opens its section');

        const guideLink = page.locator('main a[href*="gia"]').first();
        const guideName = squash(await guideLink.innerText());
        await follow(page, guideLink);
        assert.equal(await assertPortalPage(page, 'guidance page'), guideName, 'the listing opens the guidance page');

        const anchor = page.locator('nav.toc a').nth(2);
        const hash = await anchor.getAttribute('href');
        await anchor.click();
        await page.waitForFunction((h) => location.hash === h, hash);

        const next = page.locator('a[rel="next"]');
        // The link reads "Siguiente → <title>"; the label is the theme's, the title the page's.
        const nextName = squash(await next.evaluate((a) => [...a.childNodes]
          .filter((n) => !(n.classList && n.classList.contains('pager-label')))
          .map((n) => n.textContent).join('')));
        await follow(page, next);
        assert.equal(await assertPortalPage(page, 'next page'), nextName, 'the next link opens the next page');

        await follow(page, page.locator('nav.breadcrumbs a').first());
        assert.equal(await assertPortalPage(page, 'home, by the breadcrumb'), homeTitle);
      });
    });

    it('home → plan listing (its script runs) → plan → print version → back to the plan', async () => {
      await visit(async (page) => {
        await page.goto(ctx.home);
        await assertPortalPage(page, 'home');

        await follow(page, page.locator('header nav a[href*="planes"]').first());
        await assertPortalPage(page, 'plan listing');
        await page.locator('#filtros').waitFor({ state: 'visible', timeout: 5000 }).catch(() => {
          throw new Error(`plan listing (${page.url()}): planes.js did not run (the filters stay hidden)`);
        });

        await follow(page, page.locator('main a[href*="ies-miguel-grau-2024"]').first());
        const planTitle = await assertPortalPage(page, 'plan');
        const planUrl = page.url();

        await follow(page, page.locator('main a[href*="imprimir"]').first());
        assert.equal(await assertPortalPage(page, 'print version'), planTitle);
        assert.equal(
          await page.evaluate(() => [...document.styleSheets].length >= 2),
          true,
          'the print version loads both stylesheets',
        );

        await follow(page, page.locator('.barra-impresion a').first());
        assert.equal(page.url(), planUrl, 'the print version links back to its plan');
      });
    });

    if (!place.served) return;
    it('the 404 page, shown deep in the site, is styled and leads home', async () => {
      await visit(async (page, watcher) => {
        watcher.allow((u, status) => status === 404 && u === ctx.missing);
        const response = await page.goto(ctx.missing);
        assert.equal(response.status(), 404, `${ctx.missing} is not found`);
        await assertPortalPage(page, '404 page');
        await follow(page, page.locator('main a').first());
        await assertPortalPage(page, 'home, from the 404 page');
        const home = new URL(ctx.home);
        const reached = new URL(page.url());
        assert.ok(
          reached.href === home.href || reached.href === new URL('./', home).href,
          `the 404 page leads to ${reached.href}, not home (${home.href})`,
        );
      });
    });
  });
}
