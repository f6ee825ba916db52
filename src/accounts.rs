//! Whether two names for a social media account are the same account: the one rule the City
//! account check (`Policy::city_account`), IT's directory of Authorized Users (§6.1.2) and the
//! allowed connections (§6.2.7) all use. Below the policy: it knows only text.
//!
//! - Handles and display names compare folded ([`fold_handle`]): without case, '@', '_', '.',
//!   '-', spaces or any other mark, so "@City_of_WestAllis" and "cityofwestallis" agree. A name
//!   that folds to nothing names no account.
//! - An account is named by a key that is its handle or its display name.
//! - Platforms compare trimmed and without case; a platform unknown on either side does not
//!   rule a match out.
//! - A listed entry is "handle", "@handle", a display name or "platform:handle"; the part
//!   before the first ':' is a platform only if it is one word, so a display name holding a
//!   colon ("Police: Night Shift") stays whole.

/// Folds a handle for comparison: no '@', '_', '.', '-', spaces or case.
pub fn fold_handle(handle: &str) -> String {
    handle
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// An account as a page shows it: where, and under which handle and display name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Seen<'a> {
    pub platform: Option<&'a str>,
    pub handle: Option<&'a str>,
    pub name: Option<&'a str>,
}

/// One entry of a policy's list of accounts, split into its platform (if it names one) and key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listed<'a> {
    pub platform: Option<&'a str>,
    /// The handle or display name, as written.
    pub key: &'a str,
}

impl<'a> Listed<'a> {
    pub fn parse(entry: &'a str) -> Listed<'a> {
        match entry.split_once(':') {
            Some((p, key)) if !p.trim().is_empty() && !p.trim().contains(char::is_whitespace) => {
                Listed {
                    platform: Some(p.trim()),
                    key,
                }
            }
            _ => Listed {
                platform: None,
                key: entry,
            },
        }
    }

    /// Does the key name anything at all?
    pub fn has_key(&self) -> bool {
        !fold_handle(self.key).is_empty()
    }
}

/// Could these be the same platform? Unknown on either side does not rule it out.
pub fn same_platform(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.trim().eq_ignore_ascii_case(b.trim()),
        _ => true,
    }
}

impl Seen<'_> {
    /// Is `key` (a handle or display name) this account's handle or display name?
    pub fn named(&self, key: &str) -> bool {
        let key = fold_handle(key);
        !key.is_empty()
            && [self.handle, self.name]
                .into_iter()
                .flatten()
                .any(|n| fold_handle(n) == key)
    }

    /// Is this the account a list `entry` names ("handle", "platform:handle", a display name)?
    pub fn is_listed(&self, entry: &str) -> bool {
        let listed = Listed::parse(entry);
        same_platform(listed.platform, self.platform) && self.named(listed.key)
    }

    /// Is this the account registered on `platform` as `handle`, with display name `name`?
    pub fn is(&self, platform: &str, handle: &str, name: Option<&str>) -> bool {
        same_platform(Some(platform), self.platform)
            && (self.named(handle) || name.is_some_and(|n| self.named(n)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const X: Seen = Seen {
        platform: Some("x"),
        handle: Some("CityofWestAllis"),
        name: Some("City of West Allis"),
    };

    // The cases where context.rs, rules/unauthorized_user.rs and rules/city_account_connection.rs used to
    // answer differently, each now answered once.
    #[test]
    fn case_at_and_marks_fold_away() {
        for key in [
            "cityofwestallis",
            "@CityofWestAllis",
            "city_of.west-allis",
            "CITY OF WEST ALLIS",
        ] {
            assert!(X.is_listed(key), "{key}");
        }
        assert!(X.is("X", "@cityofwestallis", None));
    }

    #[test]
    fn platforms_are_trimmed_and_compared_without_case() {
        for entry in [
            "x:CityofWestAllis",
            " X :CityofWestAllis",
            "x: @CityofWestAllis",
        ] {
            assert!(X.is_listed(entry), "{entry}");
        }
        assert!(X.is(" x ", "CityofWestAllis", None));
        assert!(!X.is_listed("facebook:CityofWestAllis"));
        assert!(!X.is("facebook", "CityofWestAllis", None));
    }

    #[test]
    fn a_platform_holding_a_space_is_part_of_a_display_name() {
        let seen = Seen {
            platform: Some("facebook"),
            handle: None,
            name: Some("West Allis Police: Night Shift"),
        };
        assert_eq!(
            Listed::parse("West Allis Police: Night Shift"),
            Listed {
                platform: None,
                key: "West Allis Police: Night Shift"
            }
        );
        assert!(seen.is_listed("West Allis Police: Night Shift"));
        assert!(!seen.is_listed("facebook:West Allis Police"));
    }

    #[test]
    fn an_unknown_platform_does_not_rule_a_match_out() {
        let seen = Seen {
            platform: None,
            ..X
        };
        assert!(seen.is_listed("x:CityofWestAllis"));
        assert!(seen.is("x", "CityofWestAllis", None));
    }

    #[test]
    fn handles_and_display_names_both_name_an_account() {
        let by_name = Seen {
            platform: Some("x"),
            handle: Some("wa_official"),
            name: Some("West Allis City Hall"),
        };
        assert!(by_name.is("x", "CityofWestAllis", Some("West Allis City Hall")));
        assert!(by_name.is("x", "West Allis City Hall", None));
        assert!(by_name.is_listed("west allis city hall"));
        assert!(by_name.is_listed("@WA_Official"));
        assert!(!by_name.is("x", "CityofWestAllis", None));
    }

    #[test]
    fn a_key_that_folds_to_nothing_names_no_account() {
        let nameless = Seen {
            platform: Some("x"),
            handle: None,
            name: None,
        };
        for entry in ["", "@", "x:", "x:_", " : "] {
            assert!(!nameless.is_listed(entry), "{entry:?}");
            assert!(!X.is_listed(entry), "{entry:?}");
        }
        assert!(!nameless.is("x", "CityofWestAllis", Some("")));
        // Nor does it name an account whose own handle and name fold to nothing.
        let blank = Seen {
            platform: Some("x"),
            handle: Some("_"),
            name: Some(""),
        };
        assert!(!blank.is_listed("@"));
        assert!(!blank.is("x", "__", Some("..")));
        assert!(!Listed::parse("facebook:").has_key());
    }
}
