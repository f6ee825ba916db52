// Generates src/generated-pii.jsonl: personal data (§6.5.2.6) inside natural sentences on City
// accounts, beside look-alikes that are not personal data (near-misses). Deterministic: a fixed
// seed, so `node tests/corpus/generate.mjs` rewrites the same file byte for byte.
//
// Valid numbers follow the real rules: SSNs never have area 000, 666 or 900-999, group 00 or
// serial 0000; cards are Luhn-valid with real issuer prefixes (Visa 4, Mastercard 51-55 and
// 2221-2720, Amex 34/37, Discover 6011/65); routing numbers carry the ABA checksum and a real
// Federal Reserve prefix; private phones avoid the City's 414-302 exchange and 555.
// Look-alikes: case, permit and incident numbers shaped like SSNs; Luhn-valid order and
// confirmation numbers with no issuer prefix; a card's last four digits; public hotlines.
import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const SEED = 1317;

// mulberry32: small, fast and the same on every machine.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(SEED);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const digits = (n) => Array.from({ length: n }, () => int(0, 9)).join('');
const pad = (n, w) => String(n).padStart(w, '0');

export function ssnValid(s) {
  const m = s.replace(/\D/g, '').match(/^(\d{3})(\d{2})(\d{4})$/);
  if (!m) return false;
  const [, a, g, n] = m;
  return a !== '000' && a !== '666' && a[0] !== '9' && g !== '00' && n !== '0000';
}
function ssn() {
  let a;
  do a = int(1, 899);
  while (a === 666);
  return [pad(a, 3), pad(int(1, 99), 2), pad(int(1, 9999), 4)];
}
export function luhn(num) {
  let sum = 0;
  const d = num.replace(/\D/g, '');
  for (let i = 0; i < d.length; i++) {
    let x = Number(d[d.length - 1 - i]);
    if (i % 2 === 1) {
      x *= 2;
      if (x > 9) x -= 9;
    }
    sum += x;
  }
  return sum % 10 === 0;
}
function luhnComplete(prefix, len) {
  let body = prefix + digits(len - prefix.length - 1);
  for (let c = 0; c <= 9; c++) if (luhn(body + c)) return body + c;
  throw new Error('unreachable');
}
const ISSUERS = [
  ['Visa', () => '4', 16],
  ['Mastercard', () => String(int(51, 55)), 16],
  ['Mastercard', () => String(int(2221, 2720)), 16],
  ['Amex', () => pick(['34', '37']), 15],
  ['Discover', () => '6011', 16],
  ['Discover', () => '65', 16],
];
function card() {
  const [brand, pre, len] = pick(ISSUERS);
  const n = luhnComplete(pre(), len);
  const fmt =
    len === 15
      ? `${n.slice(0, 4)} ${n.slice(4, 10)} ${n.slice(10)}`
      : pick([n.match(/.{4}/g).join(' '), n.match(/.{4}/g).join('-'), n]);
  return { brand, n, fmt };
}
/** Luhn-valid, 16 digits, but starting with a digit no card issuer uses (0, 1, 7, 8, 9). */
function orderNumber() {
  return luhnComplete(pick(['0', '1', '7', '8', '9']) + digits(1), 16);
}
export function abaValid(r) {
  const d = r.split('').map(Number);
  if (d.length !== 9) return false;
  const s = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
  return s % 10 === 0;
}
function routing() {
  const prefix = pad(pick([int(1, 12), int(21, 32)]), 2);
  for (;;) {
    const r = prefix + digits(6);
    for (let c = 0; c <= 9; c++) if (abaValid(r + c)) return r + c;
  }
}
function privatePhone() {
  const area = pick(['414', '262', '414', '414', '608']);
  let ex;
  do ex = int(201, 989);
  while (ex === 302 || ex === 555 || ex % 100 === 11);
  return pick([`${area}-${ex}-${digits(4)}`, `(${area}) ${ex}-${digits(4)}`, `${area}.${ex}.${digits(4)}`]);
}

const FIRST = ['Maria', 'James', 'Tamika', 'Dale', 'Nguyen', 'Fatima', 'Kevin', 'Rosa', 'Tyrone', 'Heather', 'Luis', 'Agnieszka', 'Brian', 'Shanice', 'Tom', 'Mai', 'Gerald', 'Destiny', 'Omar', 'Linda', 'Pawel', 'Yesenia', 'Rick', 'Hlee', 'Deborah', 'Marcus', 'Ingrid', 'Jamal', 'Kathy', 'Xiong'];
const LAST = ['Kowalczyk', 'Johnson', 'Vang', 'Schmidt', 'Hernandez', 'Nowicki', 'Williams', 'Thao', 'Mueller', 'Rodriguez', 'Brzezinski', 'Jackson', 'Lor', 'Gutierrez', 'Krueger', 'Ali', 'Olson', 'Washington', 'Zielinski', 'Moua', 'Peterson', 'Ramirez', 'Wojciechowski', 'Her', 'Becker'];
const name = () => `${pick(FIRST)} ${pick(LAST)}`;
const HONOR = ['Mr.', 'Mrs.', 'Ms.', 'resident', 'patient'];

const CITY = {
  city: { handle: 'CityofWestAllis', name: 'City of West Allis' },
  wapd: { handle: 'WestAllisPolice', name: 'West Allis Police Department' },
  health: { handle: 'WestAllisHealth', name: 'West Allis Health Department' },
  clerk: { handle: 'CityofWestAllisClerk', name: 'West Allis City Clerk' },
  dpw: { handle: 'CityofWestAllisDPW', name: 'West Allis Public Works' },
  court: { handle: 'CityofWestAllisCourt', name: 'West Allis Municipal Court' },
};
const PLATFORMS = ['facebook', 'x', 'instagram', 'nextdoor', 'facebook'];

// Sentence frames, written by hand; each takes the generated values it needs.
const SSN_FRAMES = [
  (n, s) => `Found a wallet at Greenfield Park with a Social Security card for ${n}, SSN ${s}. Come claim it at the front desk.`,
  (n, s) => `Correction to yesterday's list: ${n} (SSN ${s}) was added to the utility refund roster.`,
  (n, s) => `Please verify the applicant: ${n}, social security number ${s}, DOB on file.`,
  (n, s) => `${n}'s social security # is ${s}, per the intake form. Forwarding for the benefits check.`,
  (n, s) => `Lost and found: documents belonging to ${n} (${s}) were turned in at City Hall.`,
  (n, s) => `SSN: ${s}\nName: ${n}\nReason for visit: tax payment plan`,
  (n, s) => `Reminder to ${n}: bring your SSN card (${s}) to the Clerk's office to finish your application.`,
  (n, s) => `Posting the winning raffle ticket holder for verification: ${n}, soc sec ${s}.`,
  (n, s) => `We received a W-9 for ${n} with SSN ${s}; the vendor payment will go out Friday.`,
  (n, s) => `The employee in question, ${n} (SSN: ${s}), has been notified.`,
  (n, s) => `Can someone help ${n}? She says her Social Security Number ${s} was rejected on the portal.`,
  (n, s) => `Returned mail for ${n}, social security ${s}, will be held for 30 days.`,
  (n, s) => `${n} ${s} — please update the payroll record.`,
  (n, s) => `Ssn ${s} belongs to ${n}, the complainant in the water billing dispute.`,
  (n, s) => `Para ${n}: su número de seguro social ${s} ya está registrado.`,
];
const SSN_LOOKALIKE = [
  (s) => `Case #${s} has been closed. Thank you to everyone who called in tips.`,
  (s) => `Building permit No. ${s} for the new library branch was issued today.`,
  (s) => `Incident ${s}: a downed tree on S. 76th St. has been cleared.`,
  (s) => `Your reference number is ${s}. Keep it for your records when you call about the bulk pickup.`,
  (s) => `Ordinance ${s} on short-term rentals takes effect January 1.`,
  (s) => `Work order ${s} is complete: the streetlight on Lapham is fixed.`,
  (s) => `Citation numbers beginning with ${s.slice(0, 3)} were printed with the wrong court date; a corrected notice (ref. ${s}) is in the mail.`,
  (s) => `Police report ${s} is available from Records with a valid ID.`,
  (s) => `Contract ${s} for the 2026 resurfacing program was awarded Tuesday.`,
  (s) => `Parcel ID ${s}: public hearing on the variance is March 3.`,
  (s) => `Grant award ${s} will fund 40 new street trees.`,
  (s) => `Tracking number ${s} for the lost-and-found return.`,
];
const CARD_FRAMES = [
  (n, c) => `Refund issued for ${n}'s pool pass to ${c.brand} card ${c.fmt}.`,
  (n, c) => `Payment received from ${n}, card ${c.fmt}, for the shelter rental. Thank you!`,
  (n, c) => `Whoever left a ${c.brand} at the library: card number ${c.fmt}, name ${n}. Stop by the desk.`,
  (n, c) => `Declined transaction for ${n}: ${c.fmt} exp 09/28. Please call the Treasurer.`,
  (n, c) => `Customer ${n} paid the water bill with ${c.fmt} twice, refunding one.`,
  (n, c) => `Card on file for the ${n} account: ${c.fmt}`,
  (n, c) => `Found in the parking lot: a ${c.brand} card ${c.fmt}. ${n}, it's at City Hall.`,
  (n, c) => `Testing the new payment kiosk with ${c.fmt}... ${n}, is this yours?`,
  (n, c) => `${c.fmt} (${n}) was used for the permit fee.`,
];
const ORDER_FRAMES = [
  (o) => `Your online payment confirmation number is ${o}. Keep it until your receipt arrives.`,
  (o) => `Order ${o} for the new recycling carts has shipped and should arrive next week.`,
  (o) => `Reservation confirmation ${o}: Shelter 3, Radtke Park, July 11.`,
  (o) => `Purchase order ${o} for road salt was approved by the Council.`,
  (o) => `The bid tracking number for the pool renovation is ${o}.`,
  (o) => `Confirmation #${o}: your bulk pickup is scheduled.`,
];
const LAST4 = [
  (n, c) => `A refund for the card ending in ${c.n.slice(-4)} was processed. Thank you for your patience.`,
  (n, c) => `If your receipt shows a card ending in ${c.n.slice(-4)} charged twice, please call the Treasurer's Office.`,
  (n, c) => `Payments made with cards ending in ${c.n.slice(-4)} on June 3 may show a duplicate pending charge; it will drop off.`,
];
const BANK_FRAMES = [
  (n, r, a) => `Direct deposit for ${n}: routing ${r}, account ${a}. Please confirm with payroll.`,
  (n, r, a) => `Refund to ${n} by ACH: ABA ${r}, checking account ${a}.`,
  (n, r, a) => `${n} asked us to change the autopay bank. New routing number ${r}, acct ${a}.`,
  (n, r, a) => `Vendor banking info for ${n} Landscaping: RTN ${r} / account no. ${a}`,
  (n, r, a) => `Bank: Associated, routing ${r}, account number ${a}, holder ${n}.`,
];
const PHONE_FRAMES = [
  (h, n, p) => `${h} ${n} called about the tree. You can reach her at ${p} if you live nearby and want to help.`,
  (h, n, p) => `The lost dog's owner, ${n}, asks you to call ${p} if you see Buster.`,
  (h, n, p) => `${n} of 64th St. is the block captain for National Night Out; text her at ${p}.`,
  (h, n, p) => `Complaint filed by ${h} ${n} (cell ${p}) about the noise on Orchard St.`,
  (h, n, p) => `Need a ride to the polls? Volunteer ${n} offers rides, call ${p}.`,
  (h, n, p) => `Witness ${n} can be reached at ${p}, officers please follow up.`,
  (h, n, p) => `${n} found a wallet near the pool. Call him at ${p} to claim it.`,
  (h, n, p) => `The family of ${n} is looking for their cat. Phone: ${p}`,
  (h, n, p) => `${h} ${n} asked for a callback about her permit at ${p}.`,
];
const HOTLINES = [
  'In an emergency, always call 911.',
  'For non-emergencies call 414-302-8000, any time.',
  'Questions about garbage pickup? Call 311 from any Milwaukee County phone, or 414-302-8800.',
  'The 988 Suicide & Crisis Lifeline is free and confidential. Call or text 988.',
  'Need food, rent or utility help? Dial 211 to reach IMPACT 2-1-1.',
  'Report a gas leak to We Energies at 800-261-5325, then leave the house.',
  'The National Domestic Violence Hotline is open 24/7 at 1-800-799-7233.',
  'Poison Control: 1-800-222-1222. Save it in your phone.',
  'City Hall main number: (414) 302-8200.',
  'The Health Department can be reached at 414.302.8600 on weekdays.',
  "Report a pothole at 414-302-8800 or online.",
  'Wisconsin Elder Abuse hotline: 833-586-0107.',
  'SAMHSA National Helpline: 1-800-662-4357, free and confidential, 24/7.',
  'Report fraud to the State\'s consumer protection hotline, 800-422-7128.',
];

const cases = [];
// Every case from one sentence frame shares a group, so split.mjs keeps a frame in one split
// and the test split measures frames nobody tuned on, not just new digits.
function add(kind, expect, forbid, account, frame, text, gen) {
  cases.push({
    text: text[0].toUpperCase() + text.slice(1),
    platform: pick(PLATFORMS),
    account: CITY[account],
    expect,
    forbid,
    kind,
    source: `generated-pii:${gen}`,
    group: `${gen}-${frame}`,
  });
}
const acct = () => pick(Object.keys(CITY));

for (let i = 0; i < 45; i++) {
  const [a, g, n] = ssn();
  const s = pick([`${a}-${g}-${n}`, `${a}-${g}-${n}`, `${a} ${g} ${n}`, `${a}${g}${n}`]);
  if (!ssnValid(s)) throw new Error(s);
  add('violation', ['6.5.2.6'], ['*'], acct(), i % SSN_FRAMES.length, SSN_FRAMES[i % SSN_FRAMES.length](name(), s), 'ssn');
}
for (let i = 0; i < 40; i++) {
  const s = `${pad(int(100, 899), 3)}-${pad(int(10, 99), 2)}-${pad(int(1000, 9999), 4)}`;
  add('near-miss', [], ['6.5.2.6', '*'], acct(), i % SSN_LOOKALIKE.length, SSN_LOOKALIKE[i % SSN_LOOKALIKE.length](s), 'ssn-shaped-reference');
}
for (let i = 0; i < 40; i++) {
  const c = card();
  if (!luhn(c.n)) throw new Error(c.n);
  add('violation', ['6.5.2.6'], ['*'], acct(), i % CARD_FRAMES.length, CARD_FRAMES[i % CARD_FRAMES.length](name(), c), 'card');
}
for (let i = 0; i < 30; i++) {
  const o = orderNumber();
  add('near-miss', [], ['6.5.2.6', '*'], acct(), i % ORDER_FRAMES.length, ORDER_FRAMES[i % ORDER_FRAMES.length](o), 'luhn-order-number');
}
for (let i = 0; i < 9; i++) {
  add('near-miss', [], ['6.5.2.6', '*'], acct(), i % LAST4.length, LAST4[i % LAST4.length](name(), card()), 'card-last-four');
}
for (let i = 0; i < 30; i++) {
  const r = routing();
  add('violation', ['6.5.2.6'], ['*'], acct(), i % BANK_FRAMES.length, BANK_FRAMES[i % BANK_FRAMES.length](name(), r, digits(int(8, 12))), 'routing-account');
}
for (let i = 0; i < 36; i++) {
  add('violation', ['6.5.2.6'], ['*'], acct(), i % PHONE_FRAMES.length, PHONE_FRAMES[i % PHONE_FRAMES.length](pick(HONOR), name(), privatePhone()), 'private-phone');
}
for (let i = 0; i < HOTLINES.length; i++) {
  add('near-miss', [], ['6.5.2.6', '*'], acct(), i, HOTLINES[i], 'public-hotline');
}

const out = cases.map((c, i) => JSON.stringify({ id: `generated-pii-${pad(i + 1, 4)}`, ...c })).join('\n') + '\n';
fs.writeFileSync(path.join(here, 'src', 'generated-pii.jsonl'), out);
console.log(`generated-pii: ${cases.length} cases`);
