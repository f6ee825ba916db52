// What PostGuard costs a person in the browser, measured side by side in one run:
// the same Chromium, the same fixture pages, with and without the extension, alternating
// rounds so machine noise hits both alike. Prints ratios (with / without).
//
//   node bench/browser.mjs [--rounds 3]
//
// - keypress to next paint on the Facebook (Lexical) composer
// - main-thread script time on an X feed that appends and removes hundreds of nodes a second
// - JS heap added to a tab
// - service worker cold start to first verdict
import { launch } from '../tests/e2e/harness.mjs';

const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;
const KEYS = 120;
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

// Runs in the page before its own scripts: stamps each keydown and, two frames later
// (after the frame that paints the key), records the delay.
const keyTimer = () => {
  window.__keyDelays = [];
  addEventListener('keydown', (e) => {
    const t0 = e.timeStamp;
    requestAnimationFrame(() => requestAnimationFrame(() => window.__keyDelays.push(performance.now() - t0)));
  }, true);
};

// A busy feed: 300 nodes appended and 300 removed per second, like an infinite timeline.
const FEED = `<!doctype html><meta charset="utf-8"><title>feed</title><main id="feed"></main>
<script src="/feed.js"></script>`;
const FEED_JS = `const feed = document.getElementById('feed');
setInterval(() => {
  for (let i = 0; i < 30; i++) {
    const a = document.createElement('article');
    a.innerHTML = '<p>Post ' + Math.random() + '</p><button data-testid="like">Like</button>';
    feed.append(a);
  }
  while (feed.children.length > 300) feed.firstElementChild.remove();
}, 100);`;

async function keypressDelay(h) {
  const page = await h.context.newPage();
  await page.addInitScript(keyTimer);
  await page.goto('https://www.facebook.com/?as=Jane%20Doe');
  const box = page.locator('[data-lexical-editor="true"]');
  await box.click();
  await page.waitForTimeout(300);
  for (let i = 0; i < KEYS; i++) await page.keyboard.press(i % 10 === 9 ? 'Space' : 'KeyA');
  await page.waitForTimeout(200);
  const delays = await page.evaluate(() => window.__keyDelays);
  await page.close();
  return median(delays);
}

async function feedScript(h) {
  const page = await h.context.newPage();
  await page.route('https://x.com/bench-feed', (r) => r.fulfill({ contentType: 'text/html', body: FEED }));
  await page.route('https://x.com/feed.js', (r) => r.fulfill({ contentType: 'text/javascript', body: FEED_JS }));
  await page.goto('https://x.com/bench-feed');
  const cdp = await h.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  await page.waitForTimeout(500);
  const a = await metric();
  await page.waitForTimeout(4000);
  const b = await metric();
  await page.close();
  return { script: (b.ScriptDuration - a.ScriptDuration) * 1000, heap: b.JSHeapUsedSize };
}

async function tabHeap(h) {
  const page = await h.newPage('https://x.com/home?as=CityofWestAllis&name=City%20of%20West%20Allis');
  await page.click('[data-testid="tweetTextarea_0"] [role="textbox"]');
  await page.keyboard.type('Greenfield Ave is closed Tuesday for sewer work.');
  await page.waitForTimeout(500);
  const cdp = await h.context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await page.close();
  return usedSize;
}

async function coldStart(h) {
  const id = new URL(h.sw.url()).host;
  const ext = await h.context.newPage();
  await ext.goto(`chrome-extension://${id}/popup.html`);
  const cdp = await h.context.newCDPSession(ext);
  const versions = new Map();
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => e.versions.forEach((v) => versions.set(v.versionId, v)));
  await cdp.send('ServiceWorker.enable');
  const times = [];
  for (let i = 0; i < 5; i++) {
    await ext.waitForTimeout(200);
    for (const v of versions.values()) {
      if (v.runningStatus === 'running') await cdp.send('ServiceWorker.stopWorker', { versionId: v.versionId });
    }
    await ext.waitForTimeout(300);
    times.push(await ext.evaluate(async () => {
      const t = performance.now();
      await chrome.runtime.sendMessage({ type: 'evaluate', draft: { text: 'so hungover lol', platform: 'x', account: { handle: 'CityofWestAllis' } } });
      return performance.now() - t;
    }));
  }
  await ext.close();
  return median(times);
}

const results = { with: [], without: [] };
for (let round = 0; round < ROUNDS; round++) {
  for (const which of round % 2 ? ['without', 'with'] : ['with', 'without']) {
    const h = await launch({ extensionDir: which === 'with' ? undefined : null });
    try {
      const key = await keypressDelay(h);
      const feed = await feedScript(h);
      const heap = await tabHeap(h);
      const cold = which === 'with' ? await coldStart(h) : null;
      results[which].push({ key, script: feed.script, heap, cold });
    } finally {
      await h.close();
    }
  }
}

const m = (which, k) => median(results[which].map((r) => r[k]));
const ratio = (k) => (m('with', k) / m('without', k)).toFixed(3);
console.log(`PostGuard in Chromium, ${ROUNDS} alternating rounds, medians:`);
console.log(`  keypress to next paint (Lexical): ${m('with', 'key').toFixed(2)} ms with, ${m('without', 'key').toFixed(2)} ms without → ${ratio('key')}×`);
console.log(`  feed main-thread script time (4 s): ${m('with', 'script').toFixed(1)} ms with, ${m('without', 'script').toFixed(1)} ms without → ${ratio('script')}×`);
console.log(`  tab JS heap: +${((m('with', 'heap') - m('without', 'heap')) / 1024).toFixed(0)} KB (${(m('with', 'heap') / 1048576).toFixed(2)} MB with, ${(m('without', 'heap') / 1048576).toFixed(2)} MB without); the WASM lives once in the service worker, not in tabs`);
console.log(`  service worker cold start to first verdict: ${m('with', 'cold').toFixed(1)} ms`);
