//! A small linear model that reads words in context (issue 11), for the rules whose phrase
//! lists cannot tell what a word is doing: §6.4 personal context on a City account, §6.5.2.5
//! campaigning, §6.4.1.1 speaking for the City and §6.4.1.4 City business on personal accounts.
//!
//! One logistic regression per [`Head`] over hashed features: word unigrams and bigrams (digit
//! runs folded to `0`, so "#VoteBlue2026" generalises), a few word classes (first person,
//! kinship, civic vocabulary), punctuation and emoji density, quotation and signature shapes,
//! and the policy's own phrase-list score for that rule, so IT's lists keep their say. Weights
//! are trained from the corpus's train split by `cargo run --release --example train` and
//! stored quantised (one `i8` a bucket) in `weights.bin`, compiled in. A finding quotes the
//! words that weighed most.

use crate::rules::Facts;
use crate::text::Word;
use crate::verdict::Evidence;

/// Hash buckets per head: 2^14 `i8`s, 16 KiB each (mostly zeros, which gzip folds).
pub const BITS: u32 = 14;
pub const BUCKETS: usize = 1 << BITS;
const MAGIC: &[u8; 4] = b"PGM1";
/// Header: magic, bits, head count; then per head a bias, a scale and a threshold (f32 LE).
const HEADER: usize = 6;
const HEAD_META: usize = 12;

static WEIGHTS: &[u8] = include_bytes!("weights.bin");

/// What a head decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    /// §6.4: a City account draft that is the poster's own life, not City business.
    Personal = 0,
    /// §6.5.2.5: campaigning on a City account.
    Political = 1,
    /// §6.4.1.1: a personal post presented as the City's word.
    Official = 2,
    /// §6.4.1.4: City business done from a personal account.
    Business = 3,
}

pub const HEADS: [Head; 4] = [
    Head::Personal,
    Head::Political,
    Head::Official,
    Head::Business,
];

impl Head {
    pub fn name(self) -> &'static str {
        match self {
            Head::Personal => "personal",
            Head::Political => "political",
            Head::Official => "official",
            Head::Business => "business",
        }
    }
}

/// One input: a bucket, its value, and the words it came from (for quoting).
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    pub bucket: u32,
    pub value: f32,
    /// Word indexes `first..last` in [`Facts::words`], for word features.
    pub words: Option<(usize, usize)>,
}

const FNV: u32 = 0x811c_9dc5;

fn mix(mut h: u32, b: u8) -> u32 {
    h ^= u32::from(b);
    h.wrapping_mul(0x0100_0193)
}

/// Hashes a word as the model sees it: lower case, curly apostrophes straight, digit runs `0`.
fn mix_word(mut h: u32, w: &str) -> u32 {
    let mut digit = false;
    for c in w.chars() {
        if c.is_ascii_digit() {
            if !digit {
                h = mix(h, b'0');
            }
            digit = true;
            continue;
        }
        digit = false;
        let c = if c == '\u{2019}' { '\'' } else { c };
        let mut buf = [0; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h = mix(h, b);
        }
    }
    h
}

fn bucket(h: u32) -> u32 {
    // A final avalanche so close hashes spread over the buckets.
    let h = (h ^ (h >> 16)).wrapping_mul(0x045d_9f3b);
    (h ^ (h >> 16)) & (BUCKETS as u32 - 1)
}

/// The bucket of a named structural feature ("__fps").
fn named(name: &str) -> u32 {
    bucket(mix_word(mix(FNV, b'_'), name))
}

fn in_list(w: &str, list: &[&str]) -> bool {
    list.contains(&w)
}

const FIRST_SINGULAR: &[&str] = &[
    "i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll", "im", "ive",
];
const FIRST_PLURAL: &[&str] = &["we", "our", "us", "ours", "we're", "we've", "we'll"];
const SECOND: &[&str] = &["you", "your", "you're", "u", "ur", "ya", "yall", "y'all"];
const KIN: &[&str] = &[
    "mom",
    "mum",
    "mama",
    "dad",
    "papa",
    "sister",
    "sis",
    "brother",
    "bro",
    "wife",
    "husband",
    "hubby",
    "babe",
    "baby",
    "grandma",
    "grandpa",
    "nana",
    "son",
    "daughter",
    "aunt",
    "uncle",
    "cousin",
    "niece",
    "nephew",
    "kids",
    "kiddo",
    "bestie",
    "bff",
    "boyfriend",
    "girlfriend",
    "fiance",
    "fiancé",
    "anniversary",
    "birthday",
    "bday",
    "honey",
    "sweetie",
    "bae",
    "fam",
    "mother",
    "father",
    "grandson",
    "granddaughter",
    "grandkids",
    "inlaws",
    "wedding",
];
const CIVIC: &[&str] = &[
    "city",
    "residents",
    "resident",
    "department",
    "council",
    "permit",
    "permits",
    "public",
    "library",
    "police",
    "fire",
    "street",
    "streets",
    "road",
    "hours",
    "closed",
    "open",
    "crews",
    "crew",
    "services",
    "service",
    "call",
    "visit",
    "info",
    "information",
    "program",
    "meeting",
    "apply",
    "safety",
    "safe",
    "please",
    "reminder",
    "notice",
    "alderman",
    "mayor",
    "clerk",
    "parks",
    "recreation",
    "health",
    "water",
    "collection",
    "snow",
    "parking",
    "ordinance",
    "registration",
    "register",
    "free",
    "community",
    "event",
    "schedule",
];

/// Things residents hold from a City service: "your permit", "your W-2 correction".
const SERVICE_OBJECTS: &[&str] = &[
    "permit",
    "license",
    "licence",
    "inspection",
    "complaint",
    "request",
    "application",
    "ticket",
    "citation",
    "bill",
    "report",
    "pickup",
    "renewal",
    "certificate",
    "claim",
    "appeal",
    "registration",
    "ballot",
    "case",
    "order",
    "refund",
    "payment",
    "assessment",
    "correction",
    "form",
    "plate",
    "variance",
    "reservation",
    "paperwork",
];
/// What staff do to them, in any tense: "is processed", "I'll run it", "I've forwarded".
const STAFF_ACTS: &[&str] = &[
    "processed",
    "process",
    "approved",
    "approve",
    "logged",
    "log",
    "filed",
    "file",
    "issued",
    "issue",
    "scheduled",
    "schedule",
    "forwarded",
    "forward",
    "renewed",
    "denied",
    "waived",
    "waive",
    "run",
    "inspect",
    "reviewed",
    "review",
    "dispatched",
    "dispatch",
    "routed",
    "assigned",
    "submitted",
    "mailed",
    "mail",
    "pull",
    "expedite",
    "expedited",
    "sign",
    "ready",
];
/// An official voice: "official statement", "our official stance", "on behalf of".
const OFFICIAL_VOICE: &[&str] = &[
    "official",
    "officially",
    "statement",
    "stance",
    "behalf",
    "spokesperson",
    "guidance",
    "announcement",
    "authorized",
    "position",
    "per",
    "speaking",
    "posting",
    "spokesman",
    "spokeswoman",
    "on-record",
];
/// What an office does when it takes a position: "the Council has decided".
const DECIDES: &[&str] = &[
    "decided",
    "determined",
    "supports",
    "opposes",
    "condemns",
    "endorses",
    "recommends",
    "announces",
    "rejects",
    "approves",
    "stands",
    "denies",
];
/// Offices a personal post may claim to speak for.
const OFFICES: &[&str] = &[
    "department",
    "dept",
    "wapd",
    "dpw",
    "hall",
    "office",
    "library",
    "council",
    "mayor's",
    "clerk's",
    "police",
    "fire",
    "health",
    "city",
    "staff",
];

/// Words too common to quote as the reason for a finding.
const QUIET: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "by", "with", "is",
    "are", "was", "were", "be", "it", "this", "that", "as", "from", "so", "if", "not", "no", "do",
    "did", "has", "have", "had", "will", "can", "could", "who", "what", "when",
];

fn is_emoji(c: char) -> bool {
    matches!(u32::from(c), 0x1F300..=0x1FAFF | 0x2600..=0x27BF)
}

/// The head-independent features of a draft.
pub fn features(text: &str, words: &[Word]) -> Vec<Feature> {
    let mut out = Vec::with_capacity(words.len() * 2 + 16);
    let mut prev: Option<u32> = None;
    let (mut fps, mut fpp, mut you, mut kin, mut civic) = (0u32, 0u32, 0u32, 0u32, 0u32);
    let (mut served, mut acted, mut voice, mut office) = (0u32, 0u32, 0u32, 0u32);
    // Whether a "your" or a first-person subject came within the last three words.
    let (mut since_your, mut since_me, mut since_office) = (usize::MAX, usize::MAX, usize::MAX);
    for (i, w) in words.iter().enumerate() {
        let lower = w.lower.replace('\u{2019}', "'");
        let word = mix_word(FNV, &lower);
        out.push(Feature {
            bucket: bucket(word),
            value: 1.0,
            words: Some((i, i + 1)),
        });
        if let Some(p) = prev {
            out.push(Feature {
                bucket: bucket(mix_word(mix(p, b' '), &lower)),
                value: 1.0,
                words: Some((i - 1, i + 1)),
            });
        }
        prev = Some(word);
        let l = lower.as_str();
        fps += u32::from(in_list(l, FIRST_SINGULAR));
        fpp += u32::from(in_list(l, FIRST_PLURAL));
        you += u32::from(in_list(l, SECOND));
        kin += u32::from(in_list(l, KIN));
        civic += u32::from(in_list(l, CIVIC));
        let stem = l.trim_end_matches('s');
        if since_your <= 3 && (in_list(l, SERVICE_OBJECTS) || in_list(stem, SERVICE_OBJECTS)) {
            served += 1;
        }
        if in_list(l, STAFF_ACTS) && (since_me <= 3 || since_your <= 6) {
            acted += 1;
        }
        voice +=
            u32::from(in_list(l, OFFICIAL_VOICE) || (since_office <= 3 && in_list(l, DECIDES)));
        let is_office = in_list(l, OFFICES);
        office += u32::from(is_office);
        since_office = if is_office {
            1
        } else {
            since_office.saturating_add(1)
        };
        since_your = if matches!(l, "your" | "ur") {
            1
        } else {
            since_your.saturating_add(1)
        };
        since_me = if in_list(l, FIRST_SINGULAR) || matches!(l, "we" | "we'll" | "we've") {
            1
        } else {
            since_me.saturating_add(1)
        };
    }
    let mut push = |name: &str, value: f32| {
        if value != 0.0 {
            out.push(Feature {
                bucket: named(name),
                value,
                words: None,
            });
        }
    };
    let capped = |n: u32| n.min(4) as f32 / 2.0;
    push("fps", capped(fps));
    push("fpp", capped(fpp));
    push("you", capped(you));
    push("kin", capped(kin));
    push("civic", capped(civic));
    push("nociv", f32::from(civic == 0));
    // Staff doing City business: a resident's permit or request, and what was done to it.
    push("served", capped(served));
    push("acted", capped(acted));
    push("served+acted", f32::from(served > 0 && acted > 0));
    // Speaking for an office: "official statement from City Hall".
    push("voice", capped(voice));
    push("voice+office", f32::from(voice > 0 && office > 0));
    let count = |p: fn(char) -> bool| text.chars().filter(|&c| p(c)).count() as u32;
    push("emoji", capped(count(is_emoji)));
    push("excl", capped(count(|c| c == '!')));
    push("quest", capped(count(|c| c == '?')));
    let quotes = count(|c| matches!(c, '"' | '“' | '”'));
    push("quote", f32::from(quotes >= 2));
    push("short", f32::from(words.len() < 8));
    push("long", f32::from(words.len() > 40));
    // A reply signed "— Name, Title" at the end: staff speaking for their office.
    let tail = text.trim_end();
    let signed = ['—', '–', '~']
        .iter()
        .filter_map(|d| tail.rfind(*d))
        .chain(tail.rfind("\n-"))
        .chain(tail.rfind(" - "))
        .max()
        .is_some_and(|at| tail[at..].split_whitespace().count() <= 8);
    push("signed", f32::from(signed));
    out
}

/// Whether a draft shows the sign a head needs before it may fire: trained on a few dozen
/// positives, the official and business heads also learn their topics ("permits"), so a
/// resident's "Thanks for your request" could score high. Speaking for the City needs an
/// official voice; doing City business needs a staff action.
pub fn may_fire(head: Head, feats: &[Feature]) -> bool {
    let needs = match head {
        Head::Official => "voice",
        Head::Business => "acted",
        Head::Personal | Head::Political => return true,
    };
    let sign = named(needs);
    feats.iter().any(|x| x.bucket == sign)
}

/// The feature that carries the policy's phrase-list score for a head.
pub fn lexicon_feature(score: u32) -> Feature {
    Feature {
        bucket: named("lexicon"),
        value: score.min(4) as f32 / 2.0,
        words: None,
    }
}

/// A head's weights in the compiled-in table, if the table has them.
struct Weights {
    bias: f32,
    scale: f32,
    threshold: f32,
    table: &'static [u8],
}

fn weights(head: Head) -> Option<Weights> {
    let w = WEIGHTS;
    if w.len() < HEADER || &w[..4] != MAGIC || u32::from(w[4]) != BITS {
        return None;
    }
    let heads = usize::from(w[5]);
    let h = head as usize;
    if h >= heads || w.len() < HEADER + heads * (HEAD_META + BUCKETS) {
        return None;
    }
    let meta = HEADER + h * HEAD_META;
    let f = |at: usize| f32::from_le_bytes(w[at..at + 4].try_into().expect("4 bytes"));
    let table = HEADER + heads * HEAD_META + h * BUCKETS;
    Some(Weights {
        bias: f(meta),
        scale: f(meta + 4),
        threshold: f(meta + 8),
        table: &w[table..table + BUCKETS],
    })
}

/// A head's reading of a draft.
#[derive(Debug, Clone)]
pub struct Judgement {
    /// Probability that the head's section applies.
    pub probability: f32,
    pub fires: bool,
    /// The words that weighed most toward firing, strongest first (at most 3).
    pub evidence: Vec<Evidence>,
}

/// Scores a draft's features with a head; `None` when no weights are compiled in.
pub fn judge(f: &Facts, head: Head, lexicon_score: u32) -> Option<Judgement> {
    // Trained on posts: a word or two, or a pasted document, is beyond what it has seen, so
    // the lists decide those alone (and a 64 KB paste costs no model time).
    if !(3..=400).contains(&f.words.len()) {
        return None;
    }
    let w = weights(head)?;
    let mut feats = features(f.text, &f.words);
    feats.push(lexicon_feature(lexicon_score));
    let mut logit = w.bias;
    let mut per_word = vec![0f32; f.words.len()];
    for x in &feats {
        let c = f32::from(w.table[x.bucket as usize] as i8) * w.scale * x.value;
        logit += c;
        if let Some((a, b)) = x.words {
            let share = c / (b - a) as f32;
            per_word[a..b].iter_mut().for_each(|p| *p += share);
        }
    }
    let probability = 1.0 / (1.0 + (-logit).exp());
    // Function words weigh in the sum but explain nothing, so they are not quoted.
    let mut order: Vec<usize> = (0..per_word.len())
        .filter(|&i| per_word[i] > 0.0 && !in_list(&f.words[i].lower, QUIET))
        .collect();
    order.sort_by(|&a, &b| per_word[b].total_cmp(&per_word[a]));
    let evidence = order
        .into_iter()
        .take(3)
        .map(|i| Evidence {
            text: f.words[i].raw.to_string(),
            start: f.words[i].start,
            end: f.words[i].end,
        })
        .collect();
    Some(Judgement {
        probability,
        fires: probability >= w.threshold && may_fire(head, &feats),
        evidence,
    })
}

/// Writes a weight table in the format [`judge`] reads: per head a bias, the weights and a
/// threshold; weights are quantised to `i8` with one scale per head.
pub fn encode(heads: &[(f32, &[f32], f32)]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.push(BITS as u8);
    out.push(heads.len() as u8);
    let scales: Vec<f32> = heads
        .iter()
        .map(|(_, w, _)| w.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-6) / 127.0)
        .collect();
    for ((bias, _, threshold), scale) in heads.iter().zip(&scales) {
        for x in [*bias, *scale, *threshold] {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }
    for ((_, w, threshold), scale) in heads.iter().zip(&scales) {
        // A head that is off (its threshold above any probability) ships zeros, which gzip
        // folds to nothing: its weights would cost the worker's module about 9 KB for no verdict.
        let off = *threshold > 1.0;
        out.extend(w.iter().map(|x| {
            if off {
                0
            } else {
                (x / scale).round().clamp(-127.0, 127.0) as i8 as u8
            }
        }));
    }
    out
}
