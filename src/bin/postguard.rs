//! `postguard`: the engine on the command line, for IT and for tests.
//!
//! `check --jsonl` is a stable contract: one JSON draft per input line, one JSON verdict
//! per output line, in order. A bad line gets an error object, never a crash.

use clap::{Parser, Subcommand};
use postguard::{Draft, Engine, Policy};
use std::io::{self, BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "postguard",
    version,
    about = "Check social media drafts against a City's Social Media Policy"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check drafts: JSON lines on stdin, one verdict line each on stdout.
    Check {
        /// Read JSON lines (the only input format today; required so others can come later).
        #[arg(long, required = true)]
        jsonl: bool,
        /// A policy file to use instead of the embedded default.
        #[arg(long)]
        policy: Option<PathBuf>,
    },
    /// Work with policy files.
    Policy {
        #[command(subcommand)]
        command: PolicyCommand,
    },
}

#[derive(Subcommand)]
enum PolicyCommand {
    /// Exit 0 if FILE is a valid policy; otherwise list each error with its field path.
    Validate { file: PathBuf },
    /// Print the embedded default policy.
    Default,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check { policy, .. } => {
            let engine = match policy.as_deref().map(load).transpose() {
                Ok(p) => Engine::new(p.unwrap_or_else(Policy::west_allis)),
                Err(e) => return fail(&e),
            };
            match check_lines(&engine, io::stdin().lock(), io::stdout().lock()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&format!("postguard: {e}")),
            }
        }
        Command::Policy {
            command: PolicyCommand::Validate { file },
        } => match load(&file) {
            Ok(_) => {
                println!("{}: valid", file.display());
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
        Command::Policy {
            command: PolicyCommand::Default,
        } => {
            print!("{}", postguard::policy::DEFAULT_POLICY_JSON);
            ExitCode::SUCCESS
        }
    }
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("{msg}");
    ExitCode::FAILURE
}

/// Reads and validates a policy file; the error names the file and each bad field.
fn load(path: &Path) -> Result<Policy, String> {
    let json = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Policy::from_json(&json).map_err(|e| {
        e.errors
            .iter()
            .map(|f| format!("{}: {}: {}", path.display(), f.path, f.reason))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

fn check_lines(engine: &Engine, input: impl BufRead, output: impl Write) -> io::Result<()> {
    let mut out = BufWriter::new(output);
    for (n, line) in input.split(b'\n').enumerate() {
        let line = line?;
        // Invalid UTF-8 is that line's problem, not the whole run's.
        let answer = match std::str::from_utf8(&line) {
            Ok(l) if l.trim().is_empty() => continue,
            Ok(l) => match serde_json::from_str::<Draft>(l) {
                Ok(draft) => {
                    serde_json::to_value(engine.evaluate(&draft)).expect("verdicts serialize")
                }
                Err(e) => serde_json::json!({"error": format!("line {}: {e}", n + 1)}),
            },
            Err(e) => serde_json::json!({"error": format!("line {}: not UTF-8: {e}", n + 1)}),
        };
        serde_json::to_writer(&mut out, &answer)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
