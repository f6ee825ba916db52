//! Identifying numbers: SSNs, payment cards, bank routing and account numbers, phone
//! numbers, numeric dates of birth and driver's licences.

use super::{last, overlaps, Hit, Kind, List, Scan};
use crate::digits::{decimal, runs, Run, Sep};

/// How far (in words) context may be from a number: "SSN is" before, "(DOB)" after.
const BEFORE: usize = 5;
const AFTER: usize = 2;
pub(super) const BIRTH_BEFORE: usize = 3;

pub(super) fn scan(s: &Scan) -> Vec<Hit> {
    let mut hits = Vec::new();
    for run in runs(s.text) {
        // Spaces both format a number ("078 05 1123") and separate numbers, so try the
        // longest stretch of space-separated chunks first.
        let mut cuts = vec![0];
        cuts.extend(
            (0..run.seps.len())
                .filter(|&k| run.seps[k] == Sep::Space)
                .map(|k| k + 1),
        );
        cuts.push(run.groups.len());
        let chunks = cuts.len() - 1;
        let mut c = 0;
        while c < chunks {
            let found = (1..=(chunks - c).min(6)).rev().find_map(|n| {
                // No kind of number has fewer than 4 or more than 19 digits.
                let digits: usize = run.groups[cuts[c]..cuts[c + n]].iter().sum();
                if !(4..=19).contains(&digits) {
                    return None;
                }
                let number = run.slice(cuts[c], cuts[c + n]);
                identify(s, &number).map(|h| (n, h))
            });
            match found {
                Some((n, hit)) => {
                    hits.push(hit);
                    c += n;
                }
                None => c += 1,
            }
        }
    }
    hits
}

/// What this number is, if it is PII.
fn identify(s: &Scan, n: &Run) -> Option<Hit> {
    if n.in_word() {
        return None;
    }
    let (first, last_word) = s.words_in(n.start, n.end);
    let near = |list: List| s.near(list).around(first, last_word, BEFORE, AFTER);
    let hit = |kind, shown: String| {
        Some(Hit {
            kind,
            start: n.start,
            end: n.end,
            shown,
        })
    };
    let d = n.digits.as_str();
    let masked = || format!("…{}", last(d, 4));
    if is_card(n) {
        return hit(Kind::Card, format!("card ending {}", last(d, 4)));
    }
    if is_ssn(n, near(List::Ssn)) {
        return hit(Kind::Ssn, format!("***-**-{}", last(d, 4)));
    }
    if let Some(national) = phone(n, near(List::Phone)) {
        let public = s
            .lists
            .public_phone_prefixes
            .iter()
            .any(|p| national.is_some_and(|nat| nat.starts_with(p.as_str())));
        return (!public).then(|| Hit {
            kind: Kind::Phone,
            start: n.start,
            end: n.end,
            shown: s.text[n.bytes.clone()].to_string(),
        });
    }
    // Routing numbers are public, but next to an account number they are the account.
    if is_routing(n, near(List::Routing) || near(List::BankAccount)) {
        return hit(Kind::Routing, format!("routing number {}", masked()));
    }
    // Tighter for birth dates: "Born to Read starts 05/12/2025" is no date of birth.
    if is_date(n)
        && s.near(List::BirthDate)
            .around(first, last_word, BIRTH_BEFORE, AFTER)
    {
        return hit(Kind::BirthDate, s.text[n.bytes.clone()].to_string());
    }
    if n.groups.len() == 1 && (8..=17).contains(&d.len()) && near(List::BankAccount) {
        return hit(Kind::BankAccount, format!("account {}", masked()));
    }
    None
}

/// A payment card: 13 to 19 digits grouped as cards print them, a known leading digit,
/// and a valid Luhn check digit.
fn is_card(n: &Run) -> bool {
    let d = n.digits.as_bytes();
    let shape_ok = match n.groups.as_slice() {
        [_] => true,
        [4, 6, 5] | [4, 6, 4] => true,
        [init @ .., tail] => init.iter().all(|&g| g == 4) && (1..=4).contains(tail),
        [] => false,
    };
    let seps_ok = n.seps.is_empty() || matches!(n.uniform_seps(), Some(Sep::Hyphen | Sep::Space));
    (13..=19).contains(&d.len())
        && shape_ok
        && seps_ok
        && !n.plus
        && !n.paren
        && (b'1'..=b'6').contains(&d[0])
        && !(d[0] == b'1' && d.len() == 13)
        && !all_same(d)
        && luhn(d)
}

/// The Luhn check every payment card number passes.
pub(crate) fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &c)| {
            let d = u32::from(c - b'0');
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

fn all_same(d: &[u8]) -> bool {
    d.iter().all(|&c| c == d[0])
}

/// An SSN: "AAA-GG-SSSS" with one kind of separator, or nine bare digits next to "SSN".
/// The SSA never issues area 000, 666 or 900-999, group 00 or serial 0000.
fn is_ssn(n: &Run, context: bool) -> bool {
    let formatted = n.groups == [3, 2, 4]
        && matches!(n.uniform_seps(), Some(Sep::Hyphen | Sep::Dot | Sep::Space));
    let bare = n.groups == [9] && context;
    (formatted || bare) && !n.plus && !n.paren && valid_ssn(n.digits.as_bytes())
}

pub(crate) fn valid_ssn(d: &[u8]) -> bool {
    let (area, group, serial) = (&d[..3], &d[3..5], &d[5..]);
    // 078-05-1120 was printed on a wallet insert in 1938; 123-45-6789 is the textbook one.
    area != b"000"
        && area != b"666"
        && area[0] != b'9'
        && group != b"00"
        && serial != b"0000"
        && !all_same(d)
        && d != b"078051120"
        && d != b"123456789"
}

/// A bank routing (ABA) number: "0711-0130-7" as printed, or nine digits next to
/// "routing" or "account"; a Federal Reserve prefix and the ABA checksum.
fn is_routing(n: &Run, context: bool) -> bool {
    let printed = n.groups == [4, 4, 1] && n.uniform_seps() == Some(Sep::Hyphen);
    let bare = n.groups == [9] && context;
    (printed || bare) && !n.plus && !n.paren && valid_aba(n.digits.as_bytes())
}

pub(crate) fn valid_aba(d: &[u8]) -> bool {
    if d.len() != 9 {
        return false;
    }
    let v: Vec<u32> = d.iter().map(|&c| u32::from(c - b'0')).collect();
    let prefix = v[0] * 10 + v[1];
    let fed = matches!(prefix, 0..=12 | 21..=32 | 61..=72 | 80);
    let sum = 3 * (v[0] + v[3] + v[6]) + 7 * (v[1] + v[4] + v[7]) + (v[2] + v[5] + v[8]);
    fed && sum % 10 == 0 && !all_same(d)
}

/// A phone number: North American ("(414) 302-8200", "414.302.8200", "1-800-…") or
/// international ("+55 11 98456 5666"); ten bare digits only next to "call" or "phone".
/// Returns the 10-digit national number for North American numbers, None otherwise.
fn phone(n: &Run, context: bool) -> Option<Option<&str>> {
    let d = n.digits.as_str();
    let nanp = |ten: &str| {
        let b = ten.as_bytes();
        b.len() == 10 && b[0] >= b'2' && b[3] >= b'2'
    };
    let shaped = match n.groups.as_slice() {
        [3, 3, 4] => n.paren || n.uniform_seps().is_some(),
        [1, 3, 3, 4] => d.starts_with('1'),
        [10] => context || n.paren,
        [11] => d.starts_with('1') && (n.plus || context),
        _ => false,
    };
    if shaped {
        let national = if d.len() == 11 { &d[1..] } else { d };
        return nanp(national).then_some(Some(national));
    }
    // International: "+" and 8 to 15 digits in at least two groups (E.164).
    (n.plus && !d.starts_with('1') && (8..=15).contains(&d.len()) && n.groups.len() >= 2)
        .then_some(None)
}

/// A full numeric date: month/day/year, day.month.year or year-month-day.
fn is_date(n: &Run) -> bool {
    let d = n.digits.as_bytes();
    let num = |r: std::ops::Range<usize>| {
        d[r].iter()
            .fold(0u32, |acc, &c| acc * 10 + u32::from(c - b'0'))
    };
    if !matches!(n.uniform_seps(), Some(Sep::Slash | Sep::Hyphen | Sep::Dot)) {
        return false;
    }
    match n.groups.as_slice() {
        [4, m @ 1..=2, day @ 1..=2] => {
            let (mo, da) = (num(4..4 + m), num(4 + m..4 + m + day));
            (1900..=2100).contains(&num(0..4)) && (1..=12).contains(&mo) && (1..=31).contains(&da)
        }
        [a @ 1..=2, b @ 1..=2, y @ (2 | 4)] => {
            let (x, z) = (num(0..*a), num(*a..a + b));
            let year_ok = *y == 2 || (1900..=2100).contains(&num(a + b..a + b + y));
            // Month first (US) or day first: either reading must be a real date.
            let valid = |m: u32, day: u32| (1..=12).contains(&m) && (1..=31).contains(&day);
            year_ok && (valid(x, z) || valid(z, x))
        }
        _ => false,
    }
}

/// Driver's licence numbers: any ID-like token right after "driver's license" (or "DL"),
/// and Wisconsin's own shape, a letter and 13 digits ("S530-4607-8192-03"), anywhere.
pub(super) fn licenses(s: &Scan, found: &[Hit]) -> Vec<Hit> {
    let near = s.near(List::DriverLicense);
    let mut hits = Vec::new();
    let mut utf16 = 0;
    let mut counted = 0;
    for token in s.text.split_whitespace() {
        let token = token.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        let token = token.trim_start_matches(['(', '#', ':']);
        // Cheap test first: an ID has 5 to 20 characters (up to 80 bytes) and a digit.
        if !(5..=80).contains(&token.len()) || !token.chars().any(|c| decimal(c).is_some()) {
            continue;
        }
        let Some(id) = license_shape(token) else {
            continue;
        };
        let at = token.as_ptr() as usize - s.text.as_ptr() as usize;
        utf16 += crate::text::utf16_len(&s.text[counted..at]);
        counted = at;
        let start = utf16;
        let end = start + crate::text::utf16_len(token);
        if overlaps(found, start, end) {
            continue;
        }
        let (first, last_word) = s.words_in(start, end);
        if id.wisconsin || near.around(first, last_word, 4, 0) {
            hits.push(Hit {
                kind: Kind::DriverLicense,
                start,
                end,
                shown: format!("{}…{}", &id.first, last(&id.digits, 2)),
            });
        }
    }
    hits
}

struct LicenseId {
    first: String,
    digits: String,
    wisconsin: bool,
}

/// An ID-like token: letters, digits and hyphens, 5 to 20 characters, at least 5 digits,
/// at most 3 letters, and not only digits and separators (those are numbers, above).
fn license_shape(token: &str) -> Option<LicenseId> {
    let mut digits = String::new();
    let mut letters = 0;
    let mut len = 0;
    let mut starts_with_letter = false;
    for (i, c) in token.chars().enumerate() {
        if let Some(d) = decimal(c) {
            digits.push((b'0' + d) as char);
        } else if c.is_alphabetic() {
            letters += 1;
            starts_with_letter |= i == 0;
        } else if c != '-' {
            return None;
        }
        len += 1;
    }
    if !(5..=20).contains(&len) || digits.len() < 5 || letters == 0 || letters > 3 {
        return None;
    }
    Some(LicenseId {
        first: token.chars().next()?.to_string(),
        wisconsin: starts_with_letter && letters == 1 && digits.len() == 13,
        digits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums() {
        assert!(luhn(b"4111111111111111"));
        assert!(!luhn(b"4111111111111112"));
        assert!(valid_aba(b"121000358"));
        assert!(
            !valid_aba(b"421042111"),
            "prefix 42 is no Federal Reserve district"
        );
        assert!(!valid_aba(b"121000359"), "bad checksum");
        assert!(valid_ssn(b"078051123"));
        for bad in [
            "000123456",
            "666123456",
            "900123456",
            "123001234",
            "123450000",
            "078051120",
        ] {
            assert!(!valid_ssn(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn license_shapes() {
        assert!(license_shape("S530-4607-8192-03").unwrap().wisconsin);
        assert!(!license_shape("H12234567").unwrap().wisconsin);
        assert!(
            license_shape("123456789").is_none(),
            "digits only is a number"
        );
        assert!(license_shape("ABCDEFG").is_none());
        assert!(license_shape("well-known").is_none());
    }
}
