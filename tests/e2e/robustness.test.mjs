// Nothing a page does may break PostGuard or make it lose text: hostile page scripts, a
// stopped service worker, every way out of the panel, huge pastes and odd Unicode.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserPerFile, extensionBuilt, DEFAULT_EXTENSION_DIR } from './harness.mjs';
import {
  X, FB, CITY, PERSONAL, DRAFT, LEXICAL, X_BUTTON, USER, SIGNATURE, SITES, panel, posted, editorText,
  rowUrl, reach, submit, firstWay, expectEditor, caretAtEnd, occurrences, expectPanel, inSurface,
} from './fixture-facts.mjs';

const PERSONAL_TEXT = 'so hungover lol, my kids kept me up';

const skip = !extensionBuilt() && `PostGuard extension not built: ${DEFAULT_EXTENSION_DIR}/manifest.json is missing`;
const it = (name, fn) => test(name, { skip }, fn);

describe('PostGuard under stress', () => {
  // After a test stops the service worker, the restarted one is a new worker object.
  const worker = (h) => h.context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? h.sw;
  const b = browserPerFile({ prepare: (h) => worker(h).evaluate((user) => chrome.storage.local.set({ user }), USER) });
  let page;
  const open = async (url, ready) => (page = await b.open(url, ready));

  /** The panel shows `section`, and the site still has only what it had (`sent`). */
  async function heldWithPanel(section, sent = []) {
    await expectPanel(page, section);
    assert.deepEqual(await posted(page), sent, 'posted while held');
  }

  /** A City account's personal draft on X, held with the §6.4 panel up; `setup` runs in the page first. */
  async function heldOnX(setup = () => {}) {
    await open(`${X}/home?${CITY}`, DRAFT);
    await page.evaluate(setup);
    await page.click(DRAFT);
    await page.keyboard.type(PERSONAL_TEXT);
    await page.click(X_BUTTON);
    await heldWithPanel('6.4');
  }

  it('a page script cannot press the panel buttons, fake keys, or message the extension', async () => {
    await heldOnX();

    // Even a script holding the panel's root (which a page cannot get: it is closed) cannot press it.
    await inSurface(page, 'panel', (root) => {
      for (const action of ['post', 'fix', 'edit']) root.querySelector(`[data-action="${action}"]`)?.click();
      root.querySelector('[data-action="post"]').dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      root.querySelector('[role="alertdialog"]').dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }),
      );
    });
    const attempts = await page.evaluate(() => {
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
      await ext.goto(`chrome-extension://${id}/pages/popup.html`);
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

  // One real fixture row per editor kind, and per site whose editor sits differently, each a comment
  // or reply (its panel offers the §6.2.6 Fix besides Edit and Post anyway) in a single-page app
  // (its router can navigate away), so every way out of the panel is walked on every editor,
  // submitting with the site's key where it has one and its button.
  const EDITORS = [
    ['Draft.js', 'tiktok', 'draft'], ['Lexical', 'facebook', 'lexical'], ['Quill', 'linkedin', 'quill'],
    ['TipTap/ProseMirror', 'linkedin', 'tiptap'], ['Slate', 'nextdoor', 'slate'], ['React textarea', 'instagram', 'textarea'],
    ['plain contenteditable', 'youtube', 'plain'], ['Lexical in a shadow root', 'reddit', 'lexical'],
    ['Lexical', 'threads', 'lexical', 'reply'], ['TipTap/ProseMirror', 'bluesky', 'tiptap', 'reply'],
  ].map(([kind, site, editor, surface = 'comment']) =>
    ({ kind, site, spec: SITES[site], row: SITES[site].rows.find((r) => r.editor === editor && r.surface === surface) }));

  for (const { kind, site, spec, row } of EDITORS) {
    it(`${kind} (${site} ${row.surface}): Edit, Escape, Fix, Post anyway and navigation away; the site gets exactly what the editor showed`, async () => {
      await open(rowUrl(spec, row), row.open?.[0] ?? row.composer);
      const thrown = []; // page errors, and PostGuard's own warnings (it reports what it catches)
      page.on('pageerror', (e) => thrown.push(e.message));
      page.on('console', (m) => m.text().includes('PostGuard') && thrown.push(m.text()));
      let text = PERSONAL_TEXT, sent = [];
      const hold = async (how, section = '6.4') => {
        await submit(page, row, how);
        await heldWithPanel(section, sent);
      };
      /** The panel is gone, the editor's model and view hold exactly `text`, and typing goes on at its end. */
      const backInEditor = async (more = '') => {
        await panel(page).waitFor({ state: 'detached' });
        await expectEditor(page, row, text);
        assert.equal(await caretAtEnd(page), true, 'the caret is not at the end');
        await page.keyboard.type(more);
        await expectEditor(page, row, (text += more));
      };
      const choose = (action) => panel(page).locator(`button[data-action="${action}"]`).click();

      await reach(page, row, { nav: false });
      await page.keyboard.type(text);
      await hold(firstWay(row));
      await choose('edit');
      await backInEditor(' tonight');

      await hold('button');
      await page.waitForFunction(() => document.activeElement?.dataset.postguard === 'panel'); // as a person sees it
      await page.keyboard.press('Escape');
      await backInEditor('!');

      await hold(firstWay(row), '6.2.6');
      await choose('fix');
      text += ` ${SIGNATURE}`;
      await backInEditor();
      assert.equal(occurrences(await editorText(page), SIGNATURE), 1);

      await hold(firstWay(row));
      await expectEditor(page, row, text); // what the user sees as they press Post anyway
      await choose('post');
      await page.waitForFunction(() => window.__posted.length > 0);
      sent = [text];
      assert.deepEqual(await posted(page), sent);

      // The site's router leaves the page (popstate, as on Back) while the panel is up, and nothing
      // is posted. A routed composer goes, and the panel with it; a composer in a dialog that
      // outlives the route (Bluesky) keeps its draft, and so the panel stays until the user chooses.
      // A composer that closed on posting (a reply dialog) is opened again first.
      if (await page.locator(row.composer).count()) await page.click(row.composer);
      else await reach(page, row, { nav: false });
      await page.keyboard.type(PERSONAL_TEXT);
      text = PERSONAL_TEXT;
      await hold(firstWay(row));
      await page.evaluate(() => {
        history.pushState({}, '', `/elsewhere${location.search}`);
        dispatchEvent(new PopStateEvent('popstate'));
      });
      await page.waitForTimeout(300); // the panel's check for a removed composer runs every 250 ms
      if (await page.locator(row.composer).count()) {
        assert.equal(await panel(page).count(), 1, 'the panel left while its draft stayed');
        await choose('edit');
        await backInEditor();
      } else {
        await panel(page).waitFor({ state: 'detached' });
      }
      await page.waitForTimeout(300); // a late post or error would show up here
      assert.deepEqual(await posted(page), sent);
      assert.deepEqual(thrown, []);
    });
  }

  it('words changed while the panel is up are judged again when Post anyway is pressed', async () => {
    const post = () => panel(page).locator('button[data-action="post"]').click();
    await heldOnX();
    // The panel stays up while the user goes back and adds to the draft: still personal, so
    // Post anyway asks again about the new words instead of sending them unseen.
    await page.click(DRAFT);
    await page.keyboard.press('End');
    await page.keyboard.type(' and so drunk');
    await post();
    await heldWithPanel('6.4');
    await post();
    await page.waitForFunction(() => window.__posted.length === 1);
    assert.deepEqual(await posted(page), [`${PERSONAL_TEXT} and so drunk`]);
    // Rewritten as City business under the panel: Post anyway sends the new words.
    await page.click(DRAFT);
    await page.keyboard.type('so hungover lol');
    await page.click(X_BUTTON);
    await heldWithPanel('6.4', [`${PERSONAL_TEXT} and so drunk`]);
    await page.click(DRAFT);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Greenfield Ave is closed Tuesday for sewer work.');
    await post();
    await page.waitForFunction(() => window.__posted.length === 2);
    assert.deepEqual((await posted(page))[1], 'Greenfield Ave is closed Tuesday for sewer work.');
  });

  it('Escape goes back to editing wherever focus is, and the site does not see it', async () => {
    await heldOnX(() => {
      window.__escapes = 0;
      document.addEventListener('keydown', (e) => e.key === 'Escape' && window.__escapes++);
    });
    // Back in the draft with the panel still up (as when a quick Escape beats the panel's focus).
    await page.click(DRAFT);
    await page.keyboard.press('End');
    await page.keyboard.press('Escape');
    await panel(page).waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => window.__escapes), 0, 'the site saw the Escape meant for the panel');
    await expectEditor(page, { composer: DRAFT }, PERSONAL_TEXT);
    assert.deepEqual(await posted(page), []);
    // With the panel gone, Escape is the site's again.
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => window.__escapes), 1);
  });

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
