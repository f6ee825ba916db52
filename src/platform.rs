//! Facts about platforms that rules need: how long a reply may be and how it is counted.

use crate::text::Counting;

/// The length limit for replies and comments on a platform, if we know it.
pub fn reply_limit(platform: Option<&str>) -> Option<(usize, Counting)> {
    use Counting::*;
    let limit = match platform?.to_ascii_lowercase().as_str() {
        "x" | "twitter" => (280, XWeighted),
        "bluesky" => (300, CodePoints),
        "mastodon" | "threads" => (500, CodePoints),
        "tiktok" => (150, CodePoints),
        "linkedin" => (1250, CodePoints),
        "instagram" => (2200, CodePoints),
        "facebook" => (8000, CodePoints),
        "youtube" | "reddit" => (10000, CodePoints),
        _ => return None,
    };
    Some(limit)
}
