// The popup: drawn by the engine's Rust code (src/wasm/pages.rs): the policy in force and where
// it came from, who you are, this site's adapter status, recent findings, and the report link.
import init, { popupPage } from '../pkg-pages/postguard.js';
import { bridge, showFailure } from './pages.js';

const app = document.getElementById('app');
try {
  await init();
  await popupPage(app, bridge({ areas: [] }));
} catch (err) {
  showFailure(app, err);
} finally {
  app.removeAttribute('aria-busy');
}
