// Issue 12: every site's adapter against its own fixture after a redesign (drift.mutations.mjs:
// test ids, aria-labels and classes on the submit control and the composer's wrapper renamed or
// stripped). A City-account personal draft must still be held, or at least have shown the live
// warning and been recorded as posted without a check. Zero silent misses; the matrix is printed.
// CI runs each site's first composer with every change at once (about a minute);
// DRIFT_FULL=1 runs every composer × every mutation (docs/sites.md).
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserPerFile, extensionBuilt, DEFAULT_EXTENSION_DIR } from './harness.mjs';
import { SITES, USER, PERSONAL_TEXT, rowUrl, reach, panel, surface } from './fixture-facts.mjs';
import { MUTATIONS, drift } from './drift.mutations.mjs';

const skip = !extensionBuilt() &&
  `PostGuard extension not built: ${DEFAULT_EXTENSION_DIR}/manifest.json is missing (build it, or set POSTGUARD_DIST)`;
const it = (name, fn) => test(name, { skip }, fn);
const FULL = Boolean(process.env.DRIFT_FULL);

const cases = [];
for (const [site, spec] of Object.entries(SITES)) {
  const rows = spec.rows.filter((r) => r.editor && !r.origin);
  for (const row of FULL ? rows : rows.slice(0, 1)) {
    for (const m of FULL ? MUTATIONS : MUTATIONS.slice(-1)) cases.push({ site, spec, row, m });
  }
}

const matrix = [];
after(() => {
  if (!matrix.length) return;
  console.log(`\ndrift matrix (${FULL ? 'full' : 'CI sample; DRIFT_FULL=1 for all'}):`);
  for (const r of matrix) console.log(`  ${r.outcome.padEnd(9)} ${r.site} ${r.surface} (${r.editor}) — ${r.mutation}`);
  const missed = matrix.filter((r) => r.outcome === 'MISSED').length;
  console.log(`  ${matrix.length} cases, ${missed} silent misses`);
});

describe('adapter drift (issue 12)', () => {
  const b = browserPerFile({ prepare: (h) => h.sw.evaluate((user) => chrome.storage.local.set({ user }), USER) });

  for (const { site, spec, row, m } of cases) {
    it(`${site} ${row.surface} (${row.editor}), ${m.name}: held, or warned live and recorded unchecked`, async () => {
      const page = await b.open(rowUrl(spec, row), 'body');
      await reach(page, row, { nav: false });
      await page.locator(row.submit.button).first().evaluate((el) => el.setAttribute('data-drift', 'submit'));
      assert.equal(await page.evaluate(drift, { m }), 'ok');
      await page.keyboard.type(PERSONAL_TEXT);
      const badge = surface(page, 'badge');
      await badge.waitForText(/Posting as City account/).catch(() => {});
      await page.waitForTimeout(400);
      const warned = ['warn', 'block'].includes(await badge.locator('.badge').getAttribute('data-state'));
      await page.click('[data-drift=submit]');
      let outcome = 'MISSED';
      for (const end = Date.now() + 3000; outcome === 'MISSED' && Date.now() < end; await page.waitForTimeout(100)) {
        if (await panel(page).locator('[role=alertdialog]').count()) outcome = 'held';
        else if (warned) {
          const recorded = await b.h.sw.evaluate(async (text) => Object.entries(await chrome.storage.local.get(null))
            .some(([k, r]) => k.startsWith('record:') && r.unchecked && r.text.includes(text)), PERSONAL_TEXT);
          if (recorded) outcome = 'recorded';
        }
      }
      matrix.push({ site, surface: row.surface, editor: row.editor, mutation: m.name, outcome });
      assert.notEqual(outcome, 'MISSED', `a City-account personal draft went out silently (live warning shown: ${warned})`);
    });
  }
});
