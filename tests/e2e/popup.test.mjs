// Issue 14, the popup: no stray button, findings short enough to read at a glance, platforms
// named as they write their names, and warnings answered with Edit among the recent findings;
// and the toolbar icon, per tab, shows whether a City account is active there.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserPerFile, extensionBuilt, DEFAULT_EXTENSION_DIR } from './harness.mjs';
import { X, CITY, PERSONAL, DRAFT, USER, panel, personalRemarkPanel } from './fixture-facts.mjs';

const skip = !extensionBuilt() && `PostGuard not built: ${DEFAULT_EXTENSION_DIR}/manifest.json is missing`;
const it = (name, fn) => test(name, { skip }, fn);

describe('popup', { concurrency: false }, () => {
  const b = browserPerFile({
    prepare: (h) => h.sw.evaluate((user) => chrome.storage.local.clear().then(() => chrome.storage.local.set({ user })), USER),
  });
  const popup = async () => {
    const page = await b.h.context.newPage();
    b.pages.push(page);
    await page.goto(`chrome-extension://${new URL(b.h.sw.url()).host}/pages/popup.html`);
    await page.locator('#report').waitFor();
    return page;
  };

  it('the host button is not drawn while it is hidden (no empty pill)', async () => {
    const page = await popup();
    assert.equal(await page.locator('#enable-host').getAttribute('hidden'), '');
    assert.equal(await page.locator('#enable-host').isVisible(), false);
  });

  it('the toolbar icon has the City-account dot in a tab where a City account types, and not in one where a personal account does', async () => {
    // Watch what the worker asks of chrome.action (the browser offers no way to read an icon back).
    await b.h.sw.evaluate(() => {
      globalThis.__icons = [];
      const setIcon = chrome.action.setIcon.bind(chrome.action);
      chrome.action.setIcon = (details) => (globalThis.__icons.push(details), setIcon(details));
    });
    const icons = () => b.h.sw.evaluate(() => globalThis.__icons.map(({ tabId, path }) => ({ tabId, icon: path[16] })));
    const iconsSet = async (n) => {
      for (const end = Date.now() + 5000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if ((await icons()).length >= n) return;
      assert.fail(`the worker set ${(await icons()).length} icons, not ${n}`);
    };
    const city = await b.open(`${X}/home?${CITY}`, DRAFT);
    await city.click(DRAFT);
    await city.keyboard.type('Library hours this week');
    await iconsSet(1);
    const [first] = await icons();
    assert.equal(first.icon, '/icons/active-16.png');
    const personal = await b.open(`${X}/home?${PERSONAL}`, DRAFT);
    await personal.click(DRAFT);
    await personal.keyboard.type('Library hours this week');
    await iconsSet(2);
    const [, second] = await icons();
    assert.notEqual(second.tabId, first.tabId, 'each tab has its own icon');
    assert.equal(second.icon, '/icons/icon-16.png');
  });

  it('a warning answered with Edit is a recent finding: short, on "X", marked as edited', async () => {
    const page = await b.open(`${X}/home?${CITY}`, DRAFT);
    const p = await personalRemarkPanel(page);
    await p.locator('button[data-action="edit"]').click();
    await p.waitFor({ state: 'hidden' });
    assert.equal(await panel(page).count(), 0);

    const pop = await popup();
    const entry = pop.locator('#recent > li').first();
    await entry.waitFor();
    assert.match(await entry.locator('.when').textContent(), / · X City of West Allis/);
    assert.match(await entry.locator('.answer').textContent(), /Edit/);
    for (const li of await entry.locator('li[data-section]').all()) {
      const shown = (await li.textContent()).replace(/^§\S+ /, '');
      assert.ok(shown.length <= 120, `a finding of ${shown.length} characters: ${shown}`);
      assert.ok((await li.getAttribute('title')).startsWith(shown.replace(/…$/, '')), 'the whole message is its title');
    }
  });
});
