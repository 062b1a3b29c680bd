// The plan editor of `senda serve` (/_editor/), as a school director uses it on a phone
// (360 x 800): create a plan, import the teachers from a spreadsheet, fill what the
// template leaves blank, save with a mistake (the error shows next to its field), fix it,
// save, and find the plan on its public page, served by the same `senda serve`. axe-core
// finds no violation on the list of plans nor on the form.
//
// SENDA_EDITOR_SCREENSHOT=<file.png> also writes the README's phone screenshot there
// (docs/img/editor-telefono.png).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO, SENDA_BIN, SITE, assertNoProblems, launchBrowser, tempDir, watch } from './lib/site.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const XLSX = path.join(REPO, 'tests', 'fixtures', 'import', 'docentes.xlsx');
const ID = 'ie-editor-prueba';
// The teachers of docentes.xlsx (fictional people).
const TEACHERS = ['DIEGO ERNESTO MODELO FICTICIO', 'Lucía Ejemplo Inventada', 'Mario Prueba Ficticio'];

let serve;
let browser;
let root;

/** `senda serve` on a copy of the bundled portal, on a free port; resolves with its address. */
function startServe(root) {
  const child = spawn(SENDA_BIN, ['serve', '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const address = new Promise((resolve, reject) => {
    const look = (chunk) => {
      output += chunk;
      // The editor's own line ("Editor de planes: http://127.0.0.1:PORT/_editor/"), in
      // whatever language the machine's locale picks.
      const m = /(http:\/\/[^\s/]+)\/_editor\//.exec(output);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('exit', (code) => reject(new Error(`senda serve ended (${code}):\n${output}`)));
    setTimeout(() => reject(new Error(`senda serve printed no editor address in 60 s:\n${output}`)), 60_000).unref();
  });
  return { child, address, output: () => output };
}

before(async () => {
  if (!existsSync(SENDA_BIN)) throw new Error(`senda binary not found at ${SENDA_BIN}: run \`cargo build\``);
  root = path.join(tempDir('senda-editor-'), 'portal');
  for (const part of ['site.toml', 'content', 'themes', 'static', 'templates']) {
    if (existsSync(path.join(SITE, part))) cpSync(path.join(SITE, part), path.join(root, part), { recursive: true });
  }
  serve = startServe(root);
  serve.origin = await serve.address;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  serve?.child.kill();
});

async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}`));
}

/** The field whose control has `name` (its key path), its wrapper and the diagnostics in it. */
const control = (page, name) => page.locator(`[name="${name}"]`);
const wrapper = (page, name) => control(page, name).locator('xpath=ancestor::div[contains(@class, "campo")][1]');

/** Clicks Guardar and waits for the answer of the PUT. */
async function save(page) {
  const answer = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(`/_editor/api/planes/${ID}`));
  await page.getByRole('button', { name: 'Guardar' }).click();
  const res = await answer;
  assert.equal(res.status(), 200, `PUT answered ${res.status()}: ${await res.text()}`);
  await page.waitForFunction(() => !document.querySelector('.barra button[aria-disabled]'));
  return res.json();
}

/** A weekday of April of `year`, as YYYY-MM-DD: inside the school year, with students. */
function aprilWeekday(year, nth) {
  const d = new Date(Date.UTC(year, 3, 6 + nth));
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

describe('the plan editor on a phone', () => {
  it('creates, imports, reports a mistake by its field, saves and publishes a plan', async () => {
    // The editor's CSP allows only its own script: axe is injected past it, as a tool does.
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, deviceScaleFactor: 2, bypassCSP: true });
    const page = await context.newPage();
    const watcher = watch(page);
    try {
      await page.goto(`${serve.origin}/_editor/`, { waitUntil: 'load' });
      await page.getByRole('heading', { level: 1, name: 'Planes del portal' }).waitFor();
      await page.locator('.tarjeta').first().waitFor();
      assert.deepEqual(await axeViolations(page), [], 'axe violations on the list of plans');
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'the list fits 360 px');

      // A new plan from the template.
      await page.getByLabel('Identificador del nuevo plan').fill(ID);
      await page.getByLabel('A partir de').selectOption('');
      await Promise.all([page.waitForURL(`**/_editor/planes/${ID}`), page.getByRole('button', { name: 'Crear el plan' }).click()]);
      await page.locator('#plan').waitFor();
      assert.deepEqual(await page.evaluate(() => [...window.sendaEditor.missing]), [], 'every label has its editor_ string');

      // Teachers from the spreadsheet: they appear in the form and as rows of the visit grid.
      const importer = page.locator('#parte-docentes .importar');
      // Named as a director names it: the accented name travels percent-encoded.
      const upload = path.join(tempDir('senda-subida-'), 'Docentes año 2025.xlsx');
      cpSync(XLSX, upload);
      await importer.locator('input[type=file]').setInputFiles(upload);
      await importer.getByRole('button', { name: 'Importar', exact: true }).click();
      await page.locator('#parte-docentes [name="docentes[2].nombre"]').waitFor();
      const names = await page.locator('#parte-docentes input[name$=".nombre"]').evaluateAll((els) => els.map((e) => e.value));
      for (const name of TEACHERS) assert.ok(names.some((n) => n.toLowerCase() === name.toLowerCase()), `${name} imported: ${names}`);
      assert.equal(await page.locator('#parte-visitas tbody tr').count(), names.length, 'one row of visits per teacher');

      // What the template leaves to fill in, and one mistake: a código modular of 5 digits.
      const year = Number(await control(page, 'anio').inputValue());
      await control(page, 'estado').selectOption('en_revision');
      await control(page, 'lugar').fill('Juli');
      await control(page, 'institucion.nombre').fill('Nueva Esperanza Editor');
      await control(page, 'institucion.dre').fill('DRE Puno');
      await control(page, 'institucion.ugel').fill('UGEL Chucuito');
      await control(page, 'institucion.region').fill('Puno');
      await control(page, 'institucion.provincia').fill('Chucuito');
      await control(page, 'institucion.distrito').fill('Juli');
      await control(page, 'institucion.direccion').fill('Jr. Ejemplo s/n');
      await control(page, 'institucion.altitud_msnm').fill('3850');
      await control(page, 'institucion.codigo_local').fill('999999');
      await control(page, 'institucion.codigos_modulares.primaria').fill('12345');
      await control(page, 'equipo[0].nombre').fill('Maribel Quispe Ficticia');
      await control(page, 'textos.presentacion').fill('Este plan organiza el acompañamiento de los docentes de la escuela.');
      const cells = page.locator('#parte-visitas tbody tr td:first-of-type input');
      for (let i = 0; i < (await cells.count()); i += 1) await cells.nth(i).fill(aprilWeekday(year, i));
      await page.locator('#parte-visitas tbody tr').first().locator('td').nth(1).locator('input').fill('junio');

      let answer = await save(page);
      const e5 = answer.diagnosticos.filter((d) => d.codigo === 'E5' && d.nivel === 'error');
      assert.equal(e5.length, 1, `one E5: ${JSON.stringify(answer.diagnosticos)}`);
      const field = wrapper(page, 'institucion.codigos_modulares.primaria');
      await assert.doesNotReject(field.locator('.diag-error', { hasText: 'E5' }).waitFor(), 'the error is shown next to its field');
      assert.equal(await control(page, 'institucion.codigos_modulares.primaria').getAttribute('aria-invalid'), 'true');
      const described = await control(page, 'institucion.codigos_modulares.primaria').getAttribute('aria-describedby');
      assert.ok(described.split(' ').includes(await field.locator('.diag-error').getAttribute('id')), 'the error describes the field');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'resumen-titulo', 'focus moves to the summary');
      await page.locator('#resumen').getByRole('link', { name: /E5/ }).click();
      assert.equal(await page.evaluate(() => document.activeElement.name), 'institucion.codigos_modulares.primaria', "the summary's link leads to the field");
      assert.deepEqual(await axeViolations(page), [], 'axe violations on the form with its diagnostics');
      if (process.env.SENDA_EDITOR_SCREENSHOT) await screenshot(page, process.env.SENDA_EDITOR_SCREENSHOT);

      // Fixed and saved: no error left, and the public page shows the plan.
      await control(page, 'institucion.codigos_modulares.primaria').fill('0123456');
      answer = await save(page);
      const errors = answer.diagnosticos.filter((d) => d.nivel === 'error');
      assert.deepEqual(errors, [], 'no error after the fix');
      assert.equal(await page.locator('.diag-error').count(), 0);
      // The status line is written once the save's answer is shown: waited for, not raced.
      await assert.doesNotReject(page.locator('#editor-estado', { hasText: 'Guardado' }).waitFor(), 'the status says Guardado');

      const url = await page.locator('a', { hasText: 'Ver la página pública' }).getAttribute('href');
      // The save rebuilds the live site; until that is done the page is the old one (or none).
      const address = new URL(url, serve.origin).href;
      let html = '';
      for (let tries = 0; tries < 100 && !html.includes('Nueva Esperanza Editor'); tries += 1) {
        const res = await fetch(address);
        html = res.ok ? await res.text() : '';
        if (!html.includes('Nueva Esperanza Editor')) await new Promise((r) => setTimeout(r, 100));
      }
      const publicPage = await context.newPage();
      await publicPage.goto(address, { waitUntil: 'load' });
      const text = await publicPage.locator('main').innerText();
      assert.ok(text.includes('Nueva Esperanza Editor'), `the public page ${url} shows the plan:\n${serve.output()}`);
      assert.ok(text.includes('0123456'), 'with the código modular as fixed');
      assert.ok(!text.includes('Lucía Ejemplo Inventada'), "teachers' names masked on the public page");
      assertNoProblems(watcher, 'editor');
    } finally {
      await context.close();
    }
  });
});

describe('the form of a hand-written plan', () => {
  it('shows every part with the names of what it picks, fits 360 px, and has no axe violation', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, bypassCSP: true });
    const page = await context.newPage();
    const watcher = watch(page);
    try {
      await page.goto(`${serve.origin}/_editor/planes/ies-miguel-grau-2024`, { waitUntil: 'load' });
      await page.locator('#plan').waitFor();
      assert.deepEqual(await page.evaluate(() => [...window.sendaEditor.missing]), [], 'every label has its editor_ string');
      const parts = await page.locator('.indice li').allInnerTexts();
      assert.deepEqual(parts, ['Datos informativos', 'Equipo responsable', 'Textos', 'Objetivos', 'Principios', 'Bases legales',
        'Estrategias', 'Enfoque: MBDD y rúbricas', 'Población y privacidad', 'Docentes', 'Cronograma de visitas', 'Actividades',
        'Instrumentos', 'Presupuesto', 'Requerimientos', 'Bibliografía', 'Anexos', 'Firmas']);
      // The lists show names, not numbers: the MBDD competencies, the strategy types, the guidance page.
      const competencias = await page.locator('#parte-enfoque fieldset').first().locator('label').allInnerTexts();
      assert.ok(competencias.length >= 9, `${competencias.length} competencies`);
      assert.ok(competencias.every((c) => /^\d+\. \S+ \S+/.test(c)), `competencies by name: ${competencias}`);
      assert.ok((await page.locator('[name="estrategias[0].tipo"] option:checked').textContent()).length > 3);
      assert.ok(await page.locator('#parte-estrategias .guia a[href="/estrategias/visita-en-aula/"]').count() > 0, 'the guidance page linked');
      // The visit grid: one row per teacher, a date or a month in each cell.
      const rows = await page.locator('#parte-visitas tbody tr').count();
      assert.ok(rows >= 3, `${rows} rows of visits`);
      const first = await page.locator('#parte-visitas tbody tr').first().locator('input').evaluateAll((els) => els.map((e) => e.value));
      assert.ok(first.every((v) => /^\d{4}-\d{2}-\d{2}$|^[a-z]+$/.test(v)) && first.some(Boolean), `cells: ${first}`);
      assert.match(await page.locator('#presupuesto-total').innerText(), /\d+\.\d\d/);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'only the visit grid scrolls sideways');
      assert.deepEqual(await axeViolations(page), [], 'axe violations on the form of a full plan');

      // By keyboard: a change and Ctrl+S save it, the result is read out, focus stays put;
      // the hand-written file keeps every comment.
      const file = path.join(root, 'content', 'planes', 'ies-miguel-grau-2024.toml');
      const comments = (text) => text.split('\n').filter((l) => /(^|\s)#/.test(l)).map((l) => l.slice(l.indexOf('#')));
      const before = readFileSync(file, 'utf8');
      await control(page, 'titulo').focus();
      await page.keyboard.press('End');
      await page.keyboard.type(' (revisado)');
      const answer = page.waitForResponse((r) => r.request().method() === 'PUT');
      await page.keyboard.press('Control+s');
      assert.equal((await answer).status(), 200);
      await page.waitForFunction(() => /Guardado/.test(document.getElementById('editor-estado').textContent));
      assert.equal(await page.locator('#editor-estado').getAttribute('role'), 'status');
      const focused = await page.evaluate(() => document.activeElement.name || document.activeElement.id);
      assert.ok(['titulo', 'resumen-titulo'].includes(focused), `focus after saving: ${focused}`);
      const after = readFileSync(file, 'utf8');
      assert.match(after, /^titulo = ".* \(revisado\)"/m);
      assert.deepEqual(comments(after), comments(before), 'every comment kept');
      assertNoProblems(watcher, 'editor');
    } finally {
      await context.close();
    }
  });
});

/** The README's picture: the phone's screen at the school's data, the error under its field. */
async function screenshot(page, file) {
  await page.evaluate(() => {
    document.activeElement.blur();
    const box = document.querySelector('[name="institucion.codigos_modulares.primaria"]').closest('.campo');
    const bottom = box.getBoundingClientRect().bottom + window.scrollY;
    // The field and its error just above the save bar.
    window.scrollTo(0, bottom - window.innerHeight + 110);
  });
  await page.screenshot({ path: file });
  assert.ok(statSync(file).size < 200_000, `${file} is under 200 KB`);
}
