// Chooses the policy embedded as the default: West Allis 1317, or the file named by
// POSTGUARD_POLICY (`./build.sh --policy city.json` sets it for another city).
fn main() {
    println!("cargo:rerun-if-env-changed=POSTGUARD_POLICY");
    let path = match std::env::var("POSTGUARD_POLICY") {
        Ok(p) if !p.is_empty() => {
            std::fs::canonicalize(&p).unwrap_or_else(|e| panic!("POSTGUARD_POLICY={p}: {e}"))
        }
        _ => std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap())
            .join("src/policy/west-allis-1317.json"),
    };
    println!("cargo:rerun-if-changed={}", path.display());
    println!(
        "cargo:rustc-env=POSTGUARD_DEFAULT_POLICY={}",
        path.display()
    );
}
