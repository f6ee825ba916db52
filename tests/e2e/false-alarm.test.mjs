// Issue 14, "This warning is wrong": one person's click on a finding's button records a
// false-alarm report (rule, section, quoted words, host) in the extension's storage; a click the
// page makes does not; the options page lists the reports, and its JSON export holds them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { browserPerFile, extensionBuilt, DEFAULT_EXTENSION_DIR } from './harness.mjs';
import { X, CITY, DRAFT, USER, PERSONAL_REMARK, inSurface, personalRemarkPanel } from './fixture-facts.mjs';

const skip = !extensionBuilt() && `PostGuard not built: ${DEFAULT_EXTENSION_DIR}/manifest.json is missing`;
const it = (name, fn) => test(name, { skip }, fn);

describe('false-alarm reports', { concurrency: false }, () => {
  const b = browserPerFile({
    prepare: (h) => h.sw.evaluate((user) => chrome.storage.local.clear().then(() => chrome.storage.local.set({ user })), USER),
  });
  const reports = () => b.h.sw.evaluate(() => chrome.storage.local.get('falseAlarms').then((s) => s.falseAlarms ?? []));

  it('a person\'s click reports the finding; the page\'s click does not; the options page lists and exports it', async () => {
    const page = await b.open(`${X}/home?${CITY}`, DRAFT);
    const p = await personalRemarkPanel(page);
    const button = p.locator('li[data-section="6.4"] button[data-action="false-alarm"]');
    await button.waitFor();
    // A script's click (untrusted), even once the panel is armed, reports nothing.
    await page.waitForTimeout(700);
    await inSurface(page, 'panel', (root) => root.querySelector('li[data-section="6.4"] button[data-action="false-alarm"]').click());
    await page.waitForTimeout(300);
    assert.deepEqual(await reports(), []);
    await button.click();
    await p.waitForText(/Reported as wrong/);
    const [r, ...rest] = await reports();
    assert.equal(rest.length, 0);
    assert.deepEqual({ rule: r.rule, section: r.section, host: r.host, sent: r.sent }, { rule: 'city-account-personal-context', section: '6.4', host: 'x.com', sent: false });
    assert.ok(r.quote && PERSONAL_REMARK.toLowerCase().includes(r.quote.split(' … ')[0].toLowerCase()), `quote: ${r.quote}`);
    // The panel still answers: Edit goes back to the draft.
    await p.locator('button[data-action="edit"]').click();

    const options = await b.h.context.newPage();
    b.pages.push(options);
    await options.goto(`chrome-extension://${new URL(b.h.sw.url()).host}/pages/options.html`);
    const item = options.locator('#false-alarm-list li[data-section="6.4"]');
    await item.waitFor();
    assert.match(await item.textContent(), /x\.com · §6\.4 city-account-personal-context: “.+” \(kept here\)/);
    // In the options page's JSON export (with the records), and in an export of their own.
    for (const button of ['#export-json', '#export-false-alarms']) {
      const [download] = await Promise.all([options.waitForEvent('download'), options.click(button)]);
      const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
      assert.deepEqual(exported.false_alarms.map((x) => x.id), [r.id], button);
    }
  });
});
