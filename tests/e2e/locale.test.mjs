// The options page and popup speak the browser's language (_locales: English and Spanish), and
// the manifest's name and description come from _locales too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, extensionBuilt, DEFAULT_EXTENSION_DIR } from './harness.mjs';

const skip = !extensionBuilt() && `PostGuard not built: ${DEFAULT_EXTENSION_DIR}/manifest.json is missing`;
let h;
before(async () => {
  if (skip) return;
  // Chromium on Linux takes its interface language from the environment (each test file runs in
  // its own process, so this reaches only this browser).
  process.env.LANGUAGE = 'es';
  h = await launch();
});
after(() => h?.close());

test('in Spanish: the options page, the popup and the extension name', { skip }, async () => {
  const id = new URL(h.sw.url()).host;
  const options = await h.newPage(`chrome-extension://${id}/pages/options.html`);
  await options.locator('h1', { hasText: 'Opciones de PostGuard' }).waitFor();
  assert.equal(await options.title(), 'Opciones de PostGuard');
  assert.match(await options.evaluate(() => document.documentElement.lang), /^es/);
  assert.equal(await options.locator('label[for="user-email"]').textContent(), 'Correo de la Ciudad');
  assert.equal(await options.locator('#export-csv').textContent(), 'Exportar CSV');
  assert.match(await options.locator('#policy-source').textContent(), /^Origen: incluida en PostGuard/);
  const popup = await h.newPage(`chrome-extension://${id}/pages/popup.html`);
  await popup.locator('#report', { hasText: 'Informar de uso no autorizado' }).waitFor();
  const href = await popup.locator('#report').getAttribute('href');
  assert.match(decodeURIComponent(href), /Uso no autorizado de una cuenta de redes sociales de City of West Allis/);
  // The manifest's __MSG_…__ strings, as the browser resolved them.
  const manifest = await h.sw.evaluate(() => chrome.runtime.getManifest());
  assert.equal(manifest.name, 'PostGuard');
  assert.match(manifest.description, /^Avisa antes de que una publicación/);
});
