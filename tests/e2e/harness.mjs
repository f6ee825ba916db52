// Launches Debian's Chromium with the PostGuard extension, the fixture server mapped to the real
// hostnames, and a log of every network request in the context.
import { chromium } from 'playwright-core';
import { before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, mkdir, access, constants } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFixtures } from './build-fixtures.mjs';
import { startServer, FIXTURE_HOSTS } from './server.mjs';

/** Can the tests write `dir` (for example Chromium's managed-policy directory)? */
export async function writable(dir) {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

const repo = fileURLToPath(new URL('../..', import.meta.url));
export const DEFAULT_EXTENSION_DIR = process.env.POSTGUARD_DIST || path.join(repo, 'dist/chrome');
export const extensionBuilt = (dir = DEFAULT_EXTENSION_DIR) => existsSync(path.join(dir, 'manifest.json'));

/**
 * @param {{extensionDir?: string|null, hosts?: Record<string, number>}} opts  extensionDir null = launch
 *   without any extension (fixture smoke tests); hosts: more names to map to local ports (a test's own server)
 */
export async function launch({ extensionDir = DEFAULT_EXTENSION_DIR, hosts = {} } = {}) {
  await buildFixtures(); // fast and idempotent; keeps dist/ in step with the fixture sources
  const server = await startServer();
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'postguard-e2e-'));
  let context;
  const close = async () => {
    await context?.close().catch(() => {});
    await server.close();
    await rm(userDataDir, { recursive: true, force: true });
  };
  try {
    const ext = extensionDir ? path.resolve(extensionDir) : null;
    context = await chromium.launchPersistentContext(userDataDir, {
      headless: true, // Playwright passes --headless, which is the new headless mode (extensions work)
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      ignoreHTTPSErrors: true, // the fixture server's certificate is self-signed
      // Playwright adds --disable-extensions by default; drop it so --load-extension takes effect.
      ignoreDefaultArgs: ext ? ['--disable-extensions'] : [],
      args: [
        ...(ext ? [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`] : []),
        '--ignore-certificate-errors', // also for requests Playwright does not see (e.g. the extension's)
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run',
        // Fixture hosts go to our server; every other name fails to resolve, so nothing leaves the machine.
        `--host-resolver-rules=${[
          ...FIXTURE_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${server.port}`),
          ...Object.entries(hosts).map(([h, port]) => `MAP ${h} 127.0.0.1:${port}`),
        ].join(', ')}, MAP * ~NOTFOUND`,
      ],
    });
    context.setDefaultTimeout(10_000);

    const requests = [];
    context.on('request', (r) => {
      const worker = r.serviceWorker();
      requests.push({
        url: r.url(), method: r.method(), resourceType: r.resourceType(),
        serviceWorker: worker?.url() ?? null, // Chromium only: the worker that issued it
        frameUrl: worker ? null : safe(() => r.frame().url()),
      });
    });
    const pageErrors = [];
    context.on('weberror', (e) => pageErrors.push(e.error()));

    let sw = null;
    if (ext) {
      const isExt = (w) => w.url().startsWith('chrome-extension://');
      sw = context.serviceWorkers().find(isExt) ??
        await context.waitForEvent('serviceworker', { predicate: isExt, timeout: 15_000 }).catch((e) => {
          throw new Error(`extension service worker did not start from ${ext} (bad manifest or worker?): ${e.message}`);
        });
    }

    const newPage = async (url) => {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    };
    return { context, server, sw, requests, pageErrors, newPage, close };
  } catch (e) {
    await close();
    throw e;
  }
}

const safe = (f) => { try { return f(); } catch { return null; } };

/**
 * Requests that show the extension touched the network: anything to a host other than the fixture
 * hosts (pages never do that), and anything issued by the extension's own worker or pages.
 * chrome-extension:// loads (its own files) are local and are not counted.
 */
export function extensionNetworkRequests(requests) {
  return requests.filter((r) => {
    if (!/^(https?|wss?|ftp):/i.test(r.url)) return false;
    const foreignHost = !FIXTURE_HOSTS.includes(new URL(r.url).hostname);
    const fromExtension = Boolean(r.serviceWorker) || Boolean(r.frameUrl?.startsWith('chrome-extension://'));
    return foreignHost || fromExtension;
  });
}

/**
 * One browser for a test file's suite, shared by its tests (call inside `describe`). Before
 * each test `prepare(h)` sets up the extension's storage; after each, the test's pages close
 * and the run must show no network request from the extension. `b.h` stays null when the
 * extension is not built, and the tests skip.
 */
export function browserPerFile({ prepare = async () => {} } = {}) {
  const b = { h: null, pages: [] };
  before(async () => {
    if (!extensionBuilt()) return;
    b.h = await launch();
    // Wait for the engine once (compiling the WASM takes seconds on a busy machine), so no
    // test's first submit meets a cold engine and is let through by design.
    const page = await b.h.newPage(`chrome-extension://${new URL(b.h.sw.url()).host}/pages/popup.html`);
    await page.evaluate(() => chrome.runtime.sendMessage({ type: 'evaluate', draft: { text: '' } }));
    await page.close();
  });
  after(() => b.h?.close());
  beforeEach(async () => {
    if (!b.h) return;
    await prepare(b.h);
    b.h.requests.length = 0;
  });
  afterEach(async () => {
    if (!b.h) return;
    await Promise.all(b.pages.splice(0).map((p) => p.close().catch(() => {})));
    // Drafts never leave the browser: no request to a foreign host, none from the extension.
    assert.deepEqual(extensionNetworkRequests(b.h.requests), []);
  });
  /** Opens `url` and waits for `ready`, then a moment: content scripts attach at document_idle. */
  b.open = async (url, ready) => {
    const page = await b.h.newPage(url);
    b.pages.push(page);
    await page.locator(ready).waitFor();
    await page.waitForTimeout(300);
    return page;
  };
  return b;
}
