//! The one catalogue of what the engine says: keyed messages with `{name}` placeholders, in
//! English and Spanish. The words live in the extension's `_locales/{en,es}/messages.json`
//! under `engine_*` keys (so translators see one file per language, beside the pages'
//! words); `build.rs` compiles them into sorted tables, which costs the WASM only the strings.
//! The language is the browser's interface language, sent with each draft (`lang`).

mod tables {
    include!(concat!(env!("OUT_DIR"), "/messages.rs"));
}

/// A language the catalogue speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    /// The language for a BCP 47 tag as browsers give it ("es", "es-419", "es_MX", "en-US");
    /// anything the catalogue does not speak is English.
    pub fn from_tag(tag: Option<&str>) -> Lang {
        let primary = tag.unwrap_or("").split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("es") {
            Lang::Es
        } else {
            Lang::En
        }
    }

    /// Its primary subtag, as policies key their per-language texts.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    fn table(self) -> &'static (&'static str, &'static [u16]) {
        match self {
            Lang::En => &tables::EN,
            Lang::Es => &tables::ES,
        }
    }
}

/// Keyed lookup in one language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Text {
    pub lang: Lang,
}

impl Text {
    pub fn new(lang: Lang) -> Text {
        Text { lang }
    }

    /// The message for `key` (without the `engine_` prefix); English when this language
    /// lacks it (a test keeps that from happening), the key itself when no language has it.
    pub fn get(&self, key: &'static str) -> &'static str {
        find(self.lang.table(), key)
            .or_else(|| find(Lang::En.table(), key))
            .unwrap_or(key)
    }

    /// The message for `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &'static str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// "a", "a and b", "a, b and c", with this language's "and".
    pub fn and_list(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{}{}{last}", init.join(", "), self.get("and")),
        }
    }
}

/// The text of `key` in a language's packed table; none when it lacks one.
fn find(table: &'static (&'static str, &'static [u16]), key: &str) -> Option<&'static str> {
    let i = tables::KEYS.binary_search(&key).ok()?;
    let (text, at) = table;
    let s = &text[usize::from(at[i])..usize::from(at[i + 1])];
    (!s.is_empty()).then_some(s)
}

/// `template` with each `{name}` replaced by its value; unknown names stay as written.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| Some((close, args.iter().find(|(n, _)| *n == &after[..close])?)))
        {
            Some((close, (_, value))) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every key a language has, with its text, for the catalogue's tests.
pub fn keys(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    tables::KEYS
        .iter()
        .filter_map(move |k| Some((*k, find(lang.table(), k)?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<&str> {
        let mut v: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(n, _)| n))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    #[test]
    fn every_key_is_in_both_languages_with_the_same_placeholders() {
        let en: Vec<_> = keys(Lang::En).collect();
        let es: Vec<_> = keys(Lang::Es).collect();
        assert!(en.len() > 50, "the catalogue is nearly empty: {}", en.len());
        let en_keys: Vec<_> = en.iter().map(|(k, _)| *k).collect();
        let es_keys: Vec<_> = es.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            en_keys, es_keys,
            "en and es must have the same engine_ keys"
        );
        for ((k, e), (_, s)) in en.iter().zip(&es) {
            assert_eq!(
                placeholders(e),
                placeholders(s),
                "engine_{k}: placeholders differ"
            );
        }
    }

    /// English words that, found in a Spanish message, mean it was left untranslated.
    const ENGLISH: &[&str] = &[
        " the ", " and ", " your ", " you ", " is ", " this ", " with ", " not ", " post ",
        " account", "City ", " of ", " to ",
    ];

    #[test]
    fn no_english_is_left_in_spanish() {
        for (k, s) in keys(Lang::Es) {
            let padded = format!(" {s} ");
            // Placeholders and quoted examples may be anything.
            let bare = fill(&padded, &[]);
            for w in ENGLISH {
                assert!(
                    !strip_placeholders(&bare).contains(w),
                    "engine_{k} looks English ({w:?}): {s}"
                );
            }
        }
    }

    fn strip_placeholders(s: &str) -> String {
        let mut out = String::new();
        let mut depth = 0;
        for c in s.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ if depth == 0 => out.push(c),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn fill_replaces_named_placeholders_only() {
        assert_eq!(
            fill("a {x} b {y} {z}", &[("x", "1"), ("y", "2")]),
            "a 1 b 2 {z}"
        );
        assert_eq!(fill("{", &[]), "{");
    }

    #[test]
    fn languages_from_browser_tags() {
        assert_eq!(Lang::from_tag(Some("es-419")), Lang::Es);
        assert_eq!(Lang::from_tag(Some("es_MX")), Lang::Es);
        assert_eq!(Lang::from_tag(Some("en-US")), Lang::En);
        assert_eq!(Lang::from_tag(Some("fr")), Lang::En);
        assert_eq!(Lang::from_tag(None), Lang::En);
        assert_eq!(
            Text::new(Lang::Es).and_list(&["a".into(), "b".into()]),
            "a y b"
        );
    }
}
