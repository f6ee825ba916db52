// Writes docs/screenshots/*.png: the panel on X at 1280 and 400 px wide, the popup and the
// options page, from the built extension on the fixture sites (tests/e2e/fixtures). Not a test
// (test.sh does not run it): run `node tests/e2e/screenshots.mjs` after ./build.sh, and commit
// the pictures when the screens change. docs/screenshots/README.md lists them.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './harness.mjs';
import { X, CITY, USER, personalRemarkPanel } from './fixture-facts.mjs';

const out = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
await mkdir(out, { recursive: true });
const h = await launch();
try {
  await h.sw.evaluate((user) => chrome.storage.local.set({ user }), USER);
  const ext = `chrome-extension://${new URL(h.sw.url()).host}/pages`;
  const warm = await h.newPage(`${ext}/popup.html`);
  await warm.evaluate(() => chrome.runtime.sendMessage({ type: 'evaluate', draft: { text: '' } }));
  await warm.close();
  for (const width of [1280, 400]) {
    const page = await h.context.newPage();
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${X}/home?${CITY}`);
    await personalRemarkPanel(page);
    await page.waitForTimeout(700); // the buttons arm (content/surface.js)
    await page.screenshot({ path: path.join(out, `panel-${width}.png`) });
    await page.keyboard.press('Escape'); // answered with Edit: the popup's recent findings show it
    await page.waitForTimeout(300);
    await page.close();
  }
  for (const [name, file, size] of [['popup', 'popup.html', { width: 420, height: 600 }], ['options', 'options.html', { width: 1000, height: 1100 }]]) {
    const page = await h.context.newPage();
    await page.setViewportSize(size);
    await page.goto(`${ext}/${file}`);
    await page.waitForFunction(() => !document.getElementById('app').hasAttribute('aria-busy'));
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: name === 'options' });
    await page.close();
  }
  console.log(`wrote ${out}panel-1280.png, panel-400.png, popup.png, options.png`);
} finally {
  await h.close();
}
