// Times the engine as WebAssembly in headless Chromium: the same drafts as benches/engine.rs,
// through the same wasm-bindgen module the extension's service worker loads.
//
//   node bench/wasm.mjs [dist/chrome]
//
// Prints the median and p95 per draft for a 280-character post, a 64 KB paste, and
// 1 KB … 1 MB to show how cost grows with length.
import { chromium } from 'playwright-core';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const dist = path.resolve(process.argv[2] ?? 'dist/chrome');
const SEED =
  'Thanks for asking! Greenfield Ave is closed Tuesday for sewer work; detour via 70th St. ' +
  'Details at https://www.westalliswi.gov/roads or write to permits@westalliswi.gov. ' +
  "lol my kids say hi, can't wait for the weekend. ";
const SIZES = [['280 chars', 280], ['64 KB paste', 65536], ['1 KB', 1024], ['16 KB', 16384], ['256 KB', 262144], ['1 MB', 1048576]];

const page = `<!doctype html><meta charset="utf-8"><script type="module">
import init, { Guard } from '/pkg/postguard.js';
await init();
const guard = new Guard(undefined);
const SEED = ${JSON.stringify(SEED)};
const text = (n) => { let s = ''; while (s.length < n) s += SEED; return s.slice(0, n); };
// As the service worker does: JSON text in, JSON text out.
const draft = (n) => JSON.stringify({ text: text(n), platform: 'x', surface: 'reply',
  account: { handle: 'CityofWestAllis', name: 'City of West Allis' },
  user: { email: 'jdoe@westalliswi.gov', name: 'Jane Doe', title: 'Communications Specialist' } });
const evaluate = (d) => JSON.parse(guard.evaluate(d));
// performance.now() is coarse (0.1 ms) in a page, so each sample times a batch of drafts.
window.bench = (n, budgetMs) => {
  const d = draft(n);
  for (let i = 0; i < 20; i++) evaluate(d); // warm up (JIT tiers, allocator)
  let batch = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) evaluate(d);
    if (performance.now() - t >= 5) break;
    batch *= 2;
  }
  const times = [];
  const end = performance.now() + budgetMs;
  while (times.length < 7 || (performance.now() < end && times.length < 500)) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) evaluate(d);
    times.push((performance.now() - t) / batch);
  }
  times.sort((a, b) => a - b);
  return { runs: times.length * batch, median: times[times.length >> 1], p95: times[Math.floor(times.length * 0.95)] };
};
window.ready = true;
</script>`;

const server = http.createServer(async (req, res) => {
  if (req.url === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  try {
    const body = await readFile(path.join(dist, req.url.replace(/\.\./g, '')));
    const type = req.url.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    res.writeHead(200, { 'content-type': type }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const tab = await browser.newPage();
  await tab.goto(`http://127.0.0.1:${server.address().port}/`);
  await tab.waitForFunction(() => window.ready === true);
  console.log('WASM engine in Chromium, per draft (ms):');
  for (const [name, n] of SIZES) {
    const r = await tab.evaluate(([n, b]) => window.bench(n, b), [n, n > 100000 ? 3000 : 1500]);
    console.log(`  ${name.padEnd(12)} median ${r.median.toFixed(4)}  p95 ${r.p95.toFixed(4)}  (${r.runs} runs)`);
  }
} finally {
  await browser.close();
  server.close();
}
