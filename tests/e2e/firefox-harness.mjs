// Launches Debian's Firefox ESR with the PostGuard Firefox build as a temporary add-on, driven by
// puppeteer-core over WebDriver BiDi (TOOLCHAIN.md, "Firefox"). Firefox has no
// --host-resolver-rules: a local CONNECT proxy, set in its prefs, sends the fixture hostnames to
// tests/e2e/server.mjs and refuses every other host, logging it, so nothing leaves the machine.
import puppeteer from 'puppeteer-core';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFixtures } from './build-fixtures.mjs';
import { startServer, FIXTURE_HOSTS } from './server.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
export const FIREFOX_DIST = process.env.POSTGUARD_FIREFOX_DIST || path.join(repo, 'dist/firefox');
export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
/** Why the Firefox lane cannot run here, or false. */
export const firefoxSkip =
  (!existsSync(path.join(FIREFOX_DIST, 'manifest.json')) && `PostGuard not built: ${FIREFOX_DIST}/manifest.json is missing`) ||
  (!existsSync(FIREFOX) && `no Firefox at ${FIREFOX} (apt-get install firefox-esr)`);
export const manifest = () => JSON.parse(readFileSync(path.join(FIREFOX_DIST, 'manifest.json'), 'utf8'));
export const GECKO_ID = () => manifest().browser_specific_settings.gecko.id;
// A fixed internal UUID (pref extensions.webextensions.uuids), so extension pages have a known URL.
const UUID = '6f1b3c2e-5a4d-4e8f-9b7a-0c1d2e3f4a5b';
/** An extension page by its manifest path (pages move; the manifest says where they are). */
export const extUrl = (p) => `moz-extension://${UUID}/${p.replace(/^\//, '')}`;

/**
 * An HTTP proxy: CONNECT (and plain http://) to a host in `routes` goes to that local port and
 * is noted in `routed`; any other host is refused and written to `refused`.
 */
async function startProxy(routes) {
  const refused = [];
  const routed = new Set(); // the hosts it carried: shows Firefox's traffic really goes through it
  const sockets = new Set();
  const track = (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); s.on('error', () => {}); };
  const server = http.createServer((req, res) => { // plain http://host/path through the proxy
    const url = new URL(req.url);
    const port = routes[url.hostname];
    if (!port) {
      refused.push(url.host);
      return res.writeHead(403).end();
    }
    routed.add(url.hostname);
    const up = http.request({ host: '127.0.0.1', port, path: url.pathname + url.search, method: req.method, headers: req.headers },
      (r) => { res.writeHead(r.statusCode, r.headers); r.pipe(res); });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  server.on('connection', track);
  server.on('connect', (req, client, head) => {
    const [host] = req.url.split(':');
    const port = routes[host];
    if (!port) {
      refused.push(req.url);
      return client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    }
    routed.add(host);
    const up = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    track(up);
    up.on('error', () => client.destroy());
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: server.address().port, refused, routed,
    close: () => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

/**
 * @param {{aliases?: Record<string, string>}} opts  aliases: more hostnames for fixture sites
 *   (server.mjs), reachable through the proxy like the fixture hosts
 */
export async function launchFirefox({ aliases = {} } = {}) {
  await buildFixtures();
  const server = await startServer({ aliases });
  const hosts = [...FIXTURE_HOSTS, ...Object.keys(aliases)];
  const proxy = await startProxy(Object.fromEntries(hosts.map((h) => [h, server.port])));
  let browser;
  const close = async () => {
    await browser?.close().catch(() => {});
    await proxy.close();
    await server.close();
  };
  try {
    browser = await puppeteer.launch({
      browser: 'firefox', executablePath: FIREFOX, headless: true,
      acceptInsecureCerts: true, // the fixture server's certificate is self-signed
      args: ['--remote-allow-system-access'], // without it, moz-extension:// pages cannot be driven
      // Release builds ignore the services.settings.server pref (puppeteer points it at a dummy)
      // unless this is set; otherwise Remote Settings polls firefox.settings.services.mozilla.com.
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
      extraPrefsFirefox: {
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1', 'network.proxy.http_port': proxy.port,
        'network.proxy.ssl': '127.0.0.1', 'network.proxy.ssl_port': proxy.port,
        'network.proxy.no_proxies_on': '', 'network.proxy.allow_hijacking_localhost': true,
        'network.trr.mode': 5, 'network.dns.disablePrefetch': true, 'network.http.speculative-parallel-limit': 0,
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID()]: UUID }),
        // The popup's host grant: the user's click is the consent; no doorhanger to answer headless.
        'extensions.webextOptionalPermissionPrompts': false,
        'services.settings.server': 'data:,#remote-settings-dummy/v1', // no request at all (Mozilla's own test setting)
      },
    });
    const id = await browser.installExtension(path.resolve(FIREFOX_DIST));
    assert.equal(id, GECKO_ID());
    const newPage = async (url) => {
      const page = await browser.newPage();
      page.setDefaultTimeout(10_000);
      if (url) await goto(page, url);
      return page;
    };
    /** Runs `fn(arg)` in an extension page (the event page's APIs: storage, runtime, scripting). */
    const inExtension = async (fn, arg) => {
      const page = await newPage(extUrl(manifest().action.default_popup));
      try {
        return await page.evaluate(fn, arg);
      } finally {
        await page.close();
      }
    };
    /** Runs `expression` in Firefox's own window (chrome scope; needs --remote-allow-system-access). */
    const inChrome = async (expression) => {
      const { result: tree } = await browser.connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
      const { result } = await browser.connection.send('script.evaluate', {
        target: { context: tree.contexts[0].context }, expression, awaitPromise: true,
      });
      if (result.type !== 'success') throw new Error(`chrome scope: ${JSON.stringify(result.exceptionDetails ?? result)}`);
      return result.result.value;
    };
    /** What a click on PostGuard's toolbar button grants: activeTab on the selected tab. */
    const grantActiveTab = () => inChrome(`(() => {
      const tab = gBrowser.selectedTab;
      WebExtensionPolicy.getByID(${JSON.stringify(id)}).extension.tabManager.addActiveTabPermission(tab);
      return gBrowser.selectedBrowser.currentURI.spec;
    })()`);
    server.hosts = hosts;
    return { browser, server, proxy, newPage, inExtension, inChrome, grantActiveTab, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * page.goto, also for moz-extension:// and about: pages: their navigation never reports "load"
 * over BiDi here (the page does load), so those wait for the document itself.
 */
export async function goto(page, url) {
  if (/^https?:/.test(url)) return page.goto(url);
  await page.goto(url, { waitUntil: 'networkidle2' });
  await until(page, (u) => location.href === u && document.readyState === 'complete', url);
}

/** Polls `fn(arg)` in the page until it returns something truthy, and returns that: about: pages
 *  refuse waitForFunction (it builds a Function). */
export async function until(page, fn, arg, timeout = 10_000) {
  for (const end = Date.now() + timeout; ;) {
    const value = await page.evaluate(fn, arg).catch(() => null);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${fn}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Console errors and warnings, and uncaught errors, of one page (a clean console is an empty list). */
export function consoleProblems(page) {
  const problems = [];
  page.on('console', (m) => { if (['error', 'warn', 'warning'].includes(m.type())) problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message ?? e}`));
  return problems;
}

// PostGuard's surfaces are closed shadow roots, which puppeteer's >>> cannot pierce. WebDriver
// BiDi can: its node serialization with includeShadowTree 'all' names closed roots too, and
// script.callFunction runs on one by its sharedId, for this test only (the page never gets it).
const json = (v) => (v?.type === 'string' ? JSON.parse(v.value) : undefined);

/** Runs `fn(root, arg)` (source or function) on the shadow root of `[data-postguard=kind]`; undefined when there is none. */
export async function inSurface(page, kind, fn, arg) {
  const bidi = page.browser().connection;
  const target = { context: page.mainFrame()._id };
  const { result: host } = await bidi.send('script.evaluate', {
    expression: `document.querySelector('[data-postguard="${kind}"]')`, target, awaitPromise: false,
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
  });
  const shadow = host.type === 'success' ? host.result?.value?.shadowRoot : null;
  if (!shadow?.sharedId) return undefined;
  const { result } = await bidi.send('script.callFunction', {
    functionDeclaration: `function (arg) { return JSON.stringify((${fn})(this, JSON.parse(arg))); }`,
    this: { sharedId: shadow.sharedId }, arguments: [{ type: 'string', value: JSON.stringify(arg ?? null) }],
    target, awaitPromise: true,
  });
  if (result.type !== 'success') throw new Error(`in the ${kind}: ${JSON.stringify(result.exceptionDetails ?? result)}`);
  return json(result.result);
}

const inPanel = (page, css, body) => inSurface(page, 'panel',
  `(root, css) => { const el = root.querySelector(css); return (${body})(el); }`, css);

/** Waits until the panel holds `css` (visible); polls: BiDi has no wait for a closed root. */
export async function waitInPanel(page, css, timeout = 10_000) {
  for (const end = Date.now() + timeout; ;) {
    if (await inPanel(page, css, '(el) => Boolean(el?.checkVisibility())').catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for the panel's ${css}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A real mouse click at the centre of the panel's `css`, once enabled and armed (data-guard). */
export async function clickInPanel(page, css, timeout = 10_000) {
  for (const end = Date.now() + timeout; ;) {
    const at = await inPanel(page, css, `(el) => {
      if (!el?.checkVisibility() || el.disabled || (el.dataset.guard && el.dataset.guard !== 'armed')) return null;
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }`).catch(() => null);
    if (at) return page.mouse.click(at.x, at.y);
    if (Date.now() > end) throw new Error(`timed out waiting to click the panel's ${css}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const PANEL_FINDING = (section) => `[role="alertdialog"] li[data-section="${section}"]`;
export const PANEL_BUTTON = (action) => `button[data-action="${action}"]`;
