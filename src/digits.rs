//! Numbers in drafts as people type them: Unicode digits, and digit groups joined by
//! separators ("078-05-1123", "(414) 302-8200", "４１１１ １１１１ …").
//!
//! Full-width, Arabic-Indic and other decimal digits count as digits, and look-alike
//! dashes, dots and spaces count as separators, so they cannot slip a number past a rule.

/// The first code point (the zero) of every run of ten Unicode decimal digits (category Nd),
/// Unicode 18. Each run holds 0..=9 in order, so a digit's value is its distance from its zero.
const ZEROS: [u32; 77] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x10D40, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0,
    0x11650, 0x116C0, 0x116D0, 0x116DA, 0x11730, 0x118E0, 0x11950, 0x11BF0, 0x11C50, 0x11D50,
    0x11DA0, 0x11DE0, 0x11F50, 0x16130, 0x16A60, 0x16AC0, 0x16B50, 0x16D70, 0x1CCF0, 0x1D7CE,
    0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E5F1, 0x1E950, 0x1FBF0,
];

/// The value of a Unicode decimal digit in any script, like `char::to_digit(10)` beyond ASCII.
pub fn decimal(c: char) -> Option<u8> {
    let cp = c as u32;
    if c.is_ascii() {
        return c.to_digit(10).map(|d| d as u8);
    }
    let i = ZEROS.partition_point(|&z| z <= cp).checked_sub(1)?;
    let d = cp - ZEROS[i];
    (d < 10).then_some(d as u8)
}

/// Zero-width and formatting characters: invisible, so they must not split a number or word.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{034F}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// How two digit groups are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sep {
    Hyphen,
    Dot,
    Space,
    Slash,
    /// ")" or ") " after an area code in parentheses.
    Paren,
}

fn sep_class(c: char) -> Option<Sep> {
    Some(match c {
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
            Sep::Hyphen
        }
        '.' | '\u{2024}' | '\u{FF0E}' => Sep::Dot,
        ' ' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            Sep::Space
        }
        '/' | '\u{2044}' | '\u{2215}' | '\u{FF0F}' => Sep::Slash,
        _ => return None,
    })
}

fn is_open_paren(c: char) -> bool {
    matches!(c, '(' | '\u{FF08}')
}

fn is_close_paren(c: char) -> bool {
    matches!(c, ')' | '\u{FF09}')
}

/// A number as typed: digit groups and the separators between them.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// All digits, as ASCII.
    pub digits: String,
    /// Length of each group of digits.
    pub groups: Vec<usize>,
    /// The separator before each group after the first.
    pub seps: Vec<Sep>,
    /// It starts with "+" (an international phone number).
    pub plus: bool,
    /// Its first group is in parentheses, "(414) 302-8200".
    pub paren: bool,
    /// UTF-16 span, as the browser counts.
    pub start: usize,
    pub end: usize,
    /// Byte span in the text.
    pub bytes: std::ops::Range<usize>,
    /// A letter or digit touches its start or end ("A1234567", "5th"): part of a word.
    pub joined_before: bool,
    pub joined_after: bool,
    /// Each group's UTF-16 and byte span, so a run can be cut into numbers.
    spans: Vec<GroupSpan>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct GroupSpan {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
}

impl Run {
    /// All separators are the same kind (a "078-05.1123" mix is no SSN).
    pub fn uniform_seps(&self) -> Option<Sep> {
        let first = *self.seps.first()?;
        self.seps.iter().all(|&s| s == first).then_some(first)
    }

    /// Is this number part of a word ("A1234567", "5th")?
    pub fn in_word(&self) -> bool {
        self.joined_before || self.joined_after
    }

    /// Groups `from..to` as a number of their own: "4111 1111 1111 1111 078 05 1123" is
    /// one run of spaced groups and holds two numbers.
    pub fn slice(&self, from: usize, to: usize) -> Run {
        let first = self.spans[from];
        let last = self.spans[to - 1];
        let skip: usize = self.groups[..from].iter().sum();
        let len: usize = self.groups[from..to].iter().sum();
        let whole = from == 0;
        Run {
            digits: self.digits[skip..skip + len].to_string(),
            groups: self.groups[from..to].to_vec(),
            seps: self.seps[from..to - 1].to_vec(),
            plus: whole && self.plus,
            paren: whole && self.paren,
            start: if whole { self.start } else { first.start },
            end: if to == self.groups.len() {
                self.end
            } else {
                last.end
            },
            bytes: if whole {
                self.bytes.start
            } else {
                first.byte_start
            }..if to == self.groups.len() {
                self.bytes.end
            } else {
                last.byte_end
            },
            joined_before: whole && self.joined_before,
            joined_after: to == self.groups.len() && self.joined_after,
            spans: self.spans[from..to].to_vec(),
        }
    }
}

/// Can `c` be part of a number as typed?
fn may_be_in_number(c: char) -> bool {
    if c.is_ascii() {
        // The same answer, without the Unicode tables: this runs on every character.
        return matches!(c, '0'..='9' | '-' | '.' | ' ' | '/' | '(' | ')' | '+');
    }
    in_number_class(c)
}

/// A digit, separator, parenthesis, '+' or invisible character.
fn in_number_class(c: char) -> bool {
    decimal(c).is_some()
        || sep_class(c).is_some()
        || is_open_paren(c)
        || is_close_paren(c)
        || c == '+'
        || is_invisible(c)
}

/// Finds every number in `text`, in order; linear in the text's length.
pub fn runs(text: &str) -> Vec<Run> {
    // Numbers lie inside stretches of characters that may be in one. Each stretch that has a
    // digit is read with one character either side (is the number part of a word?), so a
    // long draft is not indexed character by character for its few numbers.
    let mut found = Vec::new();
    // Byte and UTF-16 offsets of the previous character, and of the stretch's window.
    let (mut utf16, mut prev) = (0, (0, 0));
    let mut stretch: Option<((usize, usize), bool)> = None;
    for (at, c) in text.char_indices() {
        if may_be_in_number(c) {
            let (_, digit) = stretch.get_or_insert((prev, false));
            *digit |= decimal(c).is_some();
        } else if let Some(((from, from16), true)) = stretch.take() {
            found.extend(runs_in(text, from..at + c.len_utf8(), from16));
        }
        prev = (at, utf16);
        utf16 += c.len_utf16();
    }
    if let Some(((from, from16), true)) = stretch {
        found.extend(runs_in(text, from..text.len(), from16));
    }
    found
}

/// The numbers in `text[window]`, whose first character is at UTF-16 offset `utf16_start`.
fn runs_in(text: &str, window: std::ops::Range<usize>, utf16_start: usize) -> Vec<Run> {
    let chars: Vec<(usize, char)> = text[window.clone()]
        .char_indices()
        .map(|(i, c)| (window.start + i, c))
        .collect();
    let mut utf16 = Vec::with_capacity(chars.len() + 1);
    let mut u = utf16_start;
    for &(_, c) in &chars {
        utf16.push(u);
        u += c.len_utf16();
    }
    utf16.push(u);
    let byte_at = |i: usize| chars.get(i).map_or(window.end, |&(b, _)| b);
    // The span of the characters from index `a` up to `b`.
    let span = |a: usize, b: usize| GroupSpan {
        start: utf16[a],
        end: utf16[b],
        byte_start: byte_at(a),
        byte_end: byte_at(b),
    };
    let is_digit = |i: usize| chars.get(i).is_some_and(|&(_, c)| decimal(c).is_some());
    // The next character that is not invisible, from index i.
    let visible = |mut i: usize| {
        while chars.get(i).is_some_and(|&(_, c)| is_invisible(c)) {
            i += 1;
        }
        i
    };
    // The index after the last digit of a group that ends before index j (no invisibles).
    let trim_back = |mut j: usize, floor: usize| {
        while j > floor && chars.get(j - 1).is_some_and(|&(_, c)| is_invisible(c)) {
            j -= 1;
        }
        j
    };

    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_digit(i) {
            i += 1;
            continue;
        }
        // Opening "+" or "(" just before the first digit belongs to the number.
        let mut start = i;
        let mut plus = false;
        let mut paren = false;
        if i > 0 && chars[i - 1].1 == '+' {
            start = i - 1;
            plus = true;
        } else if i > 0 && is_open_paren(chars[i - 1].1) {
            paren = true;
            start = i - 1;
            if i > 1 && chars[i - 2].1 == '+' {
                start = i - 2;
                plus = true;
            }
        }
        let mut run = Run {
            digits: String::new(),
            groups: Vec::new(),
            seps: Vec::new(),
            plus,
            paren,
            start: utf16[start],
            end: 0,
            bytes: byte_at(start)..0,
            joined_before: start > 0 && chars[start - 1].1.is_alphanumeric(),
            joined_after: false,
            spans: Vec::new(),
        };
        let mut group = 0;
        let mut group_start = i;
        let mut j = i;
        loop {
            if let Some(d) = chars.get(j).and_then(|&(_, c)| decimal(c)) {
                run.digits.push((b'0' + d) as char);
                group += 1;
                j = visible(j + 1);
                continue;
            }
            // A separator joins two groups only when a digit follows it.
            let (sep, next) = separator(&chars, j, run.groups.is_empty() && paren);
            match sep {
                Some(s) if is_digit(visible(next)) => {
                    run.spans.push(span(group_start, trim_back(j, group_start)));
                    run.groups.push(group);
                    run.seps.push(s);
                    group = 0;
                    j = visible(next);
                    group_start = j;
                }
                _ => break,
            }
        }
        // Trailing invisibles are not part of the number.
        let last = trim_back(j, i);
        run.spans.push(span(group_start, last));
        run.groups.push(group);
        run.end = utf16[last];
        run.bytes.end = byte_at(last);
        run.joined_after = chars.get(j).is_some_and(|&(_, c)| c.is_alphanumeric());
        found.push(run);
        i = j.max(i + 1);
    }
    found
}

/// The separator starting at index `j`, and the index after it. Accepted: one separator
/// character, " - " (spaced dash), and ")" with an optional space after an area code.
fn separator(chars: &[(usize, char)], j: usize, after_paren_group: bool) -> (Option<Sep>, usize) {
    let c = |k: usize| chars.get(k).map(|&(_, c)| c);
    let Some(first) = c(j) else {
        return (None, j);
    };
    if after_paren_group && is_close_paren(first) {
        let next = if c(j + 1).and_then(sep_class).is_some() {
            j + 2
        } else {
            j + 1
        };
        return (Some(Sep::Paren), next);
    }
    match sep_class(first) {
        Some(Sep::Space) if c(j + 1).and_then(sep_class) == Some(Sep::Hyphen) => {
            if c(j + 2).and_then(sep_class) == Some(Sep::Space) {
                (Some(Sep::Hyphen), j + 3)
            } else {
                (None, j)
            }
        }
        Some(s) => (Some(s), j + 1),
        None => (None, j),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_zero_starts_ten_numeric_characters() {
        for z in ZEROS {
            for d in 0..10 {
                let c = char::from_u32(z + d).unwrap();
                assert!(c.is_numeric(), "U+{:04X}", z + d);
                assert_eq!(decimal(c), Some(d as u8), "U+{:04X}", z + d);
            }
        }
        assert_eq!(decimal('٣'), Some(3));
        assert_eq!(decimal('７'), Some(7));
        assert_eq!(decimal('²'), None, "superscripts are not decimal digits");
        assert_eq!(decimal('Ⅻ'), None);
        assert_eq!(decimal('a'), None);
    }

    #[test]
    fn groups_separators_and_spans() {
        let r = runs("SSN 078-05-1123, call (414) 302-8200 or +1 415 555 0132.");
        let shapes: Vec<_> = r
            .iter()
            .map(|r| (r.digits.as_str(), r.groups.clone()))
            .collect();
        assert_eq!(
            shapes,
            [
                ("078051123", vec![3, 2, 4]),
                ("4143028200", vec![3, 3, 4]),
                ("14155550132", vec![1, 3, 3, 4])
            ]
        );
        assert_eq!(r[0].uniform_seps(), Some(Sep::Hyphen));
        assert_eq!((r[0].start, r[0].end), (4, 15));
        assert!(r[1].paren && r[1].seps[0] == Sep::Paren);
        assert!(r[2].plus);
    }

    #[test]
    fn unicode_digits_and_lookalike_separators_count() {
        let text = "０７８－０５－１１２３ and ٠٧٨‐٠٥‐١١٢٣ and 078\u{200B}-05-1123";
        let r = runs(text);
        assert_eq!(r.len(), 3);
        for run in &r {
            assert_eq!(run.digits, "078051123");
            assert_eq!(run.groups, [3, 2, 4]);
            assert_eq!(run.uniform_seps(), Some(Sep::Hyphen));
        }
        assert_eq!(&text[r[0].bytes.clone()], "０７８－０５－１１２３");
    }

    #[test]
    fn slices_are_numbers_of_their_own() {
        let text = "4111 1111 1111 1111 078 05 1123";
        let r = &runs(text)[0];
        assert_eq!(r.groups, [4, 4, 4, 4, 3, 2, 4]);
        let card = r.slice(0, 4);
        let ssn = r.slice(4, 7);
        assert_eq!(card.digits, "4111111111111111");
        assert_eq!(&text[card.bytes.clone()], "4111 1111 1111 1111");
        assert_eq!(&text[ssn.bytes.clone()], "078 05 1123");
        assert_eq!((ssn.start, ssn.end), (20, 31));
        assert_eq!(ssn.seps, [Sep::Space, Sep::Space]);
    }

    #[test]
    fn the_ascii_shortcut_agrees_with_the_classes() {
        for c in (0u8..128).map(char::from) {
            assert_eq!(may_be_in_number(c), in_number_class(c), "{c:?}");
        }
    }

    proptest::proptest! {
        /// Reading stretches in windows finds exactly what reading the whole text does.
        #[test]
        fn windows_read_as_the_whole_text(
            text in "[0-9٣７a-zA-Z +()（）\\-./−\u{200B}\u{00A0}\n,;é😀]{0,60}"
        ) {
            proptest::prop_assert_eq!(runs(&text), runs_in(&text, 0..text.len(), 0));
        }
    }

    #[test]
    fn sentences_and_words_end_numbers() {
        let r = runs("Call at 5. 6 people came; A12345 and 5th");
        let d: Vec<_> = r.iter().map(|r| (r.digits.as_str(), r.in_word())).collect();
        assert_eq!(
            d,
            [("5", false), ("6", false), ("12345", true), ("5", true)]
        );
    }
}
