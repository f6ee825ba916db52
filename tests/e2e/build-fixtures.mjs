// Bundles the fixture apps (real Draft.js / Lexical editors) into fixtures/dist/.
// Offline and idempotent: esbuild only reads node_modules. Run: npm run fixtures
import { build } from 'esbuild';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export const distDir = here + 'fixtures/dist';
// The sites of issue #3, each a small SPA built on fixtures/kit/ (see sites.test.mjs).
const SPA_SITES = ['instagram', 'linkedin', 'youtube', 'bluesky', 'mastodon', 'threads', 'reddit', 'tiktok', 'nextdoor'];

export async function buildFixtures() {
  const { outputFiles } = await build({
    write: false,
    absWorkingDir: here,
    entryPoints: {
      x: 'fixtures/x/app.jsx', facebook: 'fixtures/facebook/app.js', 'facebook-login': 'fixtures/facebook/login.js', 'facebook-more': 'fixtures/facebook/more.js',
      ...Object.fromEntries(SPA_SITES.map((s) => [s, `fixtures/${s}/app.js`])),
    },
    outdir: distDir,
    bundle: true,
    format: 'iife', // served as external <script src> files: the fixture CSP forbids inline scripts
    target: 'chrome120',
    jsx: 'automatic',
    minify: false, // readable stack traces when a fixture misbehaves
    sourcemap: 'linked',
    // Production builds of React/Lexical, as on the real sites; fbjs/Draft.js expect `global`.
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    logLevel: 'warning',
  });
  // Write only what changed, via rename, so a test process reading dist/ never sees a half-written file.
  await mkdir(distDir, { recursive: true });
  for (const f of outputFiles) {
    const old = await readFile(f.path).catch(() => null);
    if (old && Buffer.compare(old, f.contents) === 0) continue;
    const tmp = `${f.path}.${process.pid}.tmp`;
    await writeFile(tmp, f.contents);
    await rename(tmp, f.path);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t = Date.now();
  await buildFixtures();
  console.log(`fixtures built in ${Date.now() - t} ms -> ${distDir}`);
}
