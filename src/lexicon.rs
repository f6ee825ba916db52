//! Phrase lists from the policy, compiled once and matched word by word.
//!
//! Phrases are whole lower-case words; a trailing `*` on a word matches any ending
//! ("hungover", "parent*"). Matching is linear in the draft's words: candidates are
//! found through a map keyed by each phrase's first word.

use crate::text::Word;
use rustc_hash::FxHashMap;

#[derive(Debug, Clone, PartialEq)]
enum Pat {
    Exact(String),
    Prefix(String),
}

impl Pat {
    fn parse(word: &str) -> Pat {
        match word.strip_suffix('*') {
            Some(p) => Pat::Prefix(p.to_string()),
            None => Pat::Exact(word.to_string()),
        }
    }
    fn matches(&self, w: &str) -> bool {
        match self {
            Pat::Exact(e) => e == w,
            Pat::Prefix(p) => w.starts_with(p.as_str()),
        }
    }
}

#[derive(Debug, Clone)]
struct Phrase {
    words: Vec<Pat>,
    group: usize,
}

impl Phrase {
    /// Does the phrase start `words`?
    fn starts(&self, words: &[Word]) -> bool {
        words.len() >= self.words.len()
            && self
                .words
                .iter()
                .zip(words)
                .all(|(pat, w)| pat.matches(&w.lower))
    }
}

/// A hit: which group matched, and the span of words it covered.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub group: usize,
    /// Index of the first and one-past-last matched word.
    pub first: usize,
    pub last: usize,
}

/// Each list of candidates is longest first, and among equals the last listed first, so
/// the first that matches is the one to take.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    by_first_word: FxHashMap<String, Vec<usize>>,
    /// Phrases whose first word is a prefix ("parent*"), by the prefix's first byte: every
    /// word of every draft looks here, so it sees only the few that could match.
    prefixed: Vec<Vec<usize>>,
    phrases: Vec<Phrase>,
}

impl Lexicon {
    /// Builds a lexicon from groups of phrases; a phrase's group is its index in `groups`.
    pub fn new<'a, G, P>(groups: G) -> Lexicon
    where
        G: IntoIterator<Item = P>,
        P: IntoIterator<Item = &'a str>,
    {
        let mut lex = Lexicon::default();
        for (group, phrases) in groups.into_iter().enumerate() {
            for phrase in phrases {
                // Split phrases the same way drafts are split, but keep '*' markers.
                let words: Vec<Pat> = phrase
                    .split_whitespace()
                    .flat_map(|chunk| {
                        let star = chunk.ends_with('*');
                        let mut ws = crate::text::lower_words(chunk);
                        if star {
                            if let Some(last) = ws.last_mut() {
                                last.push('*');
                            }
                        }
                        ws
                    })
                    .map(|w| Pat::parse(&w))
                    .collect();
                let Some(first) = words.first() else { continue };
                let list = match first {
                    Pat::Exact(w) => lex.by_first_word.entry(w.clone()).or_default(),
                    Pat::Prefix(p) => {
                        // A bare "*" would match every word.
                        let Some(&b) = p.as_bytes().first() else {
                            continue;
                        };
                        let b = usize::from(b);
                        lex.prefixed
                            .resize(lex.prefixed.len().max(b + 1), Vec::new());
                        &mut lex.prefixed[b]
                    }
                };
                // Longest first; a later phrase goes before earlier ones of its length.
                let len = words.len();
                let phrases = &lex.phrases;
                let at = list.partition_point(|&q| phrases[q].words.len() > len);
                list.insert(at, phrases.len());
                lex.phrases.push(Phrase { words, group });
            }
        }
        lex
    }

    /// The longest phrase that starts `words` among `candidates`.
    fn longest(&self, candidates: Option<&Vec<usize>>, words: &[Word]) -> Option<&Phrase> {
        candidates?
            .iter()
            .map(|&p| &self.phrases[p])
            .find(|p| p.starts(words))
    }

    /// All non-overlapping hits, leftmost-longest, in text order.
    pub fn find(&self, words: &[Word]) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let (rest, word) = (&words[i..], words[i].lower.as_ref());
            let exact = self.longest(self.by_first_word.get(word), rest);
            let prefixed = word
                .as_bytes()
                .first()
                .and_then(|&b| self.longest(self.prefixed.get(usize::from(b)), rest));
            // On a tie the prefixed phrase wins, as it always has.
            let best = match (exact, prefixed) {
                (Some(e), Some(p)) => Some(if e.words.len() > p.words.len() { e } else { p }),
                (e, p) => e.or(p),
            };
            match best {
                Some(p) => {
                    hits.push(Hit {
                        group: p.group,
                        first: i,
                        last: i + p.words.len(),
                    });
                    i += p.words.len();
                }
                None => i += 1,
            }
        }
        hits
    }
}

/// The hits no `cover` hit overlaps; both in text order, as [`Lexicon::find`] returns them.
/// Allow lists use it: "confidential tip line" covers "confidential".
pub fn uncovered(hits: Vec<Hit>, cover: &[Hit]) -> Vec<Hit> {
    hits.into_iter()
        .filter(|h| {
            let i = cover.partition_point(|c| c.last <= h.first);
            cover.get(i).is_none_or(|c| c.first >= h.last)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    #[test]
    fn finds_longest_phrases_and_prefixes() {
        let lex = Lexicon::new([vec!["my kids", "my"], vec!["hungover", "parent*"]]);
        let w: Vec<_> = words("My kids and my parents, hungover").collect();
        let hits = lex.find(&w);
        let spans: Vec<_> = hits.iter().map(|h| (h.group, h.first, h.last)).collect();
        assert_eq!(spans, [(0, 0, 2), (0, 3, 4), (1, 4, 5), (1, 5, 6)]);
    }

    #[test]
    fn no_partial_word_matches() {
        let lex = Lexicon::new([vec!["lol"]]);
        let w: Vec<_> = words("lollipop Lolland").collect();
        assert!(lex.find(&w).is_empty());
    }
}
