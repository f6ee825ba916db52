//! Information about people in words: health details next to a person, dates of birth
//! written out ("born March 4, 1987"), and confidentiality markings.

use super::{overlaps, Hit, Kind, List, Scan};
use crate::digits::decimal;
use crate::text::Word;

/// How many words apart a health term and a person may be and still be about each other.
const HEALTH_WINDOW: usize = 8;

pub(super) fn scan(s: &Scan, found: &[Hit]) -> Vec<Hit> {
    let mut hits = markings(s);
    hits.extend(health(s));
    hits.extend(written_birth_dates(s, found));
    hits
}

fn span<'a>(s: &Scan<'a>, first: usize, last: usize) -> (usize, usize, &'a str) {
    let (a, b) = (&s.words[first], &s.words[last - 1]);
    (a.start, b.end, &s.text[a.bytes.start..b.bytes.end])
}

/// "CONFIDENTIAL", "For Official Use Only", "internal use only".
fn markings(s: &Scan) -> Vec<Hit> {
    s.near(List::Confidential)
        .hits()
        .iter()
        .map(|h| {
            let (start, end, text) = span(s, h.first, h.last);
            Hit {
                kind: Kind::Confidential,
                start,
                end,
                shown: text.to_string(),
            }
        })
        .collect()
}

/// Health terms ("diagnosed", "HIV") within a few words of a named person.
fn health(s: &Scan) -> Vec<Hit> {
    let terms = s.near(List::Health).hits();
    if terms.is_empty() {
        return Vec::new();
    }
    let people = persons(s);
    let mut hits = Vec::new();
    for t in terms.iter() {
        let i = people.partition_point(|p| p.1 + HEALTH_WINDOW < t.first);
        let Some(&(pf, pl)) = people.get(i).filter(|p| p.0 < t.last + HEALTH_WINDOW) else {
            continue;
        };
        let (start, end, term) = span(s, t.first, t.last);
        let (_, _, person) = span(s, pf, pl);
        hits.push(Hit {
            kind: Kind::Health,
            start,
            end,
            shown: format!("{term}, about {person}"),
        });
    }
    hits
}

/// Word ranges that name a person: "@jane_resident", "Officer Smith", "Dr. Lee",
/// "John Smith" (two capitalised words, neither a place or office word from the policy).
fn persons(s: &Scan) -> Vec<(usize, usize)> {
    let w = s.words;
    let between = |i: usize| &s.text[w[i].bytes.end..w[i + 1].bytes.start];
    let name_like = |x: &Word| {
        let mut cs = x.raw.chars();
        cs.next().is_some_and(char::is_uppercase)
            && cs.any(char::is_lowercase)
            && !s.lists.not_names.contains(x.lower.as_ref())
    };
    let mut people = Vec::new();
    for i in 0..w.len() {
        let mention = s.text[..w[i].bytes.start].ends_with('@')
            && !s.text[..w[i].bytes.start - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        if mention {
            people.push((i, i + 1));
            continue;
        }
        if i + 1 >= w.len() || !name_like(&w[i + 1]) {
            continue;
        }
        let gap = between(i);
        let spaces = |g: &str| !g.is_empty() && g.chars().all(|c| c == ' ');
        // "Dr. Lee": after an honorific a period is no sentence end.
        let honorific = s.lists.honorifics.contains(w[i].lower.as_ref())
            && spaces(gap.strip_prefix('.').unwrap_or(gap));
        if honorific || (name_like(&w[i]) && spaces(gap)) {
            people.push((i, i + 2));
        }
    }
    people
}

const MONTHS: [&str; 23] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
];

/// The value of a word that is a number, with an optional ordinal ending ("4th").
fn number(word: &Word) -> Option<u32> {
    let digits = word
        .lower
        .trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if digits.is_empty() || digits.chars().count() > 4 {
        return None;
    }
    digits
        .chars()
        .try_fold(0u32, |acc, c| Some(acc * 10 + u32::from(decimal(c)?)))
}

/// "born March 4, 1987", "DOB: 4 March 1987".
fn written_birth_dates(s: &Scan, found: &[Hit]) -> Vec<Hit> {
    let w = s.words;
    let birth = s.near(List::BirthDate);
    // A written date counts only near birth words ("born", "DOB"): most drafts have none.
    if birth.hits().is_empty() {
        return Vec::new();
    }
    let day = |i: usize| w.get(i).and_then(number).filter(|d| (1..=31).contains(d));
    let year = |i: usize| {
        w.get(i)
            .filter(|x| x.lower.chars().count() == 4)
            .and_then(number)
            .filter(|y| (1900..=2100).contains(y))
    };
    let mut hits = Vec::new();
    for (i, word) in w.iter().enumerate() {
        if !MONTHS.contains(&word.lower.as_ref()) {
            continue;
        }
        let range = if day(i + 1).is_some() && year(i + 2).is_some() {
            (i, i + 3)
        } else if i > 0 && day(i - 1).is_some() && year(i + 1).is_some() {
            (i - 1, i + 2)
        } else {
            continue;
        };
        let (start, end, text) = span(s, range.0, range.1);
        if birth.around(range.0, range.1 - 1, super::numbers::BIRTH_BEFORE, 2)
            && !overlaps(found, start, end)
        {
            hits.push(Hit {
                kind: Kind::BirthDate,
                start,
                end,
                shown: text.to_string(),
            });
        }
    }
    hits
}
