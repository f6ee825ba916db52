// In a Spanish browser everything PostGuard says on the social sites is Spanish (issue 14): the
// panel and its findings, the City-account badge, the work-time reminder and the password
// warning. The engine answers in the language the worker reads from chrome.i18n.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserPerFile, extensionBuilt, DEFAULT_EXTENSION_DIR } from './harness.mjs';
import { X, CITY, PERSONAL, DRAFT, X_BUTTON, USER, panel, surface, expectPanel } from './fixture-facts.mjs';

// Chromium on Linux takes its interface language from the environment (each test file runs in
// its own process, so this reaches only this file's browser).
process.env.LANGUAGE = 'es';

const CITY_LOGIN = 'https://login.westalliswi.gov/';
const PASSWORD = 'Tr0ub4dor&3-City';
const skip = !extensionBuilt() &&
  `PostGuard extension not built: ${DEFAULT_EXTENSION_DIR}/manifest.json is missing (build it, or set POSTGUARD_DIST)`;
const it = (name, fn) => test(name, { skip }, fn);

/** English words found in `text`, once names and what was quoted from the draft are taken out. */
function english(text) {
  const own = text.replace(/City of West Allis|CityofWestAllis|PostGuard|“[^”]*”|\([^)]*\*[^)]*\)/g, ' ');
  const WORDS = ['the', 'and', 'your', 'you', 'this', 'with', 'not', 'post', 'account', 'must', 'edit', 'anyway',
    'why', 'of', 'to', 'policy', 'password', 'posting', 'dismiss', 'check', 'before'];
  return own.toLowerCase().split(/[^\p{L}']+/u).filter((w) => WORDS.includes(w));
}

describe('in Spanish on the social sites', () => {
  const at = (iso, h = b.h) => h.sw.evaluate((t) => chrome.storage.local.set({ devClock: t }), Date.parse(iso));
  const b = browserPerFile({
    async prepare(h) {
      await h.sw.evaluate((user) => chrome.storage.local.set({ user }), USER);
      await h.sw.evaluate(() => chrome.storage.local.remove(['reminded', 'cityPassword']));
      await at('2026-12-05T16:00:00Z', h); // a Saturday: no reminder unless a test wants one
    },
  });
  let page;

  it('the panel, its findings and the badge', async () => {
    page = await b.open(`${X}/home?${CITY}`, DRAFT);
    await page.click(DRAFT);
    await page.keyboard.type('Resident record: SSN 078-05-1123, call her back.');
    await surface(page, 'badge').waitForText(/Publicando como la cuenta de la Ciudad City of West Allis/);
    await page.click(X_BUTTON);
    const p = await expectPanel(page, '6.5.2.6');
    assert.equal(await p.locator('h2').textContent(), 'No permitido en una cuenta de la Ciudad');
    const li = p.locator('li[data-section="6.5.2.6"]');
    assert.equal(await li.locator('.title').textContent(), 'Datos personales en una publicación de la Ciudad');
    assert.equal(await li.locator('.advice').textContent(), 'Quite los datos personales antes de publicar.');
    assert.equal(await li.locator('summary').textContent(), '¿Por qué?');
    assert.equal(await li.locator('a[data-action="policy"]').textContent(), 'Política §6.5.2.6');
    assert.match(await li.locator('.why').textContent(), /^Esto publicaría un número de Seguro Social \(\*\*\*-\*\*-1123\)\./);
    assert.equal(await p.locator('button[data-action="edit"]').textContent(), 'Editar');
    assert.equal(await p.locator('button[data-action="post"]').textContent(), 'Publicar de todos modos');
    await p.locator('button[data-action="post"]').click();
    await p.locator('textarea').waitFor();
    const all = await panel(page).text();
    assert.deepEqual(english(all), [], all);
    assert.deepEqual(english(await surface(page, 'badge').text()), []);
  });

  it('the work-time reminder', async () => {
    await at('2026-12-01T16:00:00Z'); // Tuesday 10:00 in Chicago
    page = await b.open(`${X}/home?${PERSONAL}`, '[data-testid="tweetTextarea_0"]');
    const box = surface(page, 'reminder').locator('[role="status"]');
    await box.waitFor();
    const text = await box.locator('p[data-section="6.4.1.3"]').textContent();
    assert.match(text, /^Está en X en horario de trabajo de la Ciudad \(lun–vie 8:00–16:30\)\./);
    assert.equal(await box.locator('button[data-action="dismiss"]').textContent(), 'Cerrar');
    assert.equal(await box.getAttribute('aria-label'), 'Recordatorio de PostGuard');
    assert.deepEqual(english(await surface(page, 'reminder').text()), []);
  });

  it('the password warning', async () => {
    const signIn = await b.open(CITY_LOGIN, 'input[type="password"]');
    await signIn.fill('input[name="username"]', 'jdoe@westalliswi.gov');
    await signIn.click('input[type="password"]');
    await signIn.keyboard.type(PASSWORD);
    await signIn.click('button[type="submit"]');
    await signIn.waitForURL('**/signed-in');
    const stored = () => b.h.sw.evaluate(() => chrome.storage.local.get('cityPassword').then((r) => r.cityPassword));
    for (let i = 0; i < 50 && !(await stored()); i++) await new Promise((r) => setTimeout(r, 100));
    page = await b.open(`${X}/i/flow/login`, 'input[name="password"]');
    await page.fill('input[name="text"]', 'jdoe_personal');
    await page.click('input[name="password"]');
    await page.keyboard.type(PASSWORD);
    const p = await expectPanel(page, '6.4.1.2');
    assert.equal(await p.locator('h2').textContent(), 'Esta es su contraseña de la Ciudad');
    assert.equal(await p.locator('.advice').textContent(), 'Elija otra contraseña para X.');
    assert.equal(await p.locator('button[data-action="edit"]').textContent(), 'Usaré otra contraseña');
    assert.equal(await p.locator('button[data-action="post"]').textContent(), 'Continuar de todos modos');
    const all = await panel(page).text();
    assert.deepEqual(english(all), [], all);
  });
});
