// Nothing a page does may break PostGuard or make it lose text: hostile page scripts, a
// stopped service worker, every way out of the panel, huge pastes and odd Unicode.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserPerFile, extensionBuilt, DEFAULT_EXTENSION_DIR } from './harness.mjs';
import { X, FB, CITY, PERSONAL, DRAFT, LEXICAL, X_BUTTON, USER, panel, posted, editorText } from './fixture-facts.mjs';

const PERSONAL_TEXT = 'so hungover lol, my kids kept me up';

const skip = !extensionBuilt() && `PostGuard extension not built: ${DEFAULT_EXTENSION_DIR}/manifest.json is missing`;
const it = (name, fn) => test(name, { skip }, fn);

describe('PostGuard under stress', () => {
  // After a test stops the service worker, the restarted one is a new worker object.
  const worker = (h) => h.context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? h.sw;
  const b = browserPerFile({ prepare: (h) => worker(h).evaluate((user) => chrome.storage.local.set({ user }), USER) });
  let page;
  const open = async (url, ready) => (page = await b.open(url, ready));

  async function heldWithPanel(section) {
    await panel(page).locator(`li[data-section="${section}"]`).first().waitFor();
    assert.deepEqual(await posted(page), []);
  }

  it('a page script cannot press the panel buttons, fake keys, or message the extension', async () => {
    await open(`${X}/home?${CITY}`, DRAFT);
    await page.click(DRAFT);
    await page.keyboard.type(PERSONAL_TEXT);
    await page.click(X_BUTTON);
    await heldWithPanel('6.4');

    const attempts = await page.evaluate(() => {
      const root = document.querySelector('[data-postguard="panel"]').shadowRoot;
      for (const action of ['post', 'fix', 'edit']) root.querySelector(`[data-action="${action}"]`)?.click();
      root.querySelector('[data-action="post"]').dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      root.querySelector('[role="alertdialog"]').dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }),
      );
      let messaging = 'no chrome.runtime in the page';
      try {
        if (globalThis.chrome?.runtime?.sendMessage) {
          chrome.runtime.sendMessage('dmdifnndbcdbonipcgpgineibjjgljfk', { type: 'evaluate' });
          messaging = 'sendMessage did not throw';
        }
      } catch (e) {
        messaging = `refused: ${e.message}`;
      }
      return { messaging, storage: typeof globalThis.chrome?.storage };
    });
    assert.notEqual(attempts.messaging, 'sendMessage did not throw');
    assert.equal(attempts.storage, 'undefined', 'the page can see chrome.storage');
    await page.waitForTimeout(300);
    assert.equal(await panel(page).count(), 1, 'a script closed the panel');
    assert.deepEqual(await posted(page), [], 'a script posted past the panel');

    // A person can.
    await panel(page).locator('button[data-action="post"]').click();
    await page.waitForFunction(() => window.__posted.length === 1);
    assert.deepEqual(await posted(page), [PERSONAL_TEXT]);
  });

  it('a service worker stopped mid-typing neither loses the verdict nor blocks a post', async () => {
    const stopWorker = async () => {
      const id = new URL(b.h.sw.url()).host;
      const ext = await b.h.context.newPage();
      await ext.goto(`chrome-extension://${id}/popup.html`);
      const cdp = await b.h.context.newCDPSession(ext);
      const versions = [];
      cdp.on('ServiceWorker.workerVersionUpdated', (e) => versions.push(...e.versions));
      await cdp.send('ServiceWorker.enable');
      await ext.waitForTimeout(200);
      for (const v of versions.filter((v) => v.runningStatus === 'running')) {
        await cdp.send('ServiceWorker.stopWorker', { versionId: v.versionId });
      }
      await ext.close();
      assert.ok(versions.length > 0, 'found no service worker to stop');
    };

    await open(`${X}/home?${CITY}`, DRAFT);
    await page.click(DRAFT);
    await page.keyboard.type('so hungover ');
    await page.waitForTimeout(400); // a verdict for the first half arrives
    await stopWorker();
    await page.bringToFront();
    await page.click(DRAFT);
    await page.keyboard.type('lol, my kids kept me up');
    await page.click(X_BUTTON); // the verdict is stale: held while a fresh worker answers
    await heldWithPanel('6.4');
    await panel(page).locator('button[data-action="edit"]').click();
    await page.close();

    // A personal account's post goes through even when the worker was stopped just before.
    await open(`${X}/home?${PERSONAL}`, DRAFT);
    await stopWorker();
    await page.bringToFront();
    await page.click(DRAFT);
    await page.keyboard.type('Great game last night');
    await page.click(X_BUTTON);
    await page.waitForFunction(() => window.__posted.length === 1);
    assert.deepEqual(await posted(page), ['Great game last night']);
  });

  for (const site of [
    { name: 'X (Draft.js)', url: `${X}/home?${CITY}`, editor: DRAFT, submit: (p) => p.click(X_BUTTON) },
    { name: 'Facebook (Lexical)', url: `${FB}/?${CITY.replace('as=CityofWestAllis&name=', 'as=')}`, editor: LEXICAL, submit: (p) => p.keyboard.press('Enter') },
  ]) {
    it(`${site.name}: Edit, Escape and navigation away keep exactly what the user typed`, async () => {
      await open(site.url, site.editor);
      await page.click(site.editor);
      await page.keyboard.type(PERSONAL_TEXT);
      await site.submit(page);
      await heldWithPanel('6.4');

      await panel(page).locator('button[data-action="edit"]').click();
      assert.equal(await panel(page).count(), 0);
      assert.equal(await editorText(page), PERSONAL_TEXT);
      await page.keyboard.type(' tonight'); // focus went back to the editor, caret at the end
      assert.equal(await editorText(page), `${PERSONAL_TEXT} tonight`);

      await page.click(site.editor);
      await site.submit(page);
      await heldWithPanel('6.4');
      await page.keyboard.press('Escape');
      assert.equal(await panel(page).count(), 0);
      assert.equal(await editorText(page), `${PERSONAL_TEXT} tonight`);

      await page.click(site.editor);
      await site.submit(page);
      await heldWithPanel('6.4');
      // The site navigates away (an SPA route change drops the composer): the panel goes too.
      await page.evaluate(() => document.querySelector('[contenteditable="true"]').closest('div[id], main, body > div').remove());
      await panel(page).waitFor({ state: 'detached' });
      assert.deepEqual(await posted(page), []);
    });
  }

  it('a 200 KB paste is checked, held and posted whole', async () => {
    await open(`${FB}/?as=City%20of%20West%20Allis`, LEXICAL);
    const big = 'Bulk pickup starts May 4. '.repeat(8000); // 208,000 characters
    await page.click(LEXICAL);
    await page.evaluate((t) => document.execCommand('insertText', false, t), big);
    await page.waitForFunction((n) => window.__editorText().length === n, big.length);
    await page.keyboard.press('Enter');
    await heldWithPanel('6.2.6');
    await panel(page).locator('button[data-action="post"]').click();
    await page.waitForFunction(() => window.__posted.length === 1);
    assert.equal((await posted(page))[0], big);
  });

  it('odd Unicode (lone surrogates, RTL overrides, zero-width) is checked without losing a character', async () => {
    await open(`${X}/home?${CITY}`, DRAFT);
    const odd = '\uD800 \u202Eevil\u202C my\u200B kids \uFEFF 🏳️‍🌈 ｍｙ ｋｉｄｓ';
    await page.click(DRAFT);
    // Typed first: Draft.js itself crashes when execCommand writes into its empty placeholder.
    await page.keyboard.type('so hungover lol ');
    await page.evaluate((t) => document.execCommand('insertText', false, t), odd);
    await page.click(X_BUTTON);
    await heldWithPanel('6.4');
    await panel(page).locator('button[data-action="post"]').click();
    await page.waitForFunction(() => window.__posted.length === 1);
    const [sent] = await posted(page);
    // Draft.js keeps what it was given; PostGuard must not have altered it on the way.
    assert.equal(sent, `so hungover lol ${odd}`);
  });
});
