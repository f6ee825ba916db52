// The Firefox lane (issue #15): the end-to-end flows that are not Chromium-only, in Debian's
// Firefox ESR with dist/firefox installed as a temporary add-on. Same fixtures, hosts, accounts
// and texts as the Chromium suite (server.mjs, fixture-facts.mjs); the driver is puppeteer-core
// over WebDriver BiDi (firefox-harness.mjs), so the waits are written in its terms.
import { describe, test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  launchFirefox, goto, until, firefoxSkip, manifest, extUrl, GECKO_ID, FIREFOX, FIREFOX_DIST, consoleProblems, PANEL_FINDING, PANEL_BUTTON, waitInPanel, clickInPanel,
} from './firefox-harness.mjs';
import {
  X, FB, CITY, PERSONAL, DRAFT, LEXICAL, X_BUTTON, USER, SIGNATURE, SITES, posted, editorText, occurrences, rowUrl,
} from './fixture-facts.mjs';

const it = (name, fn) => test(name, { skip: firefoxSkip }, fn);
const repo = fileURLToPath(new URL('../..', import.meta.url));
// §6.4: a City account speaking in a personal voice (the Chromium suite's postguard.test.mjs #1).
const PERSONAL_TEXT = "Ugh, so hungover after last night lol. Can't wait for the weekend with my kids";

/** Waits for the panel to show the finding for `section`. */
const expectPanel = (page, section) => waitInPanel(page, PANEL_FINDING(section));
/** The site got exactly `expected` (a second, duplicate post would show within 300 ms). */
async function expectPosted(page, expected) {
  await page.waitForFunction((n) => window.__posted.length >= n, {}, expected.length);
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(await posted(page), expected);
}

const canWrite = (d) => { try { accessSync(d, constants.W_OK); return true; } catch { return false; } };

/** A City post with §6.4 text in the row's composer is held by the panel, not posted. */
async function holdsCityPost(page, row) {
  await page.click(row.composer);
  await page.keyboard.type(PERSONAL_TEXT);
  await page.click(row.submit.button);
  await expectPanel(page, '6.4');
  assert.deepEqual(await posted(page), []);
}

/** puppeteer presses one key at a time: 'Control+Enter' is Control held down around Enter. */
async function pressKey(page, combo) {
  const keys = combo.split('+');
  for (const k of keys.slice(0, -1)) await page.keyboard.down(k);
  await page.keyboard.press(keys.at(-1));
  for (const k of keys.slice(0, -1).reverse()) await page.keyboard.up(k);
}

describe('PostGuard in Firefox', { concurrency: false }, () => {
  // Another Mastodon server: not in the manifest, so PostGuard runs there only once granted.
  const NEW_HOST = 'social.example';
  let h;
  const pages = [];
  const open = async (url, ready) => {
    const page = await h.newPage(url);
    pages.push(page);
    if (ready) await page.waitForSelector(ready);
    await new Promise((r) => setTimeout(r, 300)); // content scripts attach at document_idle
    return page;
  };

  before(async () => {
    if (firefoxSkip) return;
    h = await launchFirefox({ aliases: { [NEW_HOST]: 'mastodon.social' } });
    await h.inExtension((user) => chrome.storage.local.set({ user }), USER);
  });
  after(() => h?.close());
  afterEach(async () => {
    if (!h) return;
    await Promise.all(pages.splice(0).map((p) => p.close().catch(() => {})));
    // Nothing leaves the machine: the proxy refused (and logged) no host outside the fixtures.
    assert.deepEqual(h.proxy.refused, []);
  });

  it('installs without manifest warnings; addons-linter finds 0 errors and 0 warnings', async () => {
    const page = await open('about:debugging#/runtime/this-firefox');
    // about:debugging lists what Firefox said while reading the manifest on the add-on's card.
    const card = await until(page, (id) => {
      const item = [...document.querySelectorAll('.qa-debug-target-item')].find((el) => el.textContent.includes(id));
      return item && {
        messages: [...item.querySelectorAll('.qa-message')].map((m) => m.textContent.trim()),
        background: item.querySelector('.qa-extension-backgroundscript-status')?.textContent,
      };
    }, GECKO_ID());
    assert.deepEqual(card, { messages: [], background: 'Running' });

    const linter = path.join(repo, 'node_modules/.bin/addons-linter');
    const out = await promisify(execFile)(linter, ['--output', 'json', '--self-hosted', FIREFOX_DIST], { maxBuffer: 1 << 24 }).catch((e) => e);
    const report = JSON.parse(out.stdout);
    const said = (list) => list.map((e) => `${e.code}: ${e.message} (${e.file})`);
    assert.deepEqual({ errors: said(report.errors), warnings: said(report.warnings) }, { errors: [], warnings: [] });
  });

  it('the engine loads in the event page and answers a check', async () => {
    assert.deepEqual(manifest().background.scripts?.length, 1, 'an event page, not a service worker');
    const verdict = await h.inExtension(
      (text) => chrome.runtime.sendMessage({ type: 'evaluate', draft: { text, account: { handle: 'CityofWestAllis' }, platform: 'x' } }),
      PERSONAL_TEXT,
    );
    assert.equal(verdict.error, undefined, JSON.stringify(verdict));
    assert.equal(verdict.account?.city, true, JSON.stringify(verdict.account));
    assert.deepEqual(verdict.findings.map((f) => f.section), ['6.4']);
  });

  it('X (Draft.js): the §6.4 panel holds a City post; Post anyway sends exactly the text, once', async () => {
    const page = await open(`${X}/home?${CITY}`, DRAFT);
    await page.click(DRAFT);
    await page.keyboard.type(PERSONAL_TEXT);
    await page.click(X_BUTTON);
    await expectPanel(page, '6.4');
    assert.deepEqual(await posted(page), []);
    await clickInPanel(page, PANEL_BUTTON('post'));
    await expectPosted(page, [PERSONAL_TEXT]);
  });

  it('Facebook (Lexical): the §6.4 panel holds a City Page comment; Post anyway sends exactly the text, once', async () => {
    const page = await open(`${FB}/?as=City%20of%20West%20Allis`, LEXICAL);
    await page.click(LEXICAL);
    await page.keyboard.type(PERSONAL_TEXT);
    await page.keyboard.press('Enter');
    await expectPanel(page, '6.4');
    assert.deepEqual(await posted(page), []);
    await clickInPanel(page, PANEL_BUTTON('post'));
    await expectPosted(page, [PERSONAL_TEXT]);
  });

  // [editor, page, composer, the key that submits, how to post once signed (the panel's button had focus)]
  for (const [editor, url, composer, key, send] of [
    ['X reply (Draft.js)', `${X}/jane_resident/status/123?${CITY}`, DRAFT, 'Control+Enter', (page) => page.click(X_BUTTON)],
    ['Facebook comment (Lexical)', `${FB}/?as=City%20of%20West%20Allis`, LEXICAL, 'Enter',
      async (page) => { await page.focus(LEXICAL); await page.keyboard.press('Enter'); }],
  ]) {
    it(`${editor}: "Add name and title" lands once in the editor's own model, and that is what posts`, async () => {
      const page = await open(url, composer);
      const text = 'Yes, the library is open 9am to 5pm on Saturday.';
      await page.click(composer);
      await page.keyboard.type(text);
      await pressKey(page, key);
      await expectPanel(page, '6.2.6');
      assert.deepEqual(await posted(page), []);
      await clickInPanel(page, PANEL_BUTTON('fix'));
      await page.waitForFunction((sig) => window.__editorText().endsWith(sig), {}, SIGNATURE);
      const signed = await editorText(page);
      assert.ok(signed.startsWith(text), signed);
      assert.equal(occurrences(signed, SIGNATURE), 1, signed);
      await send(page);
      await expectPosted(page, [signed]);
    });
  }

  it('X email settings: a City address on a personal account is held (§6.4.1.2); Edit keeps it', async () => {
    const page = await open(`${X}/settings/email?${PERSONAL}`, 'input[name="email"]');
    const email = 'jane.doe@westalliswi.gov';
    await page.click('input[name="email"]');
    await page.keyboard.type(email);
    await page.click('[data-testid="settingsDetailSave"]');
    await expectPanel(page, '6.4.1.2');
    assert.deepEqual(await page.evaluate(() => window.__submitted), []);
    await clickInPanel(page, PANEL_BUTTON('edit'));
    assert.equal(await page.$eval('input[name="email"]', (el) => el.value), email);
    assert.deepEqual(await page.evaluate(() => window.__submitted), []);
  });

  it('the options page and the popup render with a clean console', async () => {
    const m = manifest();
    for (const [file, ready] of [[m.options_ui.page, '#policy-source[data-source="embedded"]'], [m.action.default_popup, '#identity']]) {
      const page = await h.newPage();
      pages.push(page);
      const problems = consoleProblems(page);
      await goto(page, extUrl(file));
      await page.waitForSelector(ready);
      await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(problems, [], file);
    }
    const popup = pages.at(-1);
    await popup.waitForFunction((t) => document.querySelector('#identity').textContent.includes(t), {}, `${USER.name}, ${USER.title}`);
  });

  it("the popup's host grant registers PostGuard on a new Mastodon server, and it checks posts there", async () => {
    const row = SITES.mastodon.rows.find((r) => r.surface === 'post');
    const url = rowUrl({ ...SITES.mastodon, origin: `https://${NEW_HOST}` }, row);
    const site = await open(url, row.composer);
    // The user clicks PostGuard's toolbar button on that tab (activeTab), and the popup asks
    // about it: popup.html is driven in a background tab, with the site's tab in front.
    const popup = await h.newPage();
    pages.push(popup);
    await site.bringToFront();
    assert.equal(await h.grantActiveTab(), url);
    await goto(popup, extUrl(manifest().action.default_popup));
    const button = await popup.waitForSelector('#enable-host:not([hidden])');
    assert.match(await button.evaluate((b) => b.textContent), new RegExp(NEW_HOST.replace('.', '\\.')));
    await button.click();
    await popup.waitForSelector('#enable-host[hidden]');

    // The page already open gets PostGuard at once (the popup injects it)...
    await site.bringToFront();
    await holdsCityPost(site, row);
    // ...and pages loaded later get it by registration.
    const registered = await h.inExtension(() => chrome.scripting.getRegisteredContentScripts());
    assert.deepEqual(registered.map((s) => s.matches), [[`https://${NEW_HOST}/*`]], JSON.stringify(registered));

    await holdsCityPost(await open(url, row.composer), row);
  });

  it('no network request left the machine: every one went through the proxy to a fixture host', () => {
    assert.ok(h.proxy.routed.has('x.com') && h.proxy.routed.has('www.facebook.com'), [...h.proxy.routed].join(' '));
    assert.deepEqual(h.proxy.refused, []);
  });
});

// IT's managed configuration, read by Firefox at start-up from <firefox dir>/distribution/policies.json
// ("3rdparty" → managed storage). Machine-wide, so the file is put back as it was, even on failure.
describe('PostGuard in Firefox: managed configuration from policies.json', () => {
  const dir = path.join(path.dirname(existsSync(FIREFOX) ? realpathSync(FIREFOX) : FIREFOX), 'distribution');
  const file = path.join(dir, 'policies.json');
  const saved = `${file}.postguard-test-${process.pid}`;
  let h, had = false, dirMade = false;
  const skip = firefoxSkip || (!canWrite(path.dirname(dir)) && `cannot write ${dir} (run as root)`);
  const it = (name, fn) => test(name, { skip }, fn);
  const restore = () => {
    if (had && existsSync(saved)) copyFileSync(saved, file), rmSync(saved);
    else if (!had) rmSync(file, { force: true });
    if (dirMade) rmSync(dir, { recursive: true, force: true });
    had = false, dirMade = false;
  };

  before(async () => {
    if (skip) return;
    had = existsSync(file);
    if (had) copyFileSync(file, saved);
    else if (!existsSync(dir)) (mkdirSync(dir, { recursive: true }), (dirMade = true));
    process.on('exit', restore);
    writeFileSync(file, JSON.stringify({
      policies: { '3rdparty': { Extensions: { [GECKO_ID()]: { report_to: 'it-help@westalliswi.gov', records: { retention_days: 30 } } } } },
    }));
    h = await launchFirefox();
  });
  after(async () => {
    await h?.close();
    restore();
  });

  it('reaches managed storage: the options page says it is set by IT, and uses it', async () => {
    const page = await h.newPage();
    const problems = consoleProblems(page);
    await goto(page, extUrl(manifest().options_ui.page));
    await page.waitForSelector('#policy-source[data-source="managed"]');
    assert.match(await page.$eval('#policy-source', (el) => el.textContent), /set by your IT department/);
    assert.match(await page.$eval('#records-summary', (el) => el.textContent), /kept 30 days/);
    assert.match(await page.$eval('#report', (el) => el.getAttribute('href')), /^mailto:it-help@westalliswi\.gov\?subject=/);
    assert.deepEqual(problems, []);
    assert.deepEqual(h.proxy.refused, []);
  });
});
