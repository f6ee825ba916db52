//! Engine cost per draft: a 280-character post, a 64 KB paste, and growth with length.
//!
//! Run: `cargo bench --bench engine`. The same drafts are timed in WASM by bench/wasm.mjs.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use postguard::context::{Account, Surface};
use postguard::policy::User;
use postguard::{Context, Draft, Engine};
use std::hint::black_box;

/// A City-account reply mixing business words, personal markers, emails and links, so
/// every rule does real work.
const SEED: &str = "Thanks for asking! Greenfield Ave is closed Tuesday for sewer work; \
detour via 70th St. Details at https://www.westalliswi.gov/roads or write to \
permits@westalliswi.gov. lol my kids say hi, can't wait for the weekend. ";

pub fn draft(len: usize) -> Draft {
    let text: String = SEED.chars().cycle().take(len).collect();
    Draft {
        text,
        context: Context {
            platform: Some("x".into()),
            account: Some(Account {
                handle: Some("CityofWestAllis".into()),
                name: Some("City of West Allis".into()),
            }),
            surface: Surface::Reply,
            user: Some(User {
                email: Some("jdoe@westalliswi.gov".into()),
                name: Some("Jane Doe".into()),
                title: Some("Communications Specialist".into()),
                ..User::default()
            }),
            ..Context::default()
        },
    }
}

fn per_draft(c: &mut Criterion) {
    let engine = Engine::default();
    let mut g = c.benchmark_group("evaluate");
    for (name, len) in [("280 chars", 280), ("64 KB paste", 64 * 1024)] {
        let d = draft(len);
        g.bench_function(name, |b| b.iter(|| engine.evaluate(black_box(&d))));
    }
    g.finish();
}

fn scaling(c: &mut Criterion) {
    let engine = Engine::default();
    let mut g = c.benchmark_group("evaluate by length");
    g.sample_size(20);
    for len in [1 << 10, 16 << 10, 256 << 10, 1 << 20] {
        let d = draft(len);
        g.throughput(Throughput::Bytes(len as u64));
        g.bench_with_input(BenchmarkId::from_parameter(len), &d, |b, d| {
            b.iter(|| engine.evaluate(black_box(d)))
        });
    }
    g.finish();
}

criterion_group!(benches, per_draft, scaling);
criterion_main!(benches);
