// Issue #3: every site × surface × editor, in real Chromium with the built extension, on fixture
// pages served under the real hostnames with a strict CSP and the real editor libraries.
// One table (SITES, in fixture-facts.mjs) drives every test; docs/sites.md's site matrix is this table.
//
// What the content script tells the engine is observed in the service worker: a second
// chrome.runtime.onMessage listener records every message, so each test can assert the
// context the adapter read (platform, surface, account, acting_as, field) per check.
import { describe, test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, extensionBuilt, extensionNetworkRequests, DEFAULT_EXTENSION_DIR } from './harness.mjs';
import {
  SITES, MOD, DRAFT, CITY_SESSION, PERSONAL_SESSION, USER, SIGNATURE, PERSONAL_TEXT, queryFor, rowUrl, occurrences,
  reach, submit, firstWay, editorText, expectEditor, caretAtEnd, panel, expectPosted, expectPanel as panelWith,
} from './fixture-facts.mjs';

const FAKE_TOKEN = 'FAKE-TOKEN-do-not-read'; // every fixture embeds it next to the handle


const skip = !extensionBuilt() &&
  `PostGuard extension not built: ${DEFAULT_EXTENSION_DIR}/manifest.json is missing (build it, or set POSTGUARD_DIST)`;
const it = (name, fn) => test(name, { skip }, fn);

let h, page;

let log = []; // messages to the background since the current page opened
let all = []; // since the current test began: checked for tokens
/** Messages the content script sent to the background since the last call. */
async function seen() {
  const batch = await h.sw.evaluate(() => globalThis.__seen.splice(0));
  all.push(...batch);
  return batch;
}
/** Waits for the engine to be asked about a draft whose text ends with `probe`; returns that draft. */
async function draftFor(probe, timeout = 4000) {
  const end = Date.now() + timeout;
  for (;;) {
    log.push(...await seen());
    const hit = log.findLast((m) => m.type === 'evaluate' && m.draft.text.endsWith(probe));
    if (hit) return hit.draft;
    if (Date.now() > end) throw new Error(`no check of a draft ending "${probe}"; saw ${JSON.stringify(log.map((m) => m.draft?.text ?? m.type))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A person pauses before pressing Post: by then the engine has judged the draft. Under heavy
 * CPU load the first answer can exceed the content script's engine timeout (4 s, TIMEOUT_MS in
 * content/ask.js), and then PostGuard rightly lets the post through; waiting here keeps that
 * out of these tests.
 */
async function settled(text) {
  await draftFor(text);
  await page.waitForTimeout(250);
}

/** Opens `url` and waits until PostGuard's content script has asked for the site's adapter. */
async function open(url, ready) {
  if (page) log.push(...await seen()); // the previous page's last messages
  log = [];
  page = await h.newPage(url);
  if (ready) await page.locator(ready).first().waitFor();
  const end = Date.now() + 5000;
  while (!log.some((m) => m.type === 'adapter') && Date.now() < end) {
    log.push(...await seen());
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(250); // the answer arrives and the listeners attach
  return page;
}


/** The panel with the finding for `section`; if it never comes, what the page and the background saw. */
async function expectPanel(section) {
  try {
    return await panelWith(page, section);
  } catch (err) {
    log.push(...await seen());
    err.message += `\nposted: ${JSON.stringify(await page.evaluate(() => [window.__posted, window.__submitted, document.activeElement?.outerHTML.slice(0, 120)]))}`;
    err.message += `\npanel: ${(await panel(page).html())?.slice(0, 200)}`;
    err.message += `\nsent to the background: ${JSON.stringify(log.map((m) => [m.type, m.draft?.surface, m.draft?.text, m.problem]))}`;
    throw err;
  }
}
/** Does the page hold `text` anywhere: markup, open shadow roots, or localStorage? */
function pageHolds(text) {
  const markup = (root) => [...root.querySelectorAll('*')].map((el) => (el.shadowRoot ? el.shadowRoot.innerHTML + markup(el.shadowRoot) : '')).join('');
  return (document.documentElement.outerHTML + markup(document) + JSON.stringify(localStorage)).includes(text);
}
/** What an account form sent: window.__submitted, or the site's own record (row.sink). */
const sent = (row) => page.evaluate((sink) => (window[sink] ?? []).map((v) => v.user ?? v), row.sink ?? '__submitted');

describe('sites × surfaces × editors', { concurrency: false }, () => {
  before(async () => {
    if (skip) return;
    h = await launch();
    await h.sw.evaluate((user) => {
      globalThis.__seen = [];
      chrome.runtime.onMessage.addListener((msg) => { globalThis.__seen.push(msg); }); // observe only
      return chrome.storage.local.set({ user });
    }, USER);
    // Warm the engine (WASM compile, policy) so the first test does not pay for it.
    await open(`https://bsky.app/messages/1${queryFor({})(CITY_SESSION)}`, 'textarea');
    await page.click('textarea');
    await page.keyboard.type('warm up');
    await page.locator('[data-postguard="badge"]').waitFor({ state: 'attached', timeout: 15_000 });
    await page.close();
    log = [];
  });
  after(() => h?.close());
  afterEach(async () => {
    if (!h) return;
    await seen();
    // Only whitelisted fields leave the page: no token, ever, in anything sent to the background.
    assert.equal(JSON.stringify(all).includes(FAKE_TOKEN), false, 'a token reached the background');
    log = [];
    all = [];
    await page?.close();
    page = null;
    assert.deepEqual(extensionNetworkRequests(h.requests), []);
    h.requests.length = 0;
  });

  for (const [site, spec] of Object.entries(SITES)) {
    const rows = spec.rows.filter((r) => !r.origin);
    const query = queryFor(spec);
    const spaRows = spec.spa === false ? [] : rows.filter((r) => r.spa !== false);
    const loadRows = spec.rows.filter((r) => !spaRows.includes(r));

    /** Types a probe into the row's composer and checks the context the adapter read for it. */
    async function probeContext(row, i, expect = {}) {
      const probe = row.field ? `probe${i}@example.org` : `probe-${row.surface}-${i}`;
      await page.keyboard.type(probe);
      const draft = await draftFor(probe);
      const where = `${site} ${row.surface}: ${JSON.stringify(draft)}`;
      assert.equal(draft.platform, site, where);
      assert.equal(draft.surface, expect.surface ?? row.surface, where);
      assert.equal(draft.field, row.field ?? null, where);
      if (row.field) return; // an account form: which account is signed in does not matter there
      // The page does hold a token near the account (so its absence from every message means something).
      if (spec.token !== false) assert.equal(await page.evaluate(pageHolds, FAKE_TOKEN), true, `${site}: no token in the page`);
      assert.equal(draft.acting_as, expect.acting_as ?? row.acting ?? spec.actingAs ?? 'self', where);
      for (const [k, v] of Object.entries(expect.account ?? spec.account)) assert.equal(draft.account?.[k], v, `${where}: account.${k}`);
    }

    if (spaRows.length) {
      it(`${site}: every surface is recognised as the SPA navigates, without a reload`, async () => {
        await open(rowUrl(spec, spaRows[0]), 'main');
        const load = await page.evaluate(() => window.__pageLoadId);
        for (const [i, row] of spaRows.entries()) {
          await reach(page, row);
          await probeContext(row, i);
        }
        assert.equal(await page.evaluate(() => window.__pageLoadId), load, 'the page reloaded');
      });
    }

    if (loadRows.length) {
      it(`${site}: ${loadRows.map((r) => r.surface).join(', ')} recognised on their own pages`, async () => {
        for (const [i, row] of loadRows.entries()) {
          await open(rowUrl(spec, row));
          await reach(page, row, { nav: false });
          await probeContext(row, i);
          await page.close();
        }
        page = null;
      });
    }

    if (spec.spa === false) {
      // Not an SPA fixture: move the URL the way the site's router does, and check the context follows.
      it(`${site}: the context is read per check (history.pushState while composing)`, async () => {
        const row = rows[0];
        await open(rowUrl(spec, row));
        await reach(page, row, { nav: false });
        await probeContext(row, 0);
        await page.evaluate(() => history.pushState({}, '', '/messages'));
        await probeContext(row, 1, { surface: 'dm' });
        await page.evaluate(() => history.back());
        await page.waitForFunction(() => location.pathname !== '/messages');
        await probeContext(row, 2);
      });
    }

    for (const a of spec.acting ?? []) {
      it(`${site}: ${a.name}`, async () => {
        await open(`${spec.origin}${a.path}${query(a.who)}`);
        await reach(page, { open: a.open, composer: a.composer }, { nav: false });
        await probeContext({ surface: 'comment', ...a.expect }, 0, a.expect);
      });
    }

    for (const row of rows.filter((r) => r.editor)) {
      const signs = row.surface === 'reply' || row.surface === 'comment';
      const steps = [
        row.submit.key && `${row.submit.key} while an IME composes does not submit`,
        `${row.submit.key ?? 'the button'} is held`,
        signs ? '§6.2.6 Fix signs in the editor\'s own model' : 'Edit keeps the draft, Post anyway sends exactly it',
        'the button posts it once',
      ].filter(Boolean);
      it(`${site} ${row.surface} (${row.editor}): ${steps.join('; ')}`, async () => {
        await open(rowUrl(spec, row));
        await reach(page, row, { nav: false });
        // A reply that lacks the signature, or a personal remark from the City account.
        let text = `${row.prefill ?? ''}${signs ? 'Yes, open 9 to 5 on Saturday.' : PERSONAL_TEXT}`;
        await page.keyboard.type(text.slice(row.prefill?.length ?? 0));
        await settled(text);
        if (row.submit.key) {
          // A real IME session (CDP): compose, press the submit key to confirm the candidate
          // (its keydown has isComposing true and keyCode 13), then commit the text.
          const cdp = await h.context.newCDPSession(page);
          await cdp.send('Input.imeSetComposition', { text: 'にほん', selectionStart: 3, selectionEnd: 3 });
          const key = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, modifiers: row.submit.key === MOD ? 2 : 0 };
          await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key }); // the IME takes it: no newline
          await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
          await cdp.send('Input.insertText', { text: '日本' });
          await cdp.detach();
          text += '日本';
          await expectEditor(page, row, text);
          assert.equal(await panel(page).count(), 0, 'a composing Enter was taken as a submit');
          await settled(text);
        }
        await submit(page, row, firstWay(row));
        let p = await expectPanel(signs ? '6.2.6' : '6.4');
        assert.deepEqual(await page.evaluate(() => window.__posted), [], 'posted while held');
        if (signs) {
          await p.locator('button[data-action="fix"]').click();
          await p.waitFor({ state: 'hidden' });
          text = `${text} ${SIGNATURE}`;
          await expectEditor(page, row, text);
          assert.equal(occurrences(await editorText(page), SIGNATURE), 1);
          assert.equal(await caretAtEnd(page), true, 'the caret is after the signature');
          await submit(page, row, 'button');
        } else {
          await p.locator('button[data-action="edit"]').click();
          await p.waitFor({ state: 'hidden' });
          await expectEditor(page, row, text);
          await submit(page, row, 'button');
          p = await expectPanel('6.4');
          await p.locator('button[data-action="post"]').click();
        }
        await expectPosted(page, [text]);
        assert.equal(await panel(page).count(), 0);
      });
    }

    for (const row of spec.rows.filter((r) => r.field)) {
      it(`${site} ${row.surface} ${row.field} field: a City address on a personal account is held (§6.4.1.2); Edit keeps it`, async () => {
        await open(rowUrl(spec, row, PERSONAL_SESSION));
        await reach(page, row, { nav: false });
        const email = 'jane.doe@westalliswi.gov';
        await page.keyboard.type(email);
        await settled(email);
        await submit(page, row, firstWay(row));
        const p = await expectPanel('6.4.1.2');
        assert.deepEqual(await sent(row), []);
        await p.locator('button[data-action="edit"]').click();
        await p.waitFor({ state: 'hidden' });
        assert.equal(await page.inputValue(row.composer), email);
        assert.deepEqual(await sent(row), []);
      });
    }
  }

  // Nextdoor has no composer rules at all: everything there is the generic fallback.
  const nd = queryFor({})(CITY_SESSION);
  it('generic fallback: reported to the background, and the popup says the adapter may be stale; a full adapter reports nothing', async () => {
    await h.sw.evaluate(() => chrome.storage.session.remove('adapterStatus'));
    await open(`https://x.com/home${nd}`);
    await page.click(DRAFT);
    await page.keyboard.type('probe-x');
    await draftFor('probe-x');
    await page.close();
    assert.deepEqual(log.filter((m) => m.type === 'adapter-status'), []);
    await open(`https://nextdoor.com/p/8Xyz${nd}`);
    await page.click('[data-slate-editor]');
    await page.keyboard.type('probe-nd');
    await draftFor('probe-nd');
    assert.deepEqual(log.filter((m) => m.type === 'adapter-status').map(({ platform, strategy }) => ({ platform, strategy })),
      [{ platform: 'nextdoor', strategy: 'generic' }]);
    const popup = await h.context.newPage();
    await popup.goto(new URL('/pages/popup.html', h.sw.url()).href);
    const line = popup.locator('#adapter-status');
    await line.waitFor();
    assert.match(await line.innerText(), /^On nextdoor\.com, PostGuard recognised the composer only by generic guesses/);
    await popup.close();
  });

  it('generic fallback does not misfire: the search box is not checked; Cancel and another card\'s Post are not held', async () => {
    await open(`https://nextdoor.com/news_feed/${nd}`);
    await page.click('input[aria-label="Search Nextdoor"]');
    await page.keyboard.type('probe-search so hungover lol');
    await page.click('textarea[aria-label="Create a post"]');
    await page.keyboard.type(PERSONAL_TEXT);
    await settled(PERSONAL_TEXT);
    assert.equal(log.some((m) => m.type === 'evaluate' && m.draft.text.includes('probe-search')), false, 'the search box was checked');
    await page.click('.Button_secondary__9f3a');
    await page.click('#other-post');
    await page.waitForTimeout(300);
    assert.equal(await panel(page).count(), 0);
    assert.deepEqual(await page.evaluate(() => [window.__cancelled, window.__otherClicks]), [1, 1]);
    await page.click('[data-testid=home-feed] > .Card_card__2b7c:first-child .Button_primary__9f3a'); // its own Post is held
    await expectPanel('6.4');
    await expectPosted(page, []);
  });
});
