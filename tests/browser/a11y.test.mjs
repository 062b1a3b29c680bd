// Accessibility: axe-core, with its default rules (WCAG 2 A and AA, and best practices),
// reports no violations on the portal's kinds of pages, in light and dark colour schemes.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { PAGES, launchBrowser, open, servedSite } from './lib/site.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let site;
let browser;

before(async () => {
  site = await servedSite();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.server.close();
});

/** axe's violations on the page at `rel`, one readable line per failing element. */
async function violations(rel, colorScheme) {
  const url = new URL(rel, site.url).href;
  const { context, page } = await open(browser, url, { colorScheme, allow404: rel.startsWith('no-existe') });
  try {
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}`),
    );
  } finally {
    await context.close();
  }
}

describe('axe-core reports no violations', () => {
  const cases = [
    ['home page', PAGES.home],
    ['guidance page', PAGES.guide],
    ['section page', PAGES.section],
    ['plan page', PAGES.plan],
    ["plan's print version", PAGES.planPrint],
    ['plan listing', PAGES.plans],
    ['404 page', 'no-existe/pagina/'],
    // Taxonomies: a list of terms, one term's pages; shortcodes: a callout, a form box.
    ['taxonomy list', 'tema/'],
    ['term page', 'nivel/primaria/'],
    ['page with shortcodes', 'estrategias/visita-en-aula/'],
  ];
  for (const [name, rel] of cases) {
    it(`${name} (/${rel}), light and dark`, async () => {
      const found = [];
      for (const scheme of ['light', 'dark']) {
        for (const line of await violations(rel, scheme)) found.push(`[${scheme}] ${line}`);
      }
      assert.deepEqual(found, [], `axe violations on /${rel}`);
    });
  }
});
