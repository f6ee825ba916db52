//! Links in a draft, and whether the policy counts their site as part of the City's
//! mission (§6.1.4): the City's own domains, other governments, listed partners.

use crate::policy::Policy;

/// A link as typed, with the host it leads to and its UTF-16 span.
#[derive(Debug, Clone, PartialEq)]
pub struct Link<'a> {
    pub text: &'a str,
    /// Lower-case host name, without port, user info or trailing dot.
    pub host: String,
    pub start: usize,
    pub end: usize,
}

/// Top-level domains that make a bare "name.tld" a link. Links with a scheme or "www."
/// need none; this list only keeps "e.g." or "St.Francis" from counting as links.
const BARE_TLDS: &[&str] = &[
    "com", "org", "net", "gov", "edu", "mil", "us", "info", "biz", "io", "co", "ly", "me", "tv",
    "app", "dev", "ai", "gl", "gd", "cc", "at", "be", "ca", "uk", "de", "site", "online", "news",
    "link", "page", "xyz", "club", "shop", "store", "blog", "live", "to",
];

/// Every link in `text`, in order; linear in its length. A bare "name.tld" counts when
/// its top-level domain is a common one or the policy lists the site ("rb.gy").
pub fn links<'a>(text: &'a str, policy: &Policy) -> Vec<Link<'a>> {
    let mut found = Vec::new();
    let (mut counted, mut utf16) = (0, 0);
    for token in text.split_whitespace() {
        let t = token.trim_start_matches(['(', '<', '[', '"', '\'', '“', '‘']);
        let t = t.trim_end_matches([
            '.', ',', ';', ':', '!', '?', ')', ']', '>', '"', '\'', '”', '’',
        ]);
        // Every link has a dot in its host; most words have none.
        if !t.contains('.') {
            continue;
        }
        let Some(host) = host_of(t, policy) else {
            continue;
        };
        let at = t.as_ptr() as usize - text.as_ptr() as usize;
        utf16 += crate::text::utf16_len(&text[counted..at]);
        counted = at;
        found.push(Link {
            text: t,
            host,
            start: utf16,
            end: utf16 + crate::text::utf16_len(t),
        });
    }
    found
}

/// The host a token links to, if the token is a link.
fn host_of(token: &str, policy: &Policy) -> Option<String> {
    let (rest, explicit) = match token.split_once("://") {
        Some((scheme, rest))
            if ["http", "https"]
                .iter()
                .any(|s| scheme.eq_ignore_ascii_case(s)) =>
        {
            (rest, true)
        }
        Some(_) => return None,
        None => {
            let www = token
                .get(..4)
                .is_some_and(|p| p.eq_ignore_ascii_case("www."));
            (token, www)
        }
    };
    let authority = rest.split(['/', '?', '#', '\\']).next()?;
    if !explicit && authority.contains('@') {
        return None; // an email address: common, so known before lower-casing
    }
    // "https://westalliswi.gov@evil.example" goes to evil.example. Only the host is lower-cased:
    // no letter lower-cases to a delimiter, so splitting first finds the same host.
    let host = authority.rsplit('@').next()?.to_lowercase();
    let host = host.split(':').next()?.trim_end_matches('.');
    let labels: Vec<&str> = host.split('.').collect();
    let well_formed = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'));
    let tld = labels.last()?;
    let tld_ok = tld.chars().all(char::is_alphabetic) && tld.chars().count() >= 2;
    let known = || {
        let l = &policy.links;
        l.shorteners
            .iter()
            .chain(&l.allowed_domains)
            .any(|d| within(host, d))
    };
    (well_formed && tld_ok && (explicit || BARE_TLDS.contains(tld) || known()))
        .then(|| host.to_string())
}

fn within(host: &str, domain: &str) -> bool {
    let domain = domain.trim_start_matches('.').to_ascii_lowercase();
    host == domain
        || host
            .strip_suffix(domain.as_str())
            .is_some_and(|s| s.ends_with('.'))
}

/// The City's own site, its email domains, another government or a listed partner.
pub fn is_allowed_host(policy: &Policy, host: &str) -> bool {
    // Listed domains are ASCII; a host with other letters only looks like one ("wеst…").
    if !host.is_ascii() {
        return false;
    }
    let host = host.to_lowercase();
    let host = host.trim_end_matches('.');
    let official = crate::policy::split_url(&policy.official_site)
        .map(|(_, h, _)| h.trim_start_matches("www.").to_ascii_lowercase());
    official.is_some_and(|o| within(host, &o))
        || policy.email_domains.iter().any(|d| within(host, d))
        || policy.links.allowed_domains.iter().any(|d| within(host, d))
        || policy
            .links
            .allowed_suffixes
            .iter()
            .any(|s| host.ends_with(&s.to_ascii_lowercase()))
}

/// A link shortener hides where a link goes.
pub fn is_shortener(policy: &Policy, host: &str) -> bool {
    policy.links.shorteners.iter().any(|d| within(host, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(text: &str) -> Vec<String> {
        links(text, &Policy::west_allis())
            .into_iter()
            .map(|l| l.host)
            .collect()
    }

    #[test]
    fn finds_links_with_and_without_scheme() {
        assert_eq!(
            hosts("See https://WWW.WestAllisWI.gov/trash, bit.ly/x1 and (myvote.wi.gov)."),
            ["www.westalliswi.gov", "bit.ly", "myvote.wi.gov"]
        );
        assert_eq!(
            hosts("https://westalliswi.gov@evil.example/x"),
            ["evil.example"]
        );
        assert_eq!(
            hosts("WWW.westalliswi.gov@evil.example bit.ly/x?to=jane@gmail.com"),
            ["evil.example", "bit.ly"]
        );
        assert!(hosts("e.g. St.Francis 3.5 jane@gmail.com Mr.Smith").is_empty());
    }

    #[test]
    fn spans_are_utf16() {
        let l = links("😀 bit.ly/abc", &Policy::west_allis());
        assert_eq!((l[0].start, l[0].end), (3, 13));
        assert_eq!(l[0].text, "bit.ly/abc");
    }
}
