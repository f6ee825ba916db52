// Evaluations of one bench draft, for a noise-free profile on a busy machine:
//   cargo build --release --example callgrind
//   valgrind --tool=callgrind target/release/examples/callgrind [LENGTH [TIMES]]
// LENGTH defaults to the 64 KB paste, TIMES to 1.
#[path = "../benches/engine.rs"]
#[allow(dead_code)]
mod engine_bench;
fn main() {
    let mut args = std::env::args()
        .skip(1)
        .map(|a| a.parse::<usize>().expect("a number"));
    let (len, times) = (args.next().unwrap_or(65536), args.next().unwrap_or(1));
    let d = engine_bench::draft(len);
    let e = postguard::Engine::default();
    for _ in 0..times {
        std::hint::black_box(e.evaluate(&d));
    }
}
