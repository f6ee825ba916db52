// Real personal writing from the npm package nlp-corpus (a devDependency; version recorded in
// each case's source and in the README): informal SMS-style messages and first-person posts,
// chosen deterministically by index, written to src/nlp-corpus.jsonl. On a City account each is
// a §6.4 personal-context violation; on a personal account (two picks in three) it is clean.
// Usage: node tests/corpus/nlp.mjs
import fs from 'node:fs';
import path from 'node:path';
import { all } from 'nlp-corpus';

const here = path.dirname(new URL(import.meta.url).pathname);
// The package does not export its package.json; read it from node_modules.
const VERSION = JSON.parse(
  fs.readFileSync(path.join(here, '..', '..', 'node_modules', 'nlp-corpus', 'package.json'), 'utf8'),
).version;
const CITY_N = 200;
const PERSONAL_N = 400;

// Informal personal writing: SMS shorthand, or a first-person sentence.
const SMS = /\b(lor|lah|leh|haha\w*|dun|juz|tmr|nite|ur|u|wan|lol|oso|mah|liao|sian|shiok|okie|abt|pls|thk|wat)\b/i;
const FIRST = /^(I|I'm|I’m|I've|I'd|My|Me|Honestly|Yeah|Lol|Haha|Ok|Okay|Omg|Idk|Tbh)\b/;
// Unusable here: numbers (possible phones or ids), links, lyrics and transcripts, and anything
// offensive beyond the policy's sections or touching another section (sex, slurs, profanity,
// violence, drugs, politics, religion, health), so the only label left is §6.4.
const BLOCK = new RegExp(
  '\\b(' +
    [
      'fuck\\w*', 'shit\\w*', 'damn\\w*', 'hell', 'crap\\w*', 'bitch\\w*', 'ass\\w*', 'dick\\w*', 'piss\\w*', 'bastard\\w*',
      'sex\\w*', 'porn\\w*', 'naked', 'nude\\w*', 'horny', 'boob\\w*', 'tits?', 'pussy', 'cock\\w*', 'cum', 'slut\\w*',
      'whore\\w*', 'hooker\\w*', 'kiss\\w*', 'bed', 'sleep with', 'hot', 'sexy', 'steamy', 'doll', 'lover\\w*', 'babe',
      'nigg\\w*', 'gay', 'fag\\w*', 'retard\\w*', 'fat', 'ugly', 'stupid', 'idiot\\w*', 'moron\\w*', 'dumb\\w*', 'loser\\w*', 'hate\\w*',
      'kill\\w*', 'die', 'dies', 'died', 'dead', 'death', 'murder\\w*', 'gun\\w*', 'shoot\\w*', 'blood\\w*', 'rape\\w*', 'suicide',
      'drug\\w*', 'weed', 'high', 'drunk', 'beer\\w*', 'wine', 'vodka', 'alcohol', 'trip\\w*', 'acid', 'mdma', 'lsd', 'jail',
      'god', 'jesus', 'church', 'pray\\w*', 'allah', 'obama', 'bush', 'trump', 'president', 'congress', 'vote\\w*', 'war',
      'terror\\w*', 'america\\w*', 'nation\\w*', 'government', 'tax\\w*', 'film', 'movie', 'actor\\w*', 'episode', 'cast',
      'sick', 'hospital', 'doctor', 'cancer', 'pregnant', 'pain', 'stomach', 'medicine', 'jap', 'chinese', 'malay\\w*',
      'indian', 'black', 'white', 'yeah yeah', 'baby', 'girl', 'boy', 'ma', 'mi', 'jeopardy',
    ].join('|') +
    ')\\b',
  'i',
);
// Read by eye after selection: kept out by index because they read as something other than a
// person's own everyday message (quiz clues, fiction, jokes with a punchline about others).
// An excluded pick is replaced by the next usable candidate, so one exclusion never reshuffles
// the rest of the selection.
const EXCLUDE = new Set([
  // offensive or beyond the policy's sections: violence, drugs, sexual jokes, a slur the filter missed
  1006, 3019, 13796, 26351, 21861, 26892, 33650, 16607, 27777, 3250, 5064, 28145, 28470, 29214,
  // health, work records or politics, which would bring another section's label
  4196, 13190, 24370, 25078, 24126, 16461, 2541, 22157,
  // quiz clues, encyclopedia text, lyrics and fiction: not a person's own message
  725, 4031, 5284, 3492, 6824, 10375, 16762, 16997, 19686, 19997, 20815, 22034, 29034, 31311, 34406,
  4278, 9353, 12093, 15731, 19107, 21391, 23450, 30686, 35291, 3635, 11956, 35060,
  // second reading, after the review and lyric filters
  86537, 21406, 9549, 26759, 7744, 23547, 36439, 10916, 18924, 49058, 26485, 44586, 39750, 35772,
  29169, 33195, 24804, 12023, 16553, 22448, 47618, 64187, 70124, 73282, 74127, 89490, 97301, 30269,
  50322, 49899, 67324, 49157, 88708, 24559, 14693, 22168, 29863, 27852, 33548, 34276, 5366, 5460,
  9245, 11422, 11573, 36719, 42967, 48890, 84043, 90124, 33566, 39755, 97360, 67376, 14696, 67475, 47623,
  // third reading, after the selection grew to 600
  5967, 8164, 11166, 10648, 42457, 48475, 51669, 7783, 30759, 3725, 6223, 14664, 15120, 46982, 8744, 50429,
  9019, 31609, 8587, 20567, 17644, 7662, 40518, 46569, 22638, 41035, 37022, 13661, 43036, 43580, 38613, 41404,
  10064, 17146, 21157, 44036, 24858, 89422, 93373, 98152, 19411, 49087, 36037, 28612, 30202, 30682, 31371,
  32550, 34477, 35822, 27662, 46460, 85919, 12664, 23603, 81880, 83807, 84740, 73399, 11445, 28922, 64718,
  53193, 59627, 63932, 68541, 54917, 65995, 79716, 82715, 95998, 47421, 10333, 37786, 76493, 39318, 20062,
  4714, 9299, 12764, 21764, 21817, 22772, 40884, 46922, 3448, 13402, 28465, 33246, 35245, 35193, 94434,
  6237, 8747, 32573, 28473, 79772, 73888, 39331, 83037, 55132, 84747, 76645, 47455, 42458, 51690, 46996, 69091, 3726, 42460, 79774,
]);

// Film and restaurant reviews and song lines read as a critic's or a singer's, not a message.
const REVIEW = /\b(films?|movies?|director|vhs|sequel|characters?|role|horror|trailer|scenes?|plot|actress|song|album|lyrics?|gonna be|wanna|gotta|ain't|tryna|gon'|'bout|restaurant|menu|server|waiter|ordered|dish|cafe|staff|review\w*|recommend\w*)\b/i;

function usable(s) {
  return (
    s.length >= 25 &&
    s.length <= 300 &&
    !/\d{3}/.test(s) &&
    !/https?:|www\.|@|#/.test(s) &&
    !/["“”]/.test(s) &&
    !BLOCK.test(s) &&
    !REVIEW.test(s) &&
    !/U\.[SK]\./.test(s) &&
    (SMS.test(s) ||
      (FIRST.test(s) && /\b(I|my|me|I'm|I’m)\b/.test(s) && /[.!?)]$/.test(s.trim()) && !/\((ooh|yeah|woah|mind|word)/i.test(s)))
  );
}

const texts = all();
const cands = [];
for (let i = 0; i < texts.length; i++) if (usable(texts[i])) cands.push(i);
// Spread over the whole package: every k-th candidate (the next one if excluded).
const want = CITY_N + PERSONAL_N;
const step = cands.length / want;
const taken = new Set();
const chosen = Array.from({ length: want }, (_, k) => {
  let j = Math.floor(k * step);
  while (EXCLUDE.has(cands[j]) || taken.has(cands[j])) j++;
  taken.add(cands[j]);
  return cands[j];
});

const CITY = [
  { handle: 'CityofWestAllis', name: 'City of West Allis' },
  { handle: 'WestAllisPolice', name: 'West Allis Police Department' },
  { handle: 'WestAllisLibrary', name: 'West Allis Public Library' },
  { handle: 'WestAllisHealth', name: 'West Allis Health Department' },
  { handle: 'CityofWestAllisRec', name: 'West Allis Recreation' },
  { handle: 'WestAllisFire', name: 'West Allis Fire Department' },
];
const PERSONAL = [
  { handle: 'kasia.w', name: 'Kasia W' },
  { handle: 'bigmike_mke', name: 'Mike T' },
  { handle: 'sunflower_deb', name: 'Debbie' },
  { handle: 'jlo414', name: 'Jorge L' },
  { handle: 'tinkerbelle88', name: 'Tina' },
];
const PLATFORMS = ['facebook', 'x', 'instagram', 'threads', 'bluesky'];

const out = chosen.map((idx, k) => {
  const city = k % 3 === 0; // one in three on a City account
  const list = city ? CITY : PERSONAL;
  return {
    id: `nlp-corpus-${String(k + 1).padStart(4, '0')}`,
    text: texts[idx],
    platform: PLATFORMS[k % PLATFORMS.length],
    account: list[k % list.length],
    expect: city ? ['6.4'] : [],
    forbid: ['*'],
    kind: city ? 'violation' : 'clean',
    source: `nlp-corpus@${VERSION}#${idx}`,
  };
});
fs.writeFileSync(path.join(here, 'src', 'nlp-corpus.jsonl'), out.map((c) => JSON.stringify(c)).join('\n') + '\n');
console.log(`nlp-corpus@${VERSION}: ${cands.length} usable of ${texts.length}; wrote ${out.length} (${out.filter((c) => c.kind === 'violation').length} on City accounts)`);
