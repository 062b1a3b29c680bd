// Bytes a first search downloads: opens a built site in Chromium (served over HTTP, as a
// host would), types a query in the search box, waits for the results, and sums the
// search index files the page requested, as written and gzipped. Deterministic: the same
// site and query give the same figures, so one run is enough.
//
//   node benches/search_bytes.mjs OUT_DIR QUERY
//
// Prints `files bytes gzipped-bytes`. Needs tests/browser's node_modules and Chromium.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, serve } from '../tests/browser/lib/site.mjs';

const [out, query] = process.argv.slice(2);
if (!out || !query) throw new Error('usage: node benches/search_bytes.mjs OUT_DIR QUERY');
const server = await serve();
server.setRoot(out);
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(server.url, { waitUntil: 'load' });
  const fetched = [];
  page.on('request', (r) => {
    const rel = decodeURIComponent(new URL(r.url()).pathname.slice(1));
    if (rel.startsWith('search-index')) fetched.push(rel);
  });
  await page.locator('#buscar-campo').fill(query);
  await page.locator('#buscar-resultados ol > li').first().waitFor({ state: 'visible', timeout: 120000 });
  let bytes = 0;
  let gzipped = 0;
  for (const rel of fetched) {
    const data = readFileSync(path.join(out, rel));
    bytes += data.length;
    gzipped += gzipSync(data, { level: 6 }).length;
  }
  console.log(`${fetched.length} ${bytes} ${gzipped}`);
} finally {
  await browser.close();
  await server.close();
}
