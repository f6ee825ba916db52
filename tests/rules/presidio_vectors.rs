//! PostGuard's PII scanner against Microsoft Presidio's published recognizer test vectors
//! (tests/data/presidio_vectors.json). Run with `--nocapture` for the side-by-side table.

use postguard::pii::{scan, Kind, Lists};
use postguard::Policy;
use serde_json::Value;

/// The kind's name as the data file spells it ("ssn", "bank_account").
fn name(kind: Kind) -> String {
    serde_json::to_value(kind)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

fn spans(v: &Value) -> Vec<(usize, usize)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s[0].as_u64().unwrap() as usize,
                s[1].as_u64().unwrap() as usize,
            )
        })
        .collect()
}

#[test]
fn presidio_vectors_side_by_side() {
    let data: Value = serde_json::from_str(include_str!("../data/presidio_vectors.json")).unwrap();
    let policy = Policy::west_allis();
    let lists = Lists::new(&policy);
    let mut table = vec![format!(
        "{:<22} {:<42} {:<26} {:<20} agree",
        "recognizer", "text", "Presidio (score)", "PostGuard"
    )];
    let (mut agree, mut total) = (0, 0);
    for row in data["vectors"].as_array().unwrap() {
        let recognizer = row["recognizer"].as_str().unwrap();
        let text = row["text"].as_str().unwrap();
        let want_kind = data["kinds"][recognizer].as_str().unwrap();
        let words: Vec<_> = postguard::text::words(text).collect();
        let got: Vec<(usize, usize)> = scan(text, &words, &lists, &policy)
            .into_iter()
            .filter(|h| name(h.kind) == want_kind)
            .map(|h| (h.start, h.end))
            .collect();
        let presidio = spans(&row["presidio"]["spans"]);
        let agrees = row["agrees"].as_bool().unwrap();
        let expected = if agrees {
            presidio.clone()
        } else {
            spans(&row["postguard"])
        };
        assert_eq!(got, expected, "{recognizer} {text:?}: {}", row["note"]);
        total += 1;
        agree += usize::from(got == presidio);
        let short: String = text.chars().take(40).collect();
        table.push(format!(
            "{:<22} {:<42} {:<26} {:<20} {}",
            recognizer.trim_end_matches("Recognizer"),
            format!("{short:?}"),
            format!(
                "{} {}",
                presidio.len(),
                row["presidio"]["score"].as_str().unwrap_or("")
            ),
            got.len(),
            if got == presidio {
                "yes"
            } else {
                "no: see note"
            }
        ));
    }
    println!(
        "{}\nPostGuard matches Presidio on {agree} of {total} vectors.",
        table.join("\n")
    );
    // Every disagreement is a row with `"agrees": false` and a note; none creeps in unseen.
    assert_eq!(total, 55);
    assert_eq!(agree, 47);
}
