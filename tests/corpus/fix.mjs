// Edits labels of existing cases in src/*.jsonl by id: node fix.mjs ID field=JSON ...
// (e.g. node fix.mjs conduct-0021 'allow=["6.4"]'), so a relabel never retypes the text.
import fs from 'node:fs';
import path from 'node:path';
const here = path.dirname(new URL(import.meta.url).pathname);
const [id, ...sets] = process.argv.slice(2);
const file = path.join(here, 'src', `${id.replace(/-\d+$/, '')}.jsonl`);
const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const c = lines.find((x) => x.id === id);
if (!c) throw new Error(`no case ${id}`);
for (const s of sets) {
  const i = s.indexOf('=');
  c[s.slice(0, i)] = JSON.parse(s.slice(i + 1));
}
fs.writeFileSync(file, lines.map((x) => JSON.stringify(x)).join('\n') + '\n');
console.log(JSON.stringify(c));
