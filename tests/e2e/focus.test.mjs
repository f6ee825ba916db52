// Issue 14: the panel is a modal dialog for the keyboard: it says so (aria-modal), Tab and
// Shift+Tab cycle through its buttons and never reach the page, and Escape goes back to the
// editor. Real key presses in real Chromium.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserPerFile, extensionBuilt, DEFAULT_EXTENSION_DIR } from './harness.mjs';
import { X, CITY, DRAFT, USER, inSurface, panel, personalRemarkPanel } from './fixture-facts.mjs';

const skip = !extensionBuilt() && `PostGuard not built: ${DEFAULT_EXTENSION_DIR}/manifest.json is missing`;
const it = (name, fn) => test(name, { skip }, fn);

/** Where focus is: 'page:<tag>' outside PostGuard, else the panel button's data-action. */
const focused = (page) => page.evaluate(() => document.activeElement?.dataset?.postguard ?? `page:${document.activeElement?.tagName}`)
  .then(async (where) => (where === 'panel' ? inSurface(page, 'panel', (root) => root.activeElement?.dataset.action ?? root.activeElement?.tagName) : where));

describe('the panel keeps the keyboard', { concurrency: false }, () => {
  const b = browserPerFile({ prepare: (h) => h.sw.evaluate((user) => chrome.storage.local.set({ user }), USER) });

  it('aria-modal; Tab and Shift+Tab cycle inside the panel; Escape returns to the editor', async () => {
    const page = await b.open(`${X}/home?${CITY}`, DRAFT);
    await personalRemarkPanel(page);
    assert.equal(await panel(page).locator('[role="alertdialog"]').getAttribute('aria-modal'), 'true');
    // Every control a person can reach: the buttons, the section links and each "Why?".
    const order = await inSurface(page, 'panel', (root) =>
      [...root.querySelectorAll('button, a[href], summary')].map((el) => el.dataset.action ?? el.tagName));
    assert.ok(order.length >= 2, `buttons: ${order}`);
    await page.waitForFunction(() => document.activeElement?.dataset?.postguard === 'panel');
    // The panel focuses its first action (Edit, or a Fix); from there Tab walks the panel's
    // controls in document order and wraps around, twice over.
    const start = order.indexOf(await focused(page));
    assert.ok(start >= 0, `focus starts outside the panel's buttons: ${await focused(page)}`);
    const n = order.length;
    const at = (i) => order[((i % n) + n) % n];
    const forward = [];
    for (let i = 1; i <= 2 * n; i++) {
      await page.keyboard.press('Tab');
      forward.push(await focused(page));
    }
    assert.deepEqual(forward, Array.from({ length: 2 * n }, (_, i) => at(start + i + 1)), 'Tab left the panel or skipped a button');
    const back = [];
    for (let i = 1; i <= n + 1; i++) {
      await page.keyboard.press('Shift+Tab');
      back.push(await focused(page));
    }
    assert.deepEqual(back, Array.from({ length: n + 1 }, (_, i) => at(start - i - 1)), 'Shift+Tab left the panel or skipped a button');
    await page.keyboard.press('Escape');
    await panel(page).waitFor({ state: 'detached' });
    assert.equal(await page.evaluate((sel) => document.querySelector(sel).contains(document.activeElement), DRAFT), true, 'focus is back in the editor');
  });
});
