// One 64 KB evaluation, for a noise-free profile on a busy machine:
//   cargo build --release --example callgrind && valgrind --tool=callgrind target/release/examples/callgrind
#[path = "../benches/engine.rs"]
#[allow(dead_code)]
mod engine_bench;
fn main() {
    let d = engine_bench::draft(65536);
    let e = postguard::Engine::default();
    std::hint::black_box(e.evaluate(&d));
}
