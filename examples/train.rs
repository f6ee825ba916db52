//! Trains the model's heads (src/model/) from the corpus's train split and writes
//! src/model/weights.bin, which the engine compiles in:
//!
//!     cargo run --release --example train [-- tests/corpus/train.jsonl [src/model/weights.bin [tests/corpus/dev.jsonl]]]
//!
//! Given the dev split, it also prints each head's precision and recall there at a few
//! thresholds, to choose [`threshold`] from (never from test).
//!
//! Deterministic: a fixed seed, fixed epochs, no clock. Each head learns from the cases its
//! rule judges (City or personal account, a draft) whose labels take a side on its section:
//! positive if the case expects the section, negative if it forbids it (or `*`) without
//! allowing it. Never train on dev or test.

use postguard::context::TargetKind;
use postguard::model::{features, lexicon_feature, may_fire, Feature, Head, BUCKETS, HEADS};
use postguard::rules::{model_input, Facts, Lexicons};
use postguard::{Draft, Policy};
use serde_json::Value;

const EPOCHS: usize = 30;
const RATE: f32 = 0.3;
const L2: f32 = 1e-4;

/// The section of each head, and the rule id a label may use instead.
fn section(head: Head) -> (&'static str, &'static str) {
    match head {
        Head::Personal => ("6.4", "city-account-personal-context"),
        Head::Political => ("6.5.2.5", "political-activity"),
        Head::Official => ("6.4.1.1", "official-position"),
        Head::Business => ("6.4.1.4", "city-business-personal-account"),
    }
}

/// The probability above which a head fires, chosen on the dev split.
fn threshold(head: Head) -> f32 {
    match head {
        Head::Personal => 0.7,
        // Off: on dev it lowered precision (0.80 → 0.71) for little recall; the lists decide
        // §6.5.2.5 until the corpus has more political drafts to learn from.
        Head::Political => 1.01,
        // With the official-voice and staff-action features, both heads are precise on dev
        // from 0.7 up (P 1.00; R 1.00 and 0.91); 0.8 leaves a margin for unseen drafts.
        Head::Official => 0.8,
        Head::Business => 0.8,
    }
}

fn labels(case: &Value, key: &str) -> Vec<String> {
    case[key]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let input = args
        .first()
        .map_or("tests/corpus/train.jsonl", String::as_str);
    let output = args.get(1).map_or("src/model/weights.bin", String::as_str);
    let policy = Policy::west_allis();
    let lexicons = Lexicons::new(&policy);
    let sets = cases(input, &policy, &lexicons);
    // The dev split only reports, so a threshold can be chosen without touching test.
    let dev = args.get(2).map(|d| cases(d, &policy, &lexicons));

    let mut heads = Vec::new();
    for head in HEADS {
        let set = &sets[head as usize];
        let (w, bias) = train(set);
        let positives = set.iter().filter(|(_, y)| *y > 0.5).count();
        let right = set
            .iter()
            .filter(|(x, y)| (logit(&w, bias, x) > 0.0) == (*y > 0.5))
            .count();
        let nonzero = w.iter().filter(|x| x.abs() > 1e-3).count();
        eprintln!(
            "{:<9} {} cases ({} positive), train accuracy {:.3}, {} weights in use",
            head.name(),
            set.len(),
            positives,
            right as f32 / set.len().max(1) as f32,
            nonzero
        );
        if let Some(dev) = &dev {
            sweep(head, &w, bias, &dev[head as usize]);
        }
        heads.push((bias, w, threshold(head)));
    }
    let table: Vec<(f32, &[f32], f32)> = heads
        .iter()
        .map(|(b, w, t)| (*b, w.as_slice(), *t))
        .collect();
    let bytes = postguard::model::encode(&table);
    std::fs::write(output, &bytes).unwrap_or_else(|e| panic!("{output}: {e}"));
    eprintln!("wrote {output}: {} bytes", bytes.len());
}

/// Per head: (features, label) of every case in `input` it learns from.
fn cases(input: &str, policy: &Policy, lexicons: &Lexicons) -> Vec<Vec<(Vec<Feature>, f32)>> {
    let text = std::fs::read_to_string(input).unwrap_or_else(|e| panic!("{input}: {e}"));

    // Per head: (features, label) of every case it learns from.
    let mut sets: Vec<Vec<(Vec<Feature>, f32)>> = vec![Vec::new(); HEADS.len()];
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).expect("a JSON case");
        let draft: Draft = serde_json::from_str(line).expect("a draft");
        let ctx = &draft.context;
        let facts = Facts {
            policy,
            ctx,
            text: &draft.text,
            words: postguard::text::words(&draft.text).collect(),
            city: ctx.city_account(policy),
            signer: Default::default(),
            lexicons,
            folded: Default::default(),
            t: Default::default(),
        };
        let (expect, forbid, allow) = (
            labels(&case, "expect"),
            labels(&case, "forbid"),
            labels(&case, "allow"),
        );
        // A post on a private person's wall is §6.4 by where it goes, not by its words.
        let private = ctx
            .target
            .as_ref()
            .is_some_and(|t| t.kind == TargetKind::Person);
        for head in HEADS {
            let Some(score) = model_input(&facts, head) else {
                continue;
            };
            if head == Head::Personal && private {
                continue;
            }
            let (s, id) = section(head);
            let is = |l: &Vec<String>| l.iter().any(|x| x == s || x == id);
            let label = if is(&expect) {
                1.0
            } else if !is(&allow) && (is(&forbid) || forbid.iter().any(|x| x == "*")) {
                0.0
            } else {
                continue;
            };
            let mut x = features(facts.text, &facts.words);
            x.push(lexicon_feature(score));
            sets[head as usize].push((x, label));
        }
    }
    sets
}

/// The head's precision and recall alone (the lists aside) on `set` at a few thresholds.
fn sweep(head: Head, w: &[f32], bias: f32, set: &[(Vec<Feature>, f32)]) {
    let mut line = format!("{:<9} dev", head.name());
    for t in [0.5f32, 0.7, 0.8, 0.9, 0.95, 0.98] {
        let (mut tp, mut fp, mut fns) = (0, 0, 0);
        for (x, y) in set {
            let fires = 1.0 / (1.0 + (-logit(w, bias, x)).exp()) >= t && may_fire(head, x);
            match (fires, *y > 0.5) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fns += 1,
                _ => {}
            }
        }
        let ratio = |a: i32, b: i32| a as f32 / (a + b).max(1) as f32;
        line += &format!("  {t}: P {:.2} R {:.2}", ratio(tp, fp), ratio(tp, fns));
    }
    eprintln!("{line}");
}

fn logit(w: &[f32], bias: f32, x: &[Feature]) -> f32 {
    bias + x
        .iter()
        .map(|f| w[f.bucket as usize] * f.value)
        .sum::<f32>()
}

/// Logistic regression by AdaGrad, classes weighted to balance, in a seeded order.
fn train(set: &[(Vec<Feature>, f32)]) -> (Vec<f32>, f32) {
    let mut w = vec![0f32; BUCKETS];
    let mut g2 = vec![1e-6f32; BUCKETS];
    let (mut bias, mut b2) = (0f32, 1e-6f32);
    let pos = set.iter().filter(|(_, y)| *y > 0.5).count().max(1) as f32;
    let neg = (set.len() as f32 - pos).max(1.0);
    let mut order: Vec<usize> = (0..set.len()).collect();
    let mut seed: u64 = 1317;
    for _ in 0..EPOCHS {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            let (x, y) = &set[i];
            let p = 1.0 / (1.0 + (-logit(&w, bias, x)).exp());
            let weight = if *y > 0.5 {
                set.len() as f32 / (2.0 * pos)
            } else {
                set.len() as f32 / (2.0 * neg)
            };
            let err = (p - y) * weight;
            for f in x {
                let k = f.bucket as usize;
                let g = err * f.value + L2 * w[k];
                g2[k] += g * g;
                w[k] -= RATE * g / g2[k].sqrt();
            }
            b2 += err * err;
            bias -= RATE * err / b2.sqrt();
        }
    }
    (w, bias)
}
