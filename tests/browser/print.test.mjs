// Printing a plan as a director does, from Chromium's print dialog with its defaults:
// "headers and footers" on. The cover prints clean (none of Chromium's date, title, URL or
// page count), and a small plan's schedules share one landscape page instead of leaving a
// page with two rows of the Gantt.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  PAGES,
  REPO,
  SENDA_BIN,
  assertNoProblems,
  ensureArtifacts,
  fold,
  launchBrowser,
  open,
  serve,
  servedSite,
  squash,
  tempDir,
} from './lib/site.mjs';

let site;
let small;
let browser;
let artifacts;

/**
 * A portal with the bundled theme and the plan of the rule tests
 * (tests/fixtures/plans/), a small plan: two teachers, six visits, two activities.
 */
async function smallPlanSite() {
  const root = path.join(tempDir(), 'portal-pequeno');
  mkdirSync(path.join(root, 'themes'), { recursive: true });
  cpSync(path.join(REPO, 'tests', 'fixtures', 'plans', 'content'), path.join(root, 'content'), { recursive: true });
  cpSync(path.join(REPO, 'themes', 'senda'), path.join(root, 'themes', 'senda'), { recursive: true });
  const server = await serve();
  writeFileSync(
    path.join(root, 'site.toml'),
    `title = "Portal de prueba"\nbase_url = "${server.url}"\ntheme = "senda"\nlanguage = "es-PE"\n`,
  );
  const out = path.join(tempDir(), 'site');
  const run = spawnSync(SENDA_BIN, ['build', '--root', root, '--output', out], { encoding: 'utf8' });
  if (run.status !== 0) {
    await server.close();
    throw new Error(`senda build of the small plan failed (${run.status}):\n${run.stdout}${run.stderr}`);
  }
  server.setRoot(out);
  return { server, out, url: server.url };
}

before(async () => {
  artifacts = ensureArtifacts();
  site = await servedSite();
  small = await smallPlanSite();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.server.close();
  await small?.server.close();
});

/**
 * Prints `url` as Chromium's print dialog does by default (A4, the page's own page box,
 * headers and footers on: Chromium's templates, date and title on top, URL and "n/N" below)
 * to `target/browser-artifacts/<name>.pdf`; returns each page's `{ text, landscape }`.
 */
async function printWithDialogDefaults(url, name) {
  const { context, page, watcher } = await open(browser, url);
  try {
    const pdf = path.join(artifacts, `${name}.pdf`);
    await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true, displayHeaderFooter: true });
    assertNoProblems(watcher, url);
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '10000', pdf], { encoding: 'utf8' });
    const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [+m[1], +m[2]]);
    return sizes.map(([w, h], i) => ({
      text: execFileSync('pdftotext', ['-f', `${i + 1}`, '-l', `${i + 1}`, '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }),
      landscape: w > h,
    }));
  } finally {
    await context.close();
  }
}

/** What Chromium's own header and footer print: the page's address, a date, "n/N". */
function browserChrome(text, origin) {
  const found = [];
  if (text.includes(origin)) found.push('the URL');
  if (/\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/.test(text)) found.push('a date');
  if (/(^|\s)\d+\/\d+(\s|$)/.test(text)) found.push('a page count "n/N"');
  return found;
}

describe('printing with the print dialog\'s headers and footers on', () => {
  for (const [name, rel] of [
    ['the print version', PAGES.planPrint],
    ['the plan page', PAGES.plan],
  ]) {
    it(`${name}: the cover prints clean and the other pages carry only the plan's own header`, async () => {
      const pages = await printWithDialogDefaults(new URL(rel, site.url).href, `encabezados-${name.split(' ').at(-1)}`);
      assert.ok(pages.length >= 5, `${pages.length} pages`);
      const cover = fold(squash(pages[0].text));
      assert.deepEqual(browserChrome(pages[0].text, site.server.origin), [], `the cover shows Chromium's own: ${cover}`);
      assert.ok(cover.includes('miguel grau'), `page 1 is not the cover: ${cover}`);
      assert.ok(!/pagina \d+ de \d+/.test(cover), `the cover is numbered: ${cover}`);
      for (const [i, p] of pages.entries()) {
        if (i === 0) continue;
        const text = fold(squash(p.text));
        assert.deepEqual(browserChrome(p.text, site.server.origin), [], `page ${i + 1} shows Chromium's own: ${text}`);
        assert.match(text, new RegExp(`pagina ${i + 1} de ${pages.length}`), `page ${i + 1} lacks its number`);
      }
    });
  }
});

describe('a small plan on paper', () => {
  it('its short schedules (visits, monthly calendar, activities) fit on the landscape page they start on', async () => {
    const pages = await printWithDialogDefaults(new URL('planes/ie-prueba-2024/imprimir/', small.url).href, 'plan-pequeno');
    const texts = pages.map((p) => fold(squash(p.text)));
    const pageOf = (what) => {
      const found = texts.map((t, i) => (t.includes(fold(what)) ? i + 1 : 0)).filter(Boolean);
      assert.ok(found.length >= 1, `"${what}" is printed nowhere`);
      return found;
    };
    const landscape = pages.map((p, i) => (p.landscape ? i + 1 : 0)).filter(Boolean);
    // The headings are in the index too: the schedules' pages are the last ones naming them.
    const starts = pageOf('xii. cronograma de visitas').at(-1);
    const shown = [
      'xiii. cronograma de actividades',
      'cronograma de actividades 2024',
      'elaboracion del plan',
      'visitas en aula y dialogo reflexivo',
      'calendario mensual de visitas',
      '13 de noviembre',
      'actividad programada en ese mes',
    ];
    const where = Object.fromEntries(shown.map((s) => [s, pageOf(s).at(-1)]));
    assert.deepEqual(landscape, [starts], `the schedules start on page ${starts}; landscape pages: ${landscape}`);
    assert.deepEqual(
      Object.entries(where).filter(([, p]) => p !== starts),
      [],
      `printed off the page the schedules start on (${starts})`,
    );
  });
});
