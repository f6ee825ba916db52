//! Facts about platforms that rules need: how long a reply may be and how it is counted.

use crate::context::Surface;
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

/// The length limit for a draft on `surface`, if we know it: replies and comments as
/// [`reply_limit`], posts, direct messages and bios by their own limits.
pub fn limit(platform: Option<&str>, surface: Surface) -> Option<(usize, Counting)> {
    use Counting::*;
    let p = platform?.to_ascii_lowercase();
    let limit = match (surface, p.as_str()) {
        (Surface::Reply | Surface::Comment, _) => return reply_limit(platform),
        (Surface::Dm, "x" | "twitter") => (10000, CodePoints),
        (Surface::Profile, "x" | "twitter") => (160, CodePoints),
        (Surface::Post | Surface::Unknown, "x" | "twitter") => (280, XWeighted),
        (Surface::Post | Surface::Unknown, "bluesky") => (300, CodePoints),
        (Surface::Post | Surface::Unknown, "mastodon" | "threads") => (500, CodePoints),
        (Surface::Post | Surface::Unknown, "instagram" | "tiktok") => (2200, CodePoints),
        (Surface::Post | Surface::Unknown, "linkedin") => (3000, CodePoints),
        (Surface::Post | Surface::Unknown, "facebook") => (63206, CodePoints),
        _ => return None,
    };
    Some(limit)
}

/// The platform's name as people say it, for messages ("x" is "X").
pub fn display_name(platform: &str) -> Option<&'static str> {
    let name = match platform.to_ascii_lowercase().as_str() {
        "x" | "twitter" => "X",
        "facebook" => "Facebook",
        "instagram" => "Instagram",
        "linkedin" => "LinkedIn",
        "youtube" => "YouTube",
        "bluesky" => "Bluesky",
        "mastodon" => "Mastodon",
        "threads" => "Threads",
        "tiktok" => "TikTok",
        "reddit" => "Reddit",
        "nextdoor" => "Nextdoor",
        _ => return None,
    };
    Some(name)
}
