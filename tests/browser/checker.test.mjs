// The link checker itself, on small made-up sites: it must find each kind of broken link,
// or the validity and places tests could pass on a broken site.

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkLinks } from './lib/links.mjs';
import { tempDir } from './lib/site.mjs';

function site(files) {
  const dir = tempDir();
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const page = (body) => `<!DOCTYPE html><html><head><link rel="stylesheet" href="../s.css"></head><body>${body}</body></html>`;

describe('the link checker', () => {
  it('passes a sound site served under a sub-path, and finds what is broken there', () => {
    const dir = site({
      'index.html': '<a href="a/">a</a> <a href="a/#uno">uno</a> <a href="https://elsewhere.org/x">ext</a> <a href="mailto:x@y.pe">m</a>',
      'a/index.html': page('<h2 id="uno">1</h2><a href="../">home</a><a href="/portal/a/#uno">abs</a><img src="../img.png" alt="">'),
      's.css': 'body { background: url("img.png") }',
      'img.png': 'png',
    });
    assert.deepEqual(checkLinks(dir, { baseUrl: 'https://example.org/portal/' }).broken, []);

    writeFileSync(
      path.join(dir, 'index.html'),
      '<a href="b/">b</a> <a href="a/#dos">dos</a> <a href="/a/">root</a> <a href="https://example.org/otro/">out</a> <a href="a/#">e</a>',
    );
    writeFileSync(path.join(dir, 's.css'), 'body { background: url(falta.png) }');
    const reasons = checkLinks(dir, { baseUrl: 'https://example.org/portal/' }).broken.map((b) => `${b.file} ${b.link}`);
    assert.deepEqual(reasons.sort(), [
      'index.html /a/',
      'index.html a/#',
      'index.html a/#dos',
      'index.html b/',
      'index.html https://example.org/otro/',
      's.css falta.png',
    ]);
  });

  it('through file://, finds links from the root, to folders, and out of the folder', () => {
    const dir = site({
      'index.html': '<a href="a/index.html">ok</a> <a href="a/">folder</a> <a href="/a/index.html">root</a> <a href="../x.html">out</a> <a href="https://example.org/">ext</a>',
      'a/index.html': page('<a href="../index.html#arriba">up</a><span id="arriba"></span>'),
      's.css': '',
    });
    const broken = checkLinks(dir).broken.map((b) => `${b.file} ${b.link}`);
    assert.deepEqual(broken.sort(), ['a/index.html ../index.html#arriba', 'index.html ../x.html', 'index.html /a/index.html', 'index.html a/']);
  });

  it('through file://, accepts folder links only on pages that load the script that fixes them', () => {
    const dir = site({
      'index.html': '<script src="senda.js" defer></script><a href="a/">a</a> <a href="b/">b</a>',
      'a/index.html': '<a href="../">home</a>',
      'b/nada.html': '',
      'senda.js': '',
    });
    const broken = checkLinks(dir, { folderScript: 'senda.js' }).broken.map((b) => `${b.file} ${b.link} (${b.reason})`);
    assert.deepEqual(broken.sort(), [
      'a/index.html ../ (a folder: through file:// this opens a folder listing, not its index.html)',
      'index.html b/ (no index.html in that folder)',
    ]);
  });
});
