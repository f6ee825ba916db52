// Serves the fixture sites by Host header, with the real sites' strict CSP on every HTML page.
// Chromium reaches it through --host-resolver-rules (x.com, www.facebook.com -> 127.0.0.1:port).
// One port speaks both HTTPS and HTTP: www.facebook.com is HSTS-preloaded in Chromium, so
// http:// is upgraded to https:// before any request leaves the browser (the harness ignores
// certificate errors for the self-signed certificate made here).
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { generate } from 'selfsigned';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('./fixtures/dist/', import.meta.url));
// A hostile page (issue 13, tests/e2e/hostile.test.mjs): any page asked for with ?hostile gets
// this script first in its <head>, before the site's own.
const HOSTILE = fileURLToPath(new URL('./fixtures/hostile/attacks.js', import.meta.url));
const hostile = (html) => html.replace(/<head>/, '<head><script src="/hostile/attacks.js"></script>');

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'";
// The sites of issue #3 (tests/e2e/sites.test.mjs): single-page apps, so every path serves the app.
const spaSites = {
  'www.instagram.com': 'instagram', 'accountscenter.instagram.com': 'instagram', 'www.linkedin.com': 'linkedin',
  'www.youtube.com': 'youtube', 'bsky.app': 'bluesky', 'mastodon.social': 'mastodon', 'www.threads.com': 'threads',
  'www.reddit.com': 'reddit', 'www.tiktok.com': 'tiktok', 'nextdoor.com': 'nextdoor',
};
export const FIXTURE_HOSTS = ['x.com', 'www.facebook.com', 'login.westalliswi.gov', ...Object.keys(spaSites)];

// No inline <script>: the CSP would block it, exactly as on the real sites.
const shell = (title, rootId, bundle, css = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
${css && `<link rel="stylesheet" href="/assets/${css}">`}
<script src="/assets/${bundle}" defer></script></head>
<body><div id="${rootId}"></div></body></html>`;

// Facebook's other surfaces (fixtures/facebook/more.js, sites.test.mjs): post page, group, Messenger, settings.
const facebookMore = /^\/([\w.]+\/posts\/\d+|groups\/[\w.]+|messages\/t\/\d+|settings)$/;
const sites = {
  'x.com': {
    page: (p) => p === '/home' || p === '/settings/email' || /^\/\w+\/status\/\d+$/.test(p) ||
      p === '/i/flow/login' || /^\/\w+$/.test(p), // login and profiles: actions-worktime-password.test.mjs
    html: shell('Home / X', 'react-root', 'x.js', 'x.css'),
    assets: ['x.js', 'x.css', 'x.js.map', 'x.css.map'],
  },
  'www.facebook.com': {
    page: (p) => p === '/' || p === '/login' || facebookMore.test(p),
    html: (p) => (p === '/login' ? shell('Log in to Facebook', 'root', 'facebook-login.js')
      : facebookMore.test(p) ? shell('Facebook', 'root', 'facebook-more.js') : shell('Facebook', 'root', 'facebook.js')),
    assets: ['facebook.js', 'facebook.js.map', 'facebook-login.js', 'facebook-login.js.map', 'facebook-more.js', 'facebook-more.js.map'],
  },
};

for (const [host, app] of Object.entries(spaSites)) {
  sites[host] = {
    page: (p) => !p.startsWith('/assets/') && p !== '/favicon.ico',
    html: shell(app, app === 'mastodon' ? 'mastodon' : 'root', `${app}.js`),
    assets: [`${app}.js`, `${app}.js.map`, `${app}.css`, `${app}.css.map`],
  };
}

// The City's own sign-in page (issue #4, §6.4.1.2: PostGuard remembers the City password here
// as a salted hash). Plain HTML and no script, like a typical single sign-on page; the form
// posts to /signed-in.
const cityPage = (body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>City of West Allis sign-in</title></head>
<body>${body}</body></html>`;
sites['login.westalliswi.gov'] = {
  page: (p) => p === '/' || p === '/signed-in',
  html: (p) => cityPage(p === '/signed-in' ? '<h1 id="signed-in">Signed in</h1>' : `<h1>City of West Allis</h1>
<form method="post" action="/signed-in" id="sign-in">
<label>City email <input type="email" name="username" autocomplete="username"></label>
<label>Password <input type="password" name="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button></form>`),
  assets: [],
};

const TYPES = { js: 'text/javascript', css: 'text/css', map: 'application/json', json: 'application/json', woff2: 'font/woff2' };

// The lab (issue 12, tests/e2e/submit.test.mjs, editors.test.mjs, drift.test.mjs): plain pages,
// one script each from fixtures/lab/, on any fixture host: /lab/NAME?... runs fixtures/lab/NAME.js.
// The rich editors are served as their npm packages ship them (self-hosted, as a City would).
const LAB = fileURLToPath(new URL('./fixtures/lab/', import.meta.url));
const MODULES = fileURLToPath(new URL('../../node_modules/', import.meta.url));
const VENDOR = ['ckeditor5/dist/browser/', 'trix/dist/', 'tinymce/', 'quill1/dist/'];
const labPage = (name) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>lab ${name}</title>
<link rel="stylesheet" href="/lab/lab.css">
<script type="module" src="/lab/${name}.js"></script></head>
<body><div id="root"></div></body></html>`;
async function lab(pathname, res) {
  const html = /^\/lab\/([\w-]+)$/.exec(pathname);
  if (html) {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store' });
    return res.end(labPage(html[1]));
  }
  const file = /^\/lab\/([\w-]+\.(?:js|css))$/.exec(pathname)?.[1];
  const vendor = pathname.startsWith('/vendor/') && pathname.slice(8);
  const from = file ? LAB + file
    : vendor && !vendor.includes('..') && VENDOR.some((v) => vendor.startsWith(v)) ? MODULES + vendor : null;
  if (!from) return false;
  const body = await readFile(from);
  res.writeHead(200, { 'Content-Type': TYPES[from.split('.').pop()] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
  return res.end(body);
}

async function handle(req, res, aliases = {}) {
  const named = (req.headers.host || '').replace(/:\d+$/, '');
  const host = aliases[named] ?? named;
  const site = sites[host];
  const { pathname, searchParams } = new URL(req.url, 'http://fixture');
  if (site && (pathname.startsWith('/lab/') || pathname.startsWith('/vendor/')) && (await lab(pathname, res)) !== false) return;
  if (site && site.page(pathname)) {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store' });
    const html = typeof site.html === 'function' ? site.html(pathname) : site.html;
    return res.end(searchParams.has('hostile') ? hostile(html) : html);
  }
  if (site && pathname === '/hostile/attacks.js') {
    res.writeHead(200, { 'Content-Type': TYPES.js, 'Cache-Control': 'no-store' });
    return res.end(await readFile(HOSTILE));
  }
  const asset = pathname.startsWith('/assets/') && pathname.slice(8);
  if (site && site.assets.includes(asset)) {
    const body = await readFile(dist + asset); // throws (-> 500) if fixtures were not built
    res.writeHead(200, { 'Content-Type': TYPES[asset.split('.').pop()], 'Cache-Control': 'no-store' });
    return res.end(body);
  }
  if (site && pathname === '/favicon.ico') return res.writeHead(204).end(); // keeps consoles quiet
  res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
}

/** @param {{aliases?: Record<string, string>}} opts  aliases: more hostnames serving a fixture host's pages
 *   (e.g. another Mastodon server, which PostGuard only reaches once the user grants it) */
export async function startServer({ aliases = {} } = {}) {
  const app = (req, res) => handle(req, res, aliases).catch((e) => { res.writeHead(500).end(String(e)); });
  const pems = await generate([{ name: 'commonName', value: 'postguard-fixtures' }], {
    keyType: 'ec', algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: FIXTURE_HOSTS.map((value) => ({ type: 2, value })) }],
  });
  const plain = http.createServer(app);
  const secure = https.createServer({ key: pems.private, cert: pems.cert }, app);
  const sockets = new Set();
  // Peek at the first byte: 0x16 starts a TLS handshake, anything else is plain HTTP.
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (buf) => {
      socket.pause();
      socket.unshift(buf);
      (buf[0] === 0x16 ? secure : plain).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
