//! "Report unauthorized use" (§6.2.4): a pre-filled email to the address IT configures.
//! Nothing is sent by PostGuard; the employee's own mail program opens with the draft.

use crate::policy::Policy;

/// A `mailto:` URL (RFC 6068) to the policy's `report_to` address, or with no recipient when
/// IT has not set one, with `subject` and `body` filled in.
pub fn mailto(policy: &Policy, subject: &str, body: &str) -> String {
    let to = policy.report_to.as_deref().unwrap_or("");
    // The address keeps its '@'; everything else outside the unreserved set is encoded.
    let to = to.split('@').map(encode).collect::<Vec<_>>().join("@");
    // Mail bodies use CRLF line breaks.
    let body = body.replace("\r\n", "\n").replace('\n', "\r\n");
    format!(
        "mailto:{to}?subject={}&body={}",
        encode(subject),
        encode(&body)
    )
}

/// Percent-encodes every byte outside RFC 3986's unreserved characters.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
