// End-to-end tests for what the user *does* rather than types (issue #4): follow / like clicks
// from a City account (§6.2.7), the work-time reminder (§6.4.1.3) and the City password typed
// on a social site (§6.4.1.2). Real Chromium, the built extension, fixture sites under their
// real hostnames with strict CSP; assertions read what the sites themselves recorded.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserPerFile, extensionBuilt, DEFAULT_EXTENSION_DIR } from './harness.mjs';
import { CITY, PERSONAL, USER, panel, X, FB, expectPanel, surface, inSurface } from './fixture-facts.mjs';
import { offsetMinutes } from '../../extension/worker/reminder.js';
import { passwordHash } from '../../extension/worker/password-alert.js';

const CITY_LOGIN = 'https://login.westalliswi.gov/';
const PASSWORD = 'Tr0ub4dor&3-City';

const skip = !extensionBuilt() &&
  `PostGuard extension not built: ${DEFAULT_EXTENSION_DIR}/manifest.json is missing (build it, or set POSTGUARD_DIST)`;
const it = (name, fn) => test(name, { skip }, fn);

const reminder = (page) => surface(page, 'reminder');
const recorded = (page, name) => page.evaluate((n) => window[n], name);


describe('background helpers (Node, no browser)', () => {
  test('time zone offsets come from the browser\'s zone database, with summer time', () => {
    assert.equal(offsetMinutes('America/Chicago', Date.UTC(2026, 0, 15, 12)), -360);
    assert.equal(offsetMinutes('America/Chicago', Date.UTC(2026, 6, 15, 12)), -300);
    // The switch: 2026-03-08 02:00 CST (08:00 UTC) becomes 03:00 CDT.
    assert.equal(offsetMinutes('America/Chicago', Date.UTC(2026, 2, 8, 7, 59)), -360);
    assert.equal(offsetMinutes('America/Chicago', Date.UTC(2026, 2, 8, 8, 0)), -300);
    assert.equal(offsetMinutes('Asia/Kolkata', Date.UTC(2026, 0, 15, 12)), 330);
    assert.equal(offsetMinutes('UTC', Date.UTC(2026, 0, 15, 12, 30, 59)), 0);
    assert.equal(offsetMinutes(null, Date.UTC(2026, 0, 15)), -new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset());
    assert.throws(() => offsetMinutes('Chicago', Date.now()), RangeError);
  });

  test('the password hash is salted PBKDF2-SHA-256 cut to 4 bytes', async () => {
    const salt = new Uint8Array(16).fill(7);
    const a = await passwordHash(PASSWORD, salt);
    assert.match(a, /^[0-9a-f]{8}$/);
    assert.equal(await passwordHash(PASSWORD, salt), a);
    assert.notEqual(await passwordHash(PASSWORD, new Uint8Array(16).fill(8)), a);
    assert.notEqual(await passwordHash(`${PASSWORD}x`, salt), a);
    // The same derivation, done independently: the first 4 bytes of PBKDF2-SHA-256(100 000).
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(PASSWORD), 'PBKDF2', false, ['deriveBits']);
    const full = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 100_000 }, key, 256);
    assert.equal(Buffer.from(full).subarray(0, 4).toString('hex'), a);
  });
});

describe('PostGuard behaviour end to end', () => {
  // The extension's clock for work-time decisions (honoured only in an unpacked install).
  const at = (iso, h = b.h) => h.sw.evaluate((t) => chrome.storage.local.set({ devClock: t }), Date.parse(iso));
  const setUser = (user) => b.h.sw.evaluate((u) => chrome.storage.local.set({ user: u }), user);
  const stored = (key) => b.h.sw.evaluate((k) => chrome.storage.local.get(k).then((r) => r[k] ?? null), key);
  const b = browserPerFile({
    async prepare(h) {
      await h.sw.evaluate((user) => chrome.storage.local.set({ user }), USER);
      await h.sw.evaluate(() => chrome.storage.local.remove(['reminded', 'cityPassword']));
      await at('2026-12-05T16:00:00Z', h); // a Saturday: no work-time reminder unless a test wants one
    },
  });
  let page;
  const open = async (url, ready) => (page = await b.open(url, ready));

  // §6.2.7 — connections

  it('X: a City account following a resident is held; Don\'t follow keeps it; Follow anyway follows once', async () => {
    await open(`${X}/jane_resident?${CITY}`, '[data-testid="1001-follow"]');
    await page.click('[data-testid="1001-follow"]');
    const p = await expectPanel(page, '6.2.7');
    const finding = await p.locator('li[data-section="6.2.7"]').textContent();
    assert.match(finding, /follow Jane Resident \(@jane_resident\) as the official City account City of West Allis/);
    assert.equal(await p.locator('button[data-action="post"]').textContent(), 'Follow anyway');
    assert.equal(await p.locator('button[data-action="edit"]').textContent(), 'Don\'t follow');
    assert.deepEqual(await recorded(page, '__follows'), []);

    await p.locator('button[data-action="edit"]').click();
    await p.waitFor({ state: 'hidden' });
    await page.waitForTimeout(300);
    assert.deepEqual(await recorded(page, '__follows'), []);
    assert.equal(await page.locator('[data-testid="1001-follow"]').textContent(), 'Follow');

    await page.click('[data-testid="1001-follow"]');
    await expectPanel(page, '6.2.7');
    await p.locator('button[data-action="post"]').click();
    await page.locator('[data-testid="1001-unfollow"]').waitFor();
    await page.waitForTimeout(300); // a second, duplicate follow would show up here
    assert.deepEqual(await recorded(page, '__follows'), ['jane_resident']);
  });

  it('X: a City account liking a resident\'s post is held until Like anyway; the page cannot press it', async () => {
    await open(`${X}/jane_resident?${CITY}`, '[data-testid="like"]');
    await page.click('[data-testid="like"] svg'); // the icon inside the button, as a person clicks
    const p = await expectPanel(page, '6.2.7');
    assert.match(await p.locator('li').first().textContent(), /like .*Jane Resident/);
    // A script on the page cannot choose for the user: untrusted clicks are ignored.
    await inSurface(page, 'panel', (root) => root.querySelector('[data-action="post"]').click());
    await page.waitForTimeout(300);
    assert.deepEqual(await recorded(page, '__likes'), []);
    assert.equal(await p.locator('[role="alertdialog"]').count(), 1);

    await p.locator('button[data-action="post"]').click();
    await page.locator('[data-testid="unlike"]').waitFor();
    assert.deepEqual(await recorded(page, '__likes'), ['jane_resident']);
  });

  it('X: a personal account follows at once, and a City account may follow a public body', async () => {
    await open(`${X}/jane_resident?${PERSONAL}`, '[data-testid="1001-follow"]');
    await page.click('[data-testid="1001-follow"]');
    await page.locator('[data-testid="1001-unfollow"]').waitFor();
    assert.deepEqual(await recorded(page, '__follows'), ['jane_resident']);
    assert.equal(await panel(page).count(), 0);
    await page.close();

    await open(`${X}/MCSOSheriff?${CITY}`, '[data-testid="1002-follow"]');
    await page.click('[data-testid="1002-follow"]');
    await page.locator('[data-testid="1002-unfollow"]').waitFor();
    assert.deepEqual(await recorded(page, '__follows'), ['MCSOSheriff']);
    assert.equal(await panel(page).count(), 0);
  });

  it('Facebook: liking a resident\'s post or adding them as a friend as the City Page is held until chosen', async () => {
    const LIKE = '[role="article"] [role="button"][aria-label="Like"]';
    await open(`${FB}/?as=City%20of%20West%20Allis`, LIKE);
    await page.click(LIKE);
    const p = await expectPanel(page, '6.2.7');
    assert.match(await p.locator('li').first().textContent(),
      /like Pat Resident \(@pat\.resident\) as the official City account City of West Allis/);
    assert.equal(await p.locator('button[data-action="post"]').textContent(), 'Like anyway');
    await p.locator('button[data-action="edit"]').click();
    await p.waitFor({ state: 'hidden' });
    await page.waitForTimeout(300);
    assert.deepEqual(await recorded(page, '__likes'), []);
    assert.equal(await page.locator(LIKE).count(), 1);

    await page.click(LIKE);
    await (await expectPanel(page, '6.2.7')).locator('button[data-action="post"]').click();
    await page.locator('[role="article"] [aria-label="Remove Like"]').waitFor();
    assert.deepEqual(await recorded(page, '__likes'), ['pat.resident']);

    // A friend request is a connection too; Escape is the same as Don't add.
    await page.click('[role="article"] [role="button"][aria-label="Add friend"]');
    const f = await expectPanel(page, '6.2.7');
    assert.match(await f.locator('li').first().textContent(), /send a friend request to Pat Resident \(@pat\.resident\)/);
    assert.equal(await f.locator('button[data-action="post"]').textContent(), 'Add friend anyway');
    await page.keyboard.press('Escape');
    await f.waitFor({ state: 'hidden' });
    await page.waitForTimeout(300);
    assert.deepEqual(await recorded(page, '__friendRequests'), []);
  });

  // §6.4.1.3 — work-time reminder, on the default policy's schedule (Mon–Fri 8:00–16:30 in
  // America/Chicago, with holidays), at moments the test chooses with the development clock.
  const X_HOME = `${X}/home?${PERSONAL}`, X_READY = '[data-testid="tweetTextarea_0"]';

  it('work time: none before or after hours, on a weekend or holiday, or for a City account', async () => {
    for (const [iso, url] of [
      ['2026-12-01T13:59:00Z', X_HOME], // Tuesday 7:59 in Chicago
      ['2026-12-01T22:30:00Z', X_HOME], // Tuesday 16:30
      ['2026-12-05T16:00:00Z', X_HOME], // Saturday 10:00
      ['2026-12-25T16:00:00Z', X_HOME], // Christmas Day, a City holiday, a Friday
      ['2026-12-01T16:00:00Z', `${X}/home?${CITY}`], // Tuesday 10:00, on the City's own account
    ]) {
      await at(iso);
      await open(url, X_READY);
      await page.waitForTimeout(1000);
      assert.equal(await reminder(page).count(), 0, iso);
      await page.close();
      page = null;
    }
    assert.equal(await stored('reminded'), null);
  });

  it('work time: a personal account gets one dismissible reminder per site per day', async () => {
    await at('2026-12-01T16:00:00Z'); // Tuesday 10:00 in Chicago
    await open(X_HOME, X_READY);
    const box = reminder(page).locator('[role="status"]');
    await box.waitFor();
    const text = await box.locator('p[data-section="6.4.1.3"]').textContent();
    assert.match(text, /^You are on X during City work hours \(Mon–Fri 8:00–16:30\)\./);
    assert.match(text, /personal social media accounts on work time \(§6\.4\.1\.3\)/);
    assert.deepEqual(await stored('reminded'), { x: '2026-12-01' });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset?.postguard ?? null), null); // takes no focus

    // The page cannot dismiss it; the user can.
    await inSurface(page, 'reminder', (root) => root.querySelector('[data-action="dismiss"]').click());
    assert.equal(await reminder(page).count(), 1);
    await reminder(page).locator('button[data-action="dismiss"]').click();
    await reminder(page).waitFor({ state: 'detached' });
    await page.close();

    // Once a day per site: X again stays quiet; Facebook gets its own.
    await open(X_HOME, X_READY);
    await page.waitForTimeout(1000);
    assert.equal(await reminder(page).count(), 0);
    await page.close();
    await open(`${FB}/`, '[role="article"]');
    await reminder(page).locator('p', { hasText: /^You are on Facebook during City work hours/ }).waitFor();
    await page.close();

    // The next working day it comes back.
    await at('2026-12-02T15:00:00Z'); // Wednesday 9:00
    await open(X_HOME, X_READY);
    await reminder(page).locator('[role="status"]').waitFor();
    assert.deepEqual(await stored('reminded'), { x: '2026-12-02', facebook: '2026-12-01' });
  });

  // §6.4.1.2 — the City password on a social site

  async function signInToTheCity(password = PASSWORD) {
    await open(CITY_LOGIN, 'input[type="password"]');
    await page.fill('input[name="username"]', 'jdoe@westalliswi.gov');
    await page.click('input[type="password"]');
    await page.keyboard.type(password);
    await page.click('button[type="submit"]');
    await page.waitForURL('**/signed-in');
    await page.locator('#signed-in').waitFor();
    await page.close();
    page = null;
    for (let i = 0; i < 50 && !(await stored('cityPassword')); i++) await new Promise((r) => setTimeout(r, 100));
    return stored('cityPassword');
  }

  it('the City sign-in page leaves only a salted 4-byte hash and the length, never the password', async () => {
    const kept = await signInToTheCity();
    assert.ok(kept, 'nothing was remembered at the City sign-in');
    assert.deepEqual(Object.keys(kept).sort(), ['at', 'bytes', 'hash', 'iterations', 'length', 'salt']);
    assert.equal(kept.length, PASSWORD.length);
    assert.match(kept.hash, /^[0-9a-f]{8}$/);
    assert.match(kept.salt, /^[0-9a-f]{32}$/);
    const salt = Uint8Array.from(kept.salt.match(/../g), (x) => parseInt(x, 16));
    assert.equal(await passwordHash(PASSWORD, salt, kept.iterations, kept.bytes), kept.hash);
    // The password is nowhere in the extension's storage.
    const everything = await b.h.sw.evaluate(async () =>
      JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]));
    assert.ok(!everything.includes(PASSWORD) && !everything.includes('Tr0ub4dor'), 'the password was stored');

    // A second sign-in uses a fresh salt.
    const again = await signInToTheCity();
    assert.notEqual(again.salt, kept.salt);
  });

  it('X login: typing the City password warns at once; Edit keeps the field; the sign-in waits for Continue anyway', async () => {
    await signInToTheCity();
    await open(`${X}/i/flow/login`, 'input[name="password"]');
    await page.fill('input[name="text"]', 'jdoe_personal');
    await page.click('input[name="password"]');
    await page.keyboard.type(PASSWORD);
    const p = await expectPanel(page, '6.4.1.2');
    const li = p.locator('li[data-section="6.4.1.2"]');
    assert.equal(await li.locator('.title').textContent(), 'City password on a social site');
    assert.equal(await li.locator('.advice').textContent(), 'Choose a different password for X.');
    assert.match(await li.locator('.why').textContent(), /^You typed your City password on X\./);
    assert.equal(await p.locator('button[data-action="edit"]').textContent(), "I'll use a different password");
    assert.equal(await p.locator('button[data-action="change-password"]').count(), 0, 'the policy has no change_url');
    assert.equal(await p.locator('button[data-action="post"]').textContent(), 'Continue anyway');
    await p.locator('button[data-action="edit"]').click();
    await p.waitFor({ state: 'hidden' });
    assert.equal(await page.inputValue('input[name="password"]'), PASSWORD); // Edit clears nothing

    // Enter in the password box (X logs in from a script): held, then sent as typed.
    await page.focus('input[name="password"]');
    await page.keyboard.press('Enter');
    await expectPanel(page, '6.4.1.2');
    await page.waitForTimeout(300);
    assert.deepEqual(await recorded(page, '__logins'), []);
    await p.locator('button[data-action="post"]').click();
    await page.waitForFunction(() => window.__logins.length > 0);
    await page.waitForTimeout(300);
    assert.deepEqual(await recorded(page, '__logins'), [{ user: 'jdoe_personal', password: PASSWORD }]);
  });

  it('X login: another password signs in without a word', async () => {
    await signInToTheCity();
    await open(`${X}/i/flow/login`, 'input[name="password"]');
    await page.fill('input[name="text"]', 'jdoe_personal');
    await page.click('input[name="password"]');
    await page.keyboard.type('my-own-X-password');
    await page.click('[data-testid="LoginForm_Login_Button"]');
    await page.waitForFunction(() => window.__logins.length > 0);
    await page.waitForTimeout(500);
    assert.equal(await panel(page).count(), 0);
    assert.deepEqual(await recorded(page, '__logins'), [{ user: 'jdoe_personal', password: 'my-own-X-password' }]);
  });

  it('Facebook login form: the City password at the end of what was typed is caught, and the form waits', async () => {
    await signInToTheCity();
    await open(`${FB}/login`, '#pass');
    await page.fill('#email', 'jane.doe@gmail.com');
    await page.click('#pass');
    const typed = `xy${PASSWORD}`; // like Password Alert: the last characters typed are checked
    await page.keyboard.type(typed);
    // Straight to "Log in", before the user has answered the panel the typing raised.
    await page.click('button[name="login"]');
    const p = await expectPanel(page, '6.4.1.2');
    await page.waitForTimeout(300);
    assert.deepEqual(await recorded(page, '__logins'), []);
    await p.locator('button[data-action="post"]').click();
    await page.waitForFunction(() => window.__logins.length > 0);
    await page.waitForTimeout(300);
    assert.deepEqual(await recorded(page, '__logins'), [{ user: 'jane.doe@gmail.com', password: typed }]);
  });
});
