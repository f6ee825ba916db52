//! Text scanning shared by the rules: words, email addresses, spans and platform lengths.
//!
//! Spans are UTF-16 code-unit offsets because the browser's strings and selections use them.

use std::borrow::Cow;

/// A word of a draft with its UTF-16 span and its lower-case form.
#[derive(Debug, Clone, PartialEq)]
pub struct Word<'a> {
    pub raw: &'a str,
    /// Borrowed from the draft when the word is already lower case, as most are: a 64 KB
    /// paste is thousands of words, and an allocation each was a fifth of the engine's time.
    pub lower: Cow<'a, str>,
    pub start: usize,
    pub end: usize,
    /// Byte range in the draft, for quoting phrases that span several words.
    pub bytes: std::ops::Range<usize>,
}

/// Letters, digits and inner apostrophes make words ("can't", "70th").
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Iterates the words of `text`, folding typographic apostrophes to `'`.
pub fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    // Byte-wise, decoding only non-ASCII characters: this runs over every draft, and
    // per-character decoding was most of its cost on a long paste.
    let (mut at, mut utf16) = (0usize, 0usize);
    let bytes = text.as_bytes();
    // Steps over ASCII bytes while `keep` holds; ASCII is one UTF-16 unit a byte.
    let ascii_run = move |at: &mut usize, utf16: &mut usize, keep: fn(&u8) -> bool| {
        let n = bytes[*at..]
            .iter()
            .take_while(|b| b.is_ascii() && keep(b))
            .count();
        *at += n;
        *utf16 += n;
    };
    std::iter::from_fn(move || {
        // Skip to the next word start.
        loop {
            ascii_run(&mut at, &mut utf16, |b| !b.is_ascii_alphanumeric());
            let c = char_at(text, at)?;
            if is_word_char(c) {
                break;
            }
            at += c.len_utf8();
            utf16 += c.len_utf16();
        }
        let (start, start16) = (at, utf16);
        loop {
            ascii_run(&mut at, &mut utf16, u8::is_ascii_alphanumeric);
            let Some(c) = char_at(text, at) else { break };
            let next = at + c.len_utf8();
            let inner_apostrophe =
                is_apostrophe(c) && char_at(text, next).is_some_and(is_word_char);
            if !(is_word_char(c) || inner_apostrophe) {
                break;
            }
            at = next;
            utf16 += c.len_utf16();
        }
        let raw = &text[start..at];
        Some(Word {
            raw,
            lower: lower_case(raw),
            start: start16,
            end: utf16,
            bytes: start..at,
        })
    })
}

/// The words of `text`, lower-cased.
pub fn lower_words(text: &str) -> Vec<String> {
    words(text).map(|w| w.lower.into_owned()).collect()
}

/// Does `text` hold one of `phrases` as whole words, in any case ("police department" in
/// "West Allis Police Department")?
pub fn contains_phrase(text: &str, phrases: &[String]) -> bool {
    let words = lower_words(text);
    phrases.iter().any(|p| {
        let pat = lower_words(p);
        !pat.is_empty() && words.windows(pat.len()).any(|w| w == pat.as_slice())
    })
}

/// The character at byte `at` (a character boundary), with a fast path for ASCII.
fn char_at(text: &str, at: usize) -> Option<char> {
    match *text.as_bytes().get(at)? {
        b if b.is_ascii() => Some(b as char),
        _ => text[at..].chars().next(),
    }
}

/// `raw` in lower case with typographic apostrophes as `'`; borrowed when it already is.
pub(crate) fn lower_case(raw: &str) -> Cow<'_, str> {
    // Most words are ASCII: lower-case them without the per-char Unicode path.
    if raw.is_ascii() {
        if raw.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(raw.to_ascii_lowercase())
        } else {
            Cow::Borrowed(raw)
        }
    } else {
        raw.chars()
            .map(|c| if is_apostrophe(c) { '\'' } else { c })
            .flat_map(char::to_lowercase)
            .collect()
    }
}

/// An email address found in text, with its UTF-16 span.
#[derive(Debug, Clone, PartialEq)]
pub struct Email<'a> {
    pub address: &'a str,
    pub start: usize,
    pub end: usize,
}

fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._%+-'".contains(c)
}

fn is_domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '.'
}

/// Finds email addresses by scanning out from each '@'; linear in the text length.
pub fn emails(text: &str) -> Vec<Email<'_>> {
    let mut found = Vec::new();
    let mut consumed = 0; // bytes already claimed by an earlier address
                          // UTF-16 offsets are counted forward once, so the scan stays linear.
    let (mut counted_bytes, mut counted16) = (0, 0);
    let mut utf16_at = |byte: usize| {
        counted16 += utf16_len(&text[counted_bytes..byte]);
        counted_bytes = byte;
        counted16
    };
    for (at, _) in text.match_indices('@') {
        if at < consumed {
            continue;
        }
        let local_start = text[consumed..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_local_char(c))
            .last()
            .map_or(at, |(i, _)| consumed + i);
        let after = &text[at + 1..];
        let domain_len = after
            .char_indices()
            .take_while(|&(_, c)| is_domain_char(c))
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        // A sentence may end right after the address: "write to a@b.gov."
        let domain = after[..domain_len].trim_end_matches(['.', '-']);
        let local = text[local_start..at].trim_start_matches('.');
        let local_start = at - local.len();
        if local.is_empty() || !domain.contains('.') || domain.starts_with('.') {
            continue;
        }
        let end = at + 1 + domain.len();
        let start = utf16_at(local_start);
        found.push(Email {
            address: &text[local_start..end],
            start,
            end: utf16_at(end),
        });
        consumed = end;
    }
    found
}

/// Length of `s` in UTF-16 code units.
pub fn utf16_len(s: &str) -> usize {
    // Counting bytes is enough for ASCII, and is_ascii checks a word at a time.
    if s.is_ascii() {
        return s.len();
    }
    s.chars().map(char::len_utf16).sum()
}

/// How a platform counts characters toward its length limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counting {
    /// Unicode code points.
    CodePoints,
    /// X's weighted count: most Latin text counts 1, CJK and emoji count 2, and every
    /// URL counts 23 (twitter-text v3 configuration).
    XWeighted,
}

/// The length of `text` as the platform counts it.
pub fn platform_length(text: &str, counting: Counting) -> usize {
    match counting {
        Counting::CodePoints => text.chars().count(),
        Counting::XWeighted => x_weighted_length(text),
    }
}

fn x_weighted_length(text: &str) -> usize {
    const URL_WEIGHT: usize = 23;
    let light = |c: char| matches!(c as u32, 0..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037);
    let mut len = 0;
    for token in text.split_inclusive(char::is_whitespace) {
        let bare = token.trim_end();
        if looks_like_url(bare) {
            len += URL_WEIGHT + (token.len() - bare.len());
        } else if token.is_ascii() {
            len += token.len();
        } else {
            len += token
                .chars()
                .map(|c| if light(c) { 1 } else { 2 })
                .sum::<usize>();
        }
    }
    len
}

/// Whether a whitespace-free token is a link, by scheme or "www.".
pub fn looks_like_url(token: &str) -> bool {
    let starts = |prefix: &str| {
        token
            .get(..prefix.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(prefix))
    };
    (starts("https://") || starts("http://") || starts("www.")) && token.len() > 8
}

/// The first sentence of `message`, at most `max` characters (cut at a word, with "…"): how a
/// list that has no room for the whole of a finding shows it (the popup). A sentence ends at
/// ".", "!" or "?" before a space or the end, outside quotation marks (quoted words may hold
/// a full stop).
pub fn first_sentence(message: &str, max: usize) -> String {
    let mut quoted = false;
    let mut end = message.len();
    let mut chars = message.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\u{201C}' => quoted = true,
            '\u{201D}' => quoted = false,
            '.' | '!' | '?' if !quoted && chars.peek().is_none_or(|&(_, n)| n.is_whitespace()) => {
                end = i + c.len_utf8();
                break;
            }
            _ => {}
        }
    }
    let sentence = message[..end].trim();
    if sentence.chars().count() <= max {
        return sentence.to_string();
    }
    let room: String = sentence.chars().take(max.saturating_sub(1)).collect();
    let cut = room
        .rfind(char::is_whitespace)
        .filter(|&i| i > 0)
        .unwrap_or(room.len());
    format!("{}…", room[..cut].trim_end_matches([' ', ',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_stops_at_a_full_stop_outside_quotes_and_at_max() {
        let m = "This has language that is not acceptable: \"St. Louis. ugh\". City accounts must not (§6.5.2.2).";
        assert_eq!(
            first_sentence(m, 120),
            "This has language that is not acceptable: \"St. Louis. ugh\"."
        );
        assert_eq!(
            first_sentence("Add your name (§6.2.6)", 120),
            "Add your name (§6.2.6)"
        );
        let long = "word ".repeat(40);
        let short = first_sentence(&long, 120);
        assert!(
            short.chars().count() <= 120 && short.ends_with("word…"),
            "{short}"
        );
        assert_eq!(first_sentence("Ünïcödé wörds here.", 8), "Ünïcödé…");
    }

    #[test]
    fn words_keep_inner_apostrophes_and_utf16_spans() {
        let w: Vec<_> = words("Can’t wait — 😀 my kids!").collect();
        let lower: Vec<_> = w.iter().map(|w| w.lower.as_ref()).collect();
        assert_eq!(lower, ["can't", "wait", "my", "kids"]);
        // The emoji is two UTF-16 units, so "my" starts at 16, not 15.
        assert_eq!((w[2].start, w[2].end), (16, 18));
    }

    #[test]
    fn finds_emails_with_spans_and_trailing_period() {
        let e = emails("Mail jane.doe@westalliswi.gov. Or x@y");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].address, "jane.doe@westalliswi.gov");
        assert_eq!((e[0].start, e[0].end), (5, 29));
    }

    #[test]
    fn no_email_without_a_dotted_domain() {
        assert!(emails("@CityofWestAllis thanks").is_empty());
        assert!(emails("a@b").is_empty());
    }

    #[test]
    fn x_counts_urls_as_23_and_cjk_as_2() {
        assert_eq!(platform_length("hello", Counting::XWeighted), 5);
        assert_eq!(
            platform_length(
                "see https://www.westalliswi.gov/a/very/long/path",
                Counting::XWeighted
            ),
            4 + 23
        );
        assert_eq!(platform_length("日本", Counting::XWeighted), 4);
        assert_eq!(platform_length("日本", Counting::CodePoints), 2);
    }
}
