//! Word lists that see through the tricks people use to get words past filters:
//! look-alike letters (Cyrillic "а", full-width "ｆ", 𝐛𝐨𝐥𝐝, accents, zero-width joiners),
//! leet ("sh1t", "a$$"), masks ("f*ck"), stretching ("fuuuck") and spacing ("f u c k",
//! "f.u.c.k"). Matching stays whole-word, so "Essex", "assessment" and "Scunthorpe" are
//! never hits; phrases on the allow list ("Dick's Sporting Goods") overrule hits they cover.

use crate::digits::is_invisible;
use crate::lexicon::{Hit, Lexicon};
use crate::policy::WordGroup;
use crate::text::Word;
use std::borrow::Cow;
use std::cell::OnceCell;

/// Accented Latin letters U+00C0..=U+024F and U+1E00..=U+1EFF, by their base letter
/// ('.' = none), from the Unicode decompositions.
const LATIN_A: &str = "aaaaaa.ceeeeiiii.nooooo..uuuuy..aaaaaa.ceeeeiiii.nooooo..uuuuy.yaaaaaaccccccccdd..eeeeeeeeeegggggggghh..iiiiiiiii...jjkk.llllll....nnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzz.................................oo.............uu............................aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa....aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............................";
const LATIN_B: &str = "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwy......aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......";

/// What one character of a word becomes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Folded {
    Letter(char),
    /// A digit or symbol that may stand for a letter: '4' or '@' for 'a'.
    Leet(char),
    /// A masking character: "f*ck".
    Mask,
    /// Invisible or a combining mark: leave it out.
    Drop,
    /// Anything else (emoji, other scripts).
    Other,
}

fn table(t: &str, i: u32) -> Option<char> {
    t.as_bytes()
        .get(i as usize)
        .map(|&b| b as char)
        .filter(|&c| c != '.')
}

/// The Latin letter `c` looks like, if any.
fn base_letter(c: char) -> Option<char> {
    let cp = c as u32;
    if c.is_ascii_alphabetic() {
        return Some(c.to_ascii_lowercase());
    }
    let letter = match cp {
        0xC0..=0x24F => table(LATIN_A, cp - 0xC0),
        0x1E00..=0x1EFF => table(LATIN_B, cp - 0x1E00),
        // Full-width Latin.
        0xFF21..=0xFF3A => char::from_u32(cp - 0xFF21 + 'a' as u32),
        0xFF41..=0xFF5A => char::from_u32(cp - 0xFF41 + 'a' as u32),
        // Mathematical bold, italic, script, fraktur, double-struck, sans, monospace:
        // runs of 52 letters, A-Z then a-z.
        0x1D400..=0x1D6A3 => char::from_u32((cp - 0x1D400) % 26 + 'a' as u32),
        // Circled, parenthesised, squared and regional-indicator letters.
        0x249C..=0x24B5 => char::from_u32(cp - 0x249C + 'a' as u32),
        0x24B6..=0x24CF => char::from_u32(cp - 0x24B6 + 'a' as u32),
        0x24D0..=0x24E9 => char::from_u32(cp - 0x24D0 + 'a' as u32),
        0x1F130..=0x1F149 => char::from_u32(cp - 0x1F130 + 'a' as u32),
        0x1F150..=0x1F169 => char::from_u32(cp - 0x1F150 + 'a' as u32),
        0x1F170..=0x1F189 => char::from_u32(cp - 0x1F170 + 'a' as u32),
        0x1F1E6..=0x1F1FF => char::from_u32(cp - 0x1F1E6 + 'a' as u32),
        _ => None,
    };
    if letter.is_some() {
        return letter;
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    Some(match lower {
        // Letters without a decomposition.
        'ø' => 'o',
        'đ' | 'ð' => 'd',
        'ħ' => 'h',
        'ł' | 'ŀ' => 'l',
        'ı' => 'i',
        'ſ' => 's',
        'ŧ' => 't',
        // Cyrillic look-alikes.
        'а' => 'a',
        'в' | 'ь' => 'b',
        'е' | 'ё' | 'є' => 'e',
        'к' => 'k',
        'м' => 'm',
        'н' | 'һ' => 'h',
        'о' => 'o',
        'п' => 'n',
        'р' => 'p',
        'с' => 'c',
        'т' => 't',
        'у' => 'y',
        'х' => 'x',
        'і' | 'ї' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'ԁ' => 'd',
        'ԛ' => 'q',
        'ԝ' | 'ш' => 'w',
        'ӏ' => 'l',
        'г' => 'r',
        // Greek look-alikes.
        'α' => 'a',
        'β' => 'b',
        'γ' => 'y',
        'ε' => 'e',
        'η' => 'n',
        'ι' => 'i',
        'κ' => 'k',
        'ν' => 'v',
        'ο' | 'σ' => 'o',
        'ρ' => 'p',
        'τ' => 't',
        'υ' | 'μ' => 'u',
        'χ' => 'x',
        'ω' => 'w',
        'ς' => 'c',
        // Armenian look-alikes.
        'ս' => 'u',
        'օ' => 'o',
        'ո' => 'n',
        'հ' => 'h',
        'ց' => 'g',
        // Small capitals and IPA.
        'ᴀ' | 'ɑ' => 'a',
        'ʙ' => 'b',
        'ᴄ' => 'c',
        'ᴅ' => 'd',
        'ᴇ' => 'e',
        'ꜰ' => 'f',
        'ɢ' | 'ɡ' => 'g',
        'ʜ' => 'h',
        'ɪ' => 'i',
        'ᴊ' => 'j',
        'ᴋ' => 'k',
        'ʟ' => 'l',
        'ᴍ' => 'm',
        'ɴ' => 'n',
        'ᴏ' => 'o',
        'ᴘ' => 'p',
        'ʀ' => 'r',
        'ꜱ' => 's',
        'ᴛ' => 't',
        'ᴜ' => 'u',
        'ᴠ' => 'v',
        'ᴡ' => 'w',
        'ʏ' => 'y',
        'ᴢ' => 'z',
        _ => return None,
    })
}

fn fold_char(c: char) -> Folded {
    // ASCII first, without the look-alike tables.
    if c.is_ascii_alphabetic() {
        return Folded::Letter(c.to_ascii_lowercase());
    }
    if c.is_ascii_digit() {
        return Folded::Leet(c);
    }
    if !c.is_ascii() {
        if let Some(l) = base_letter(c) {
            return Folded::Letter(l);
        }
    }
    if is_invisible(c)
        || matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
    {
        return Folded::Drop;
    }
    if let Some(d) = crate::digits::decimal(c) {
        return Folded::Leet((b'0' + d) as char);
    }
    match c {
        '*' | '#' | '•' | '●' | '×' => Folded::Mask,
        '@' | '$' | '!' | '|' | '+' | '€' | '£' | '¢' | '§' | '(' | '<' => Folded::Leet(c),
        '\'' | '’' | 'ʼ' => Folded::Drop,
        _ => Folded::Other,
    }
}

/// The letter a leet character stands for; `alt` picks the other reading of 1, ! and |.
fn leet(c: char, alt: bool) -> Option<char> {
    Some(match c {
        '4' | '@' => 'a',
        '8' => 'b',
        '(' | '<' | '¢' => 'c',
        '3' | '€' => 'e',
        '6' | '9' => 'g',
        '1' | '!' => {
            if alt {
                'l'
            } else {
                'i'
            }
        }
        '|' | '£' => {
            if alt {
                'i'
            } else {
                'l'
            }
        }
        '0' => 'o',
        '5' | '$' | '§' => 's',
        '7' | '+' => 't',
        '2' => 'z',
        _ => return None,
    })
}

/// A draft's words in folded forms, as lexicon words; the vectors run in parallel.
/// Folded once per draft and shared by every [`WordList`] that looks at it.
pub struct Tokens<'a> {
    words: Vec<Word<'a>>,
    /// The other reading of 1, ! and |, where the word has them.
    alt: Vec<Option<String>>,
    /// With letters repeated three times or more squeezed to one ("fuuuck"), if any were.
    squeezed: Vec<Option<String>>,
    masked: Vec<bool>,
    text: &'a str,
    /// The words in their other forms, as lexicon words; made on first use.
    alt_words: OnceCell<Vec<Word<'a>>>,
    squeezed_words: OnceCell<Vec<Word<'a>>>,
}

impl<'a> Tokens<'a> {
    /// Folds a draft: look-alikes, leet, masks, stretching and spacing undone.
    pub fn new(text: &'a str) -> Tokens<'a> {
        tokens(text)
    }

    /// The words in another form; a word without one matches nothing in that pass.
    fn other(&self, forms: &[Option<String>]) -> Vec<Word<'a>> {
        self.words
            .iter()
            .zip(forms)
            .map(|(w, f)| Word {
                raw: w.raw,
                lower: Cow::Owned(f.clone().unwrap_or_default()),
                start: w.start,
                end: w.end,
                bytes: w.bytes.clone(),
            })
            .collect()
    }

    fn alt_words(&self) -> Option<&[Word<'a>]> {
        self.alt.iter().any(Option::is_some).then(|| {
            self.alt_words
                .get_or_init(|| self.other(&self.alt))
                .as_slice()
        })
    }

    fn squeezed_words(&self) -> Option<&[Word<'a>]> {
        self.squeezed.iter().any(Option::is_some).then(|| {
            self.squeezed_words
                .get_or_init(|| self.other(&self.squeezed))
                .as_slice()
        })
    }
}

/// A folded piece of a draft: its byte range, folded form, other reading, and whether
/// it had masked letters.
struct Piece<'a> {
    bytes: std::ops::Range<usize>,
    form: Cow<'a, str>,
    alt: Option<String>,
    masked: bool,
}

/// Folds one piece of a draft: "Sh1t" -> "shit", "ｆ*ｃｋ" -> "f*ck" (masked).
fn fold(raw: &str) -> Option<(Cow<'_, str>, Option<String>, bool)> {
    let raw = raw
        .strip_suffix("'s")
        .or_else(|| raw.strip_suffix("’s"))
        .unwrap_or(raw);
    if !raw.is_empty() && is_plain(raw) {
        return Some((crate::text::lower_case(raw), None, false));
    }
    // Emoji and other scripts are left out: "fuck😀" is still the word.
    let (mut letters, mut has_alt) = (0, false);
    for f in raw.chars().map(fold_char) {
        match f {
            Folded::Letter(_) => letters += 1,
            // "@$$" is a word, though it has no letter.
            Folded::Leet(c) if !c.is_ascii_digit() => letters += 1,
            _ => {}
        }
        if let Folded::Leet(c) = f {
            has_alt |= leet(c, false) != leet(c, true);
        }
    }
    // "911" and "2024" stay numbers: leet needs a letter or a symbol.
    if letters == 0 {
        let digits: String = raw
            .chars()
            .filter_map(|c| crate::digits::decimal(c).map(|d| (b'0' + d) as char))
            .collect();
        return (!digits.is_empty()).then_some((Cow::Owned(digits), None, false));
    }
    let mut masked = false;
    let mut primary = String::with_capacity(raw.len());
    let mut alt = has_alt.then(|| String::with_capacity(raw.len()));
    for f in raw.chars().map(fold_char) {
        let (p, a) = match f {
            Folded::Letter(c) => (c, c),
            Folded::Leet(c) => (leet(c, false).unwrap_or('?'), leet(c, true).unwrap_or('?')),
            Folded::Mask => {
                masked = true;
                ('*', '*')
            }
            Folded::Drop | Folded::Other => continue,
        };
        primary.push(p);
        if let Some(alt) = alt.as_mut() {
            alt.push(a);
        }
    }
    Some((Cow::Owned(primary), alt, masked))
}

/// Squeezes runs of three or more of the same letter to one, if there are any.
fn squeeze(word: &str) -> Option<String> {
    let b = word.as_bytes();
    if !b.windows(3).any(|w| w[0] == w[1] && w[1] == w[2]) {
        return None;
    }
    let mut out = String::new();
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        let mut run = 1;
        while chars.next_if_eq(&c).is_some() {
            run += 1;
        }
        let keep = if run >= 3 { 1 } else { run };
        out.extend(std::iter::repeat_n(c, keep));
    }
    Some(out)
}

/// Squeezes every run of a repeated letter to one: the form list words are compared in
/// when a draft's word was stretched ("asss" and "ass" both become "as").
fn squeeze_all(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Characters that join the letters of a spelled-out word: "f.u.c.k", "f-u-c-k".
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '-' | '_' | '.' | '/' | ',' | '~' | ':' | ';' | '"' | '…' | '‐' | '–' | '—'
    )
}

/// Punctuation around a word that is no part of it.
fn is_edge(c: char) -> bool {
    is_joiner(c)
        || matches!(
            c,
            '.' | ','
                | '!'
                | '?'
                | ';'
                | ':'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '"'
                | '\''
                | '“'
                | '”'
                | '‘'
                | '’'
                | '…'
                | '@'
                | '#'
                | '¡'
                | '¿'
        )
}

/// ASCII letters only, as most words of most drafts are: nothing to trim, split or fold.
fn is_plain(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphabetic())
}

/// The part of a chunk inside its edge punctuation, and where it starts.
fn trim_edges(chunk: &str) -> (usize, &str) {
    if is_plain(chunk) {
        return (0, chunk);
    }
    // Edges go ("(shit!)" is "shit"); inside, '!' and '$' may be letters ("sh!t", "a$$").
    // A leading '@' marks a mention ("@jane") unless a leet word follows ("@$$").
    let mut inner_start = 0;
    let mut cs = chunk.char_indices().peekable();
    while let Some((i, c)) = cs.next() {
        let leet_at = c == '@' && cs.peek().is_some_and(|&(_, n)| !n.is_alphabetic());
        if !is_edge(c) || leet_at {
            break;
        }
        inner_start = i + c.len_utf8();
    }
    let inner = chunk[inner_start..].trim_end_matches(|c: char| is_edge(c) || c == '!');
    (inner_start, inner)
}

/// Folds the pieces of one whitespace-free chunk of a draft (at byte `base`) into `out`.
fn fold_chunk<'a>(chunk: &'a str, base: usize, out: &mut Pieces<'a>) {
    let (inner_start, inner) = trim_edges(chunk);
    let base = base + inner_start;
    let mut push = |off: usize, len: usize, raw: &'a str| {
        if let Some((form, alt, masked)) = fold(raw) {
            out.push(Piece {
                bytes: base + off..base + off + len,
                form,
                alt,
                masked,
            });
        }
    };
    if is_plain(inner) || !inner.contains(is_joiner) {
        push(0, inner.len(), inner);
        return;
    }
    let parts = || split_keep(inner, is_joiner).filter(|(_, p)| !p.is_empty());
    // "f.u.c.k": three or more one-letter parts are one spelled-out word.
    if parts().count() >= 3 && parts().all(|(_, p)| p.chars().count() == 1) {
        let joined: String = parts().map(|(_, p)| p).collect();
        let (first, last) = (parts().next(), parts().last());
        if let (Some(first), Some(last)) = (first, last) {
            let end = last.0 + last.1.len();
            if let Some((form, alt, masked)) = fold(&joined) {
                out.push(Piece {
                    bytes: base + first.0..base + end,
                    form: Cow::Owned(form.into_owned()),
                    alt,
                    masked,
                });
            }
        }
        return;
    }
    for (off, part) in parts() {
        push(off, part.len(), part);
    }
}

/// Is this piece one letter (or leet character) on its own, like each of "f u c k"?
fn is_single(p: &Piece) -> bool {
    let mut cs = p.form.chars();
    cs.next().is_some_and(|c| !c.is_ascii_digit()) && cs.next().is_none()
}

/// A draft's pieces in order, with runs of one-letter pieces ("f u c k") joined as they
/// come, so a long draft's pieces are moved once.
#[derive(Default)]
struct Pieces<'a> {
    done: Vec<Piece<'a>>,
    singles: Vec<Piece<'a>>,
}

impl<'a> Pieces<'a> {
    fn push(&mut self, p: Piece<'a>) {
        if is_single(&p) {
            self.singles.push(p);
        } else {
            flush_singles(&mut self.singles, &mut self.done);
            self.done.push(p);
        }
    }

    fn finish(mut self) -> Vec<Piece<'a>> {
        flush_singles(&mut self.singles, &mut self.done);
        self.done
    }
}

/// Joins a run of one-letter pieces into one word if there are three or more.
fn flush_singles<'a>(run: &mut Vec<Piece<'a>>, out: &mut Vec<Piece<'a>>) {
    if run.len() >= 3 {
        let alt = run.iter().any(|p| p.alt.is_some()).then(|| {
            run.iter()
                .map(|p| p.alt.as_deref().unwrap_or(&p.form))
                .collect()
        });
        out.push(Piece {
            bytes: run[0].bytes.start..run[run.len() - 1].bytes.end,
            form: run.iter().map(|p| p.form.as_ref()).collect(),
            alt,
            masked: run.iter().any(|p| p.masked),
        });
        run.clear();
    } else {
        out.append(run);
    }
}

/// The draft's words in folded forms, with spelled-out words joined.
fn tokens(text: &str) -> Tokens<'_> {
    let mut pieces = Pieces::default();
    for chunk in text.split_whitespace() {
        fold_chunk(
            chunk,
            chunk.as_ptr() as usize - text.as_ptr() as usize,
            &mut pieces,
        );
    }
    let merged = pieces.finish();
    // UTF-16 spans, counted forward once.
    let (mut counted, mut utf16) = (0, 0);
    let mut out = Tokens {
        words: Vec::with_capacity(merged.len()),
        alt: Vec::with_capacity(merged.len()),
        squeezed: Vec::with_capacity(merged.len()),
        masked: Vec::with_capacity(merged.len()),
        text,
        alt_words: OnceCell::new(),
        squeezed_words: OnceCell::new(),
    };
    for p in merged {
        utf16 += crate::text::utf16_len(&text[counted..p.bytes.start]);
        let start = utf16;
        utf16 += crate::text::utf16_len(&text[p.bytes.clone()]);
        counted = p.bytes.end;
        out.squeezed.push(squeeze(&p.form));
        out.alt.push(p.alt);
        out.masked.push(p.masked);
        out.words.push(Word {
            raw: &text[p.bytes.clone()],
            lower: p.form,
            start,
            end: utf16,
            bytes: p.bytes,
        });
    }
    out
}

/// `s` split at `sep` characters, with each part's byte offset.
fn split_keep(s: &str, sep: fn(char) -> bool) -> impl Iterator<Item = (usize, &str)> {
    let base = s.as_ptr() as usize;
    s.split(sep).map(move |p| (p.as_ptr() as usize - base, p))
}

/// A listed word found in a draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<'a> {
    /// Index of its group in the list.
    pub group: usize,
    /// The words as typed.
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Groups of phrases, compiled for evasion-proof matching.
#[derive(Debug, Clone, Default)]
pub struct WordList {
    plain: Lexicon,
    squeezed: Lexicon,
    /// One-word phrases ending in '*' ("fuck*"), plain and squeezed, by first letter and
    /// longest first: kept out of the lexicons, which would try each at every word.
    prefixes: Prefixes,
    squeezed_prefixes: Prefixes,
    /// One-word phrases, for masked matching: (word, is a prefix, group).
    singles: Vec<(String, bool, usize)>,
    /// The group of the allowed phrases in `plain`.
    allow_group: usize,
    /// Per group, the context it needs (`WordGroup::only_with`); empty = none.
    only_with: Vec<Vec<String>>,
}

/// Word prefixes by their first byte (folded words are ASCII), each bucket longest first.
#[derive(Debug, Clone)]
struct Prefixes(Vec<Vec<(String, usize)>>);

impl Default for Prefixes {
    fn default() -> Self {
        Prefixes(vec![Vec::new(); 128])
    }
}

impl Prefixes {
    fn add(&mut self, prefix: String, group: usize) {
        let Some(bucket) = prefix
            .as_bytes()
            .first()
            .and_then(|&b| self.0.get_mut(usize::from(b)))
        else {
            return;
        };
        // Longest first; among equals, in the order added.
        let at = bucket.partition_point(|(p, _)| p.len() >= prefix.len());
        bucket.insert(at, (prefix, group));
    }

    /// The group of the longest prefix `word` starts with.
    fn find(&self, word: &str) -> Option<usize> {
        let bucket = self.0.get(usize::from(*word.as_bytes().first()?))?;
        bucket
            .iter()
            .find(|(p, _)| word.starts_with(p.as_str()))
            .map(|&(_, g)| g)
    }
}

/// A phrase folded the way drafts are, so "dick's sporting goods" matches what people type.
fn fold_phrase(phrase: &str) -> String {
    let star = phrase.trim_end().ends_with('*');
    let mut words: Vec<String> = tokens(phrase.trim_end_matches('*'))
        .words
        .into_iter()
        .map(|w| w.lower.into_owned())
        .collect();
    if star {
        if let Some(w) = words.last_mut() {
            w.push('*');
        }
    }
    words.join(" ")
}

impl WordList {
    pub fn new(groups: &[WordGroup], allow: &[String]) -> WordList {
        let mut list = WordList::default();
        let mut plain: Vec<Vec<String>> = Vec::new();
        let mut squeezed: Vec<Vec<String>> = Vec::new();
        list.only_with = groups
            .iter()
            .map(|g| g.only_with.iter().map(|w| w.to_lowercase()).collect())
            .collect();
        for (gi, g) in groups.iter().enumerate() {
            let (mut p, mut q) = (Vec::new(), Vec::new());
            for phrase in g.phrases.iter().map(|p| fold_phrase(p)) {
                let one_word = !phrase.contains(' ');
                match phrase.strip_suffix('*') {
                    Some(prefix) if one_word => {
                        list.prefixes.add(prefix.to_string(), gi);
                        list.squeezed_prefixes.add(squeeze_all(prefix), gi);
                        list.singles.push((prefix.to_string(), true, gi));
                    }
                    _ => {
                        if one_word {
                            list.singles.push((phrase.clone(), false, gi));
                        }
                        q.push(squeeze_all(&phrase));
                        p.push(phrase);
                    }
                }
            }
            plain.push(p);
            squeezed.push(q);
        }
        let lex = |v: &[Vec<String>]| Lexicon::new(v.iter().map(|g| g.iter().map(String::as_str)));
        list.allow_group = plain.len();
        plain.push(allow.iter().map(|p| fold_phrase(p)).collect());
        list.plain = lex(&plain);
        list.squeezed = lex(&squeezed);
        list
    }

    /// Hits of one-word prefixes ("fuck*" in "fucking") over words in one of their forms.
    fn prefix_hits<'w>(
        map: &Prefixes,
        forms: impl Iterator<Item = Option<&'w str>>,
        hits: &mut Vec<Hit>,
    ) {
        for (i, form) in forms.enumerate() {
            if let Some(group) = form.and_then(|w| map.find(w)) {
                hits.push(Hit {
                    group,
                    first: i,
                    last: i + 1,
                });
            }
        }
    }

    /// Listed phrases in `text`, in order, none overlapping and none covered by an
    /// allowed phrase. Linear in the text's length.
    pub fn find<'a>(&self, text: &'a str) -> Vec<Found<'a>> {
        self.find_in(&Tokens::new(text))
    }

    /// Like [`WordList::find`], over a draft already folded.
    pub fn find_in<'a>(&self, t: &Tokens<'a>) -> Vec<Found<'a>> {
        // The allowed phrases are the plain lexicon's last group: where one overlaps a
        // listed phrase the longer wins, and allowed hits are dropped at the end.
        let mut hits = self.plain.find(&t.words);
        let primary = t.words.iter().map(|w| Some(w.lower.as_ref()));
        Self::prefix_hits(&self.prefixes, primary, &mut hits);
        if let Some(alt_words) = t.alt_words() {
            hits.extend(self.plain.find(alt_words));
            let alt = t.alt.iter().map(Option::as_deref);
            Self::prefix_hits(&self.prefixes, alt, &mut hits);
        }
        if let Some(squeezed_words) = t.squeezed_words() {
            hits.extend(self.squeezed.find(squeezed_words));
            let sq = t.squeezed.iter().map(Option::as_deref);
            Self::prefix_hits(&self.squeezed_prefixes, sq, &mut hits);
        }
        for (i, w) in t.words.iter().enumerate().filter(|&(i, _)| t.masked[i]) {
            let hit = self
                .singles
                .iter()
                .find(|(s, prefix, _)| unmask(&w.lower, s, *prefix));
            if let Some(&(_, _, group)) = hit {
                hits.push(Hit {
                    group,
                    first: i,
                    last: i + 1,
                });
            }
        }
        // A group that needs a context (`only_with`) the draft lacks never hid anything.
        let lower = OnceCell::new();
        let in_context = |group: usize| match self.only_with.get(group) {
            Some(needs) if !needs.is_empty() => {
                let lower: &String = lower.get_or_init(|| t.text.to_lowercase());
                needs.iter().any(|n| lower.contains(n.as_str()))
            }
            _ => true,
        };
        hits.retain(|h| in_context(h.group));
        // Leftmost first, longest first; drop what overlaps an earlier hit.
        hits.sort_by_key(|h| (h.first, std::cmp::Reverse(h.last)));
        let mut kept: Vec<Hit> = Vec::new();
        for h in hits {
            if kept.last().is_none_or(|k| h.first >= k.last) {
                kept.push(h);
            }
        }
        kept.into_iter()
            .filter(|h| h.group != self.allow_group)
            .map(|h| {
                let (a, b) = (&t.words[h.first], &t.words[h.last - 1]);
                Found {
                    group: h.group,
                    text: &t.text[a.bytes.start..b.bytes.end],
                    start: a.start,
                    end: b.end,
                }
            })
            .collect()
    }
}

/// Does a masked word ("f*ck", "f**king") spell `word` (or, for a `prefix`, start with
/// it) with letters hidden? The first letter must show, and at least half of the letters.
fn unmask(masked: &str, word: &str, prefix: bool) -> bool {
    let (m, w): (Vec<char>, Vec<char>) = (masked.chars().collect(), word.chars().collect());
    let len_ok = if prefix {
        m.len() >= w.len()
    } else {
        m.len() == w.len()
    };
    let shown = m.iter().filter(|&&c| c != '*').count();
    len_ok
        && m[0] != '*'
        && shown * 2 >= m.len()
        && m.iter().zip(&w).all(|(&a, &b)| a == '*' || a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<String> {
        tokens(text)
            .words
            .into_iter()
            .map(|w| w.lower.into_owned())
            .collect()
    }

    #[test]
    fn folds_lookalikes_leet_and_spacing() {
        assert_eq!(forms("Ｆｕｃｋ"), ["fuck"]);
        assert_eq!(forms("fսck"), ["fuck"], "Armenian");
        assert_eq!(forms("ѕhіt"), ["shit"], "Cyrillic");
        assert_eq!(forms("𝐬𝐡𝐢𝐭"), ["shit"], "math bold");
        assert_eq!(forms("shít"), ["shit"]);
        assert_eq!(
            forms("s\u{0336}h\u{0336}i\u{0336}t"),
            ["shit"],
            "strike-through marks"
        );
        assert_eq!(forms("sh\u{200B}it"), ["shit"], "zero-width space");
        assert_eq!(forms("Sh1t! a$$"), ["shit", "ass"]);
        assert_eq!(forms("f u c k you"), ["fuck", "you"]);
        assert_eq!(forms("f.u.c.k"), ["fuck"]);
        assert_eq!(forms("f*ck"), ["f*ck"]);
        assert_eq!(forms("Dick's Sporting"), ["dick", "sporting"]);
        assert_eq!(forms("Call 911, now!"), ["call", "911", "now"]);
    }

    #[test]
    fn spans_point_at_what_was_typed() {
        let t = tokens("😀 f u c k!").words;
        assert_eq!((t[0].start, t[0].end, t[0].raw), (3, 10, "f u c k"));
    }

    #[test]
    fn squeezes_only_stretched_runs() {
        assert_eq!(squeeze("fuuuuck").as_deref(), Some("fuck"));
        assert_eq!(squeeze("assss").as_deref(), Some("as"));
        assert_eq!(squeeze("ass"), None);
        assert_eq!(squeeze_all("ass"), "as");
    }

    #[test]
    fn masks_need_the_first_letter_and_half_the_letters() {
        assert!(unmask("f*ck", "fuck", false));
        assert!(unmask("f**k", "fuck", false));
        assert!(unmask("f*cking", "fuck", true));
        assert!(!unmask("f*cking", "fuck", false));
        assert!(!unmask("****", "fuck", false));
        assert!(!unmask("f***", "fuck", false));
        assert!(!unmask("*uck", "fuck", false));
    }
}
