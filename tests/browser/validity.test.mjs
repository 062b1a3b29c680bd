// Validity of the built portal: the Nu HTML Checker (vnu.jar, from npm's vnu-jar) reports
// no errors on any built page or stylesheet, and no link of the built site is broken.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { checkLinks, formatBroken } from './lib/links.mjs';
import { buildSite, htmlFiles, listFiles, tempDir } from './lib/site.mjs';

const VNU = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
const BASE_URL = 'https://example.org/';

let out;

before(() => {
  out = buildSite({ baseUrl: BASE_URL });
});

/**
 * Runs vnu.jar once over `files` (it is slow to start); returns its messages by file. Java
 * runs with the quick-starting C1 compiler only, and the stack the checker needs.
 */
function nuCheck(files) {
  const run = spawnSync(
    'java',
    ['-Xss2m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-jar', VNU, '--errors-only', '--format', 'json', '--also-check-css', ...files],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.error) throw new Error(`cannot run java: ${run.error.message}`);
  const json = [run.stdout, run.stderr].map((s) => s.trim()).find((s) => s.startsWith('{'));
  if (!json) throw new Error(`vnu.jar printed no JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  const byFile = new Map();
  for (const m of JSON.parse(json).messages) {
    const file = m.url ? decodeURIComponent(new URL(m.url).pathname) : '(vnu)';
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file).push(m);
  }
  return byFile;
}

describe('validity', () => {
  it('the Nu HTML Checker reports no errors on any built page or stylesheet', () => {
    const files = listFiles(out, (f) => f.endsWith('.html') || f.endsWith('.css')).map((f) => path.join(out, f));
    assert.ok(htmlFiles(out).length >= 20, `only ${htmlFiles(out).length} pages built`);
    // A page with a known error goes in the same batch: it proves the checker really checks.
    const control = path.join(tempDir(), 'control.html');
    writeFileSync(control, '<!DOCTYPE html><html lang="es"><title>x</title><p><div>mal anidado</p>');
    const byFile = nuCheck([...files, control]);
    assert.ok(byFile.get(control)?.length > 0, 'vnu.jar found no error in the control page: the check is not working');
    byFile.delete(control);
    const lines = [...byFile].flatMap(([file, messages]) =>
      messages.map((m) => `  ${path.relative(out, file)}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.type}${m.subType ? `/${m.subType}` : ''}: ${m.message}`),
    );
    assert.equal(lines.length, 0, `vnu.jar errors:\n${lines.join('\n')}`);
  });

  it('no link or asset of the built site is broken (file-based link checker)', () => {
    const { checked, broken } = checkLinks(out, { baseUrl: BASE_URL });
    assert.ok(checked >= 500, `only ${checked} links checked`);
    assert.equal(broken.length, 0, `${broken.length} broken link(s):\n${formatBroken(broken)}`);
  });
});
