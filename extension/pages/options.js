// The options page: drawn by the engine's Rust code (src/wasm/pages.rs). This file only hands it
// messaging, words from _locales and change events.
import init, { optionsPage } from '../pkg-pages/postguard.js';
import { bridge, showFailure } from './pages.js';

const app = document.getElementById('app');
document.title = chrome.i18n.getMessage('optionsTitle') || 'PostGuard';
try {
  await init();
  await optionsPage(app, bridge({ areas: ['local', 'managed'] }));
} catch (err) {
  showFailure(app, err);
} finally {
  app.removeAttribute('aria-busy');
}
