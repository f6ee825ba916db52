// Renders the toolbar and store icons from the one SVG source, extension/icons/icon.svg, with
// resvg (npm @resvg/resvg-js, pinned in package.json): icon-N.png and, for a tab where a City
// account is active (worker/icon.js), active-N.png, the same shield with a dot. Called by
// build.sh as `node scripts/icons.mjs OUT_DIR`; the output is the same bytes every run.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

export const SIZES = [16, 32, 48, 128];
// A green dot with a white ring in the bottom-right corner: visible at 16 px.
const DOT = '<circle cx="100" cy="100" r="26" fill="#1a7f37" stroke="#fff" stroke-width="8"/>';

const out = process.argv[2];
if (!out) throw new Error('usage: node scripts/icons.mjs OUT_DIR');
const source = readFileSync(new URL('../extension/icons/icon.svg', import.meta.url), 'utf8');
if (!source.includes('<!--active-->')) throw new Error('icon.svg lost its <!--active--> marker');
const variants = { icon: source, active: source.replace('<!--active-->', DOT) };
mkdirSync(out, { recursive: true });
for (const [name, svg] of Object.entries(variants)) {
  for (const size of SIZES) {
    const png = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng();
    writeFileSync(path.join(out, `${name}-${size}.png`), png);
  }
}
