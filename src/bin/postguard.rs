//! `postguard`: the engine on the command line, for IT and for tests.
//!
//! `check --jsonl` is a stable contract: one JSON draft per input line, one JSON verdict
//! per output line, in order. A bad line gets an error object, never a crash.

use clap::{Parser, Subcommand};
use postguard::lines::{Bounded, Line};
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
        /// Longest input line, in bytes; a longer line gets an error answer, and is never held
        /// in memory.
        #[arg(long, default_value_t = postguard::lines::DEFAULT_MAX)]
        max_line_bytes: usize,
    },
    /// Score the engine on labelled drafts (tests/corpus/README.md): per section precision,
    /// recall and F1, false alarms, verdict accuracy, and every miss. Exits 1 when a minimum
    /// fails, 2 on a bad input line.
    Eval {
        /// Labelled JSON lines: a `check --jsonl` draft plus id, kind, expect, forbid, allow.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// A policy file to use instead of the embedded default.
        #[arg(long)]
        policy: Option<PathBuf>,
        /// Fail when any section's precision is under this (0 to 1).
        #[arg(long)]
        min_precision: Option<f64>,
        /// Fail when any section's recall is under this (0 to 1).
        #[arg(long)]
        min_recall: Option<f64>,
        /// Fail when more than this share of clean drafts raise a false alarm.
        #[arg(long)]
        max_false_alarms: Option<f64>,
        /// Fail when more than this share of near-misses raise a false alarm.
        #[arg(long)]
        max_near_miss_false_alarms: Option<f64>,
        /// A JSON file of minimums: the four above by their long names (underscores) and
        /// `sections`, a floor per section (`{"6.4": {"precision": 0.9, "recall": 0.85}}`).
        /// A section's own floor wins over the minimums for all; flags win over the file's.
        #[arg(long)]
        floors: Option<PathBuf>,
        /// Print the report as one JSON object.
        #[arg(long)]
        json: bool,
        /// Longest input line, in bytes; a longer line is a bad input line.
        #[arg(long, default_value_t = postguard::lines::DEFAULT_MAX)]
        max_line_bytes: usize,
    },
    /// Work with policy files.
    Policy {
        #[command(subcommand)]
        command: PolicyCommand,
    },
    /// The City's record of City-account posts, in one place.
    Records {
        #[command(subcommand)]
        command: RecordsCommand,
    },
}

#[derive(Subcommand)]
enum RecordsCommand {
    /// Receive the extensions' records and serve the custodian's search: HTTPS with
    /// --tls-cert and --tls-key, else plain HTTP (behind the City's TLS reverse proxy, or for
    /// a development build on this computer).
    Serve {
        /// sqlite:PATH (one City) or postgres://USER@HOST/DB (libpq's URL; ?host=/dir for a
        /// local socket).
        #[arg(long)]
        db: String,
        #[arg(long, default_value = "127.0.0.1:8787")]
        listen: std::net::SocketAddr,
        /// The extension's token (IT's records.token), one a line; POST needs one of these.
        #[arg(long)]
        token_file: PathBuf,
        /// The records custodian's token, one a line; searching needs one of these.
        #[arg(long)]
        custodian_token_file: PathBuf,
        /// Days a record is kept; default: records.retention_days of --policy, else 365.
        #[arg(long)]
        retention_days: Option<u32>,
        /// The policy whose records.retention_days applies.
        #[arg(long)]
        policy: Option<PathBuf>,
        /// Serve HTTPS: the certificate chain, PEM, leaf first.
        #[arg(long, requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// The certificate's private key, PEM (PKCS#8, PKCS#1 or SEC1).
        #[arg(long, requires = "tls_cert")]
        tls_key: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum PolicyCommand {
    /// Exit 0 if FILE is a valid policy; otherwise list each error with its field path.
    Validate {
        file: PathBuf,
        /// FILE is IT's managed configuration (a layer over the embedded default): a bare
        /// object of policy fields, a Chrome/Edge policy file with 3rdparty.extensions.<id>,
        /// or Firefox's policies.json.
        #[arg(long)]
        managed: bool,
    },
    /// Print the embedded default policy.
    Default,
    /// Write ADMX/ADML Group Policy templates for Chrome and Edge (from the managed schema):
    /// DIR/postguard_chrome.admx, DIR/postguard_edge.admx and DIR/en-US/*.adml.
    Admx {
        #[arg(long)]
        out: PathBuf,
        /// The extension id (that of your packed CRX, if you pack with your own key).
        #[arg(long, default_value = postguard::deploy::CHROME_ID)]
        id: String,
    },
    /// Print a filled example of IT's managed configuration for a platform's policy files.
    Template {
        #[arg(long, value_enum, default_value = "chrome-json")]
        format: postguard::deploy::Format,
        /// Chrome/Edge extension id (that of your packed CRX, if you pack with your own key).
        #[arg(long, default_value = postguard::deploy::CHROME_ID)]
        id: String,
        /// Where Chrome/Edge find the update manifest (update.xml).
        #[arg(long)]
        update_url: Option<String>,
        /// Where Firefox finds the signed package (.xpi).
        #[arg(long)]
        xpi_url: Option<String>,
        /// Your own managed configuration (a JSON object of policy fields, checked first)
        /// instead of the filled example.
        #[arg(long, conflicts_with = "minimal")]
        from: Option<PathBuf>,
        /// A skeleton for another city (name, email domains, accounts, contact email) instead
        /// of the filled example; every key it leaves out keeps the built-in value.
        #[arg(long)]
        minimal: bool,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check {
            policy,
            max_line_bytes,
            ..
        } => {
            let engine = match engine(policy.as_deref()) {
                Ok(e) => e,
                Err(e) => return fail(&e),
            };
            match check_lines(
                &engine,
                io::stdin().lock(),
                io::stdout().lock(),
                max_line_bytes,
            ) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&format!("postguard: {e}")),
            }
        }
        Command::Eval {
            files,
            policy,
            min_precision,
            min_recall,
            max_false_alarms,
            max_near_miss_false_alarms,
            floors,
            json,
            max_line_bytes,
        } => {
            let flags = postguard::eval::Floors {
                min_precision,
                min_recall,
                max_false_alarms_clean: max_false_alarms,
                max_false_alarms_near_miss: max_near_miss_false_alarms,
                ..Default::default()
            };
            let file = match floors.as_deref().map(|f| {
                std::fs::read_to_string(f)
                    .map_err(|e| e.to_string())
                    .and_then(|t| postguard::eval::Floors::from_json(&t))
                    .map_err(|e| format!("postguard: {}: {e}", f.display()))
            }) {
                None => Ok(Default::default()),
                Some(r) => r,
            };
            let floors = match file {
                Ok(file) => file.with(flags),
                Err(e) => return fail(&e),
            };
            match engine(policy.as_deref()) {
                Ok(engine) => eval(&engine, &files, &floors, json, max_line_bytes),
                Err(e) => fail(&e),
            }
        }
        Command::Policy {
            command:
                PolicyCommand::Validate {
                    file,
                    managed: true,
                },
        } => validate(&file, "valid managed configuration", |doc| {
            postguard::deploy::find_managed(doc)
                .into_iter()
                .map(|(at, cfg)| {
                    (
                        at,
                        postguard::policy::audit::layer(&cfg, postguard::rules::IDS),
                    )
                })
                .collect()
        }),
        Command::Policy {
            command:
                PolicyCommand::Template {
                    format,
                    id,
                    update_url,
                    xpi_url,
                    from,
                    minimal,
                },
        } => {
            use postguard::deploy;
            let mut target = deploy::Target {
                chrome_id: id,
                ..Default::default()
            };
            if let Some(u) = update_url {
                target.update_url = u;
            }
            if let Some(u) = xpi_url {
                target.xpi_url = u;
            }
            let managed = match from {
                None if minimal => deploy::minimal(),
                None => deploy::example(&Policy::west_allis()),
                Some(file) => match read_managed(&file) {
                    Ok(v) => v,
                    Err(e) => return fail(&e),
                },
            };
            print!("{}", deploy::template(format, &managed, &target));
            ExitCode::SUCCESS
        }
        Command::Policy {
            command: PolicyCommand::Validate { file, .. },
        } => validate(&file, "valid", |doc| {
            vec![(
                String::new(),
                postguard::policy::audit::policy(doc, postguard::rules::IDS),
            )]
        }),
        Command::Records {
            command:
                RecordsCommand::Serve {
                    db,
                    listen,
                    token_file,
                    custodian_token_file,
                    retention_days,
                    policy,
                    tls_cert,
                    tls_key,
                },
        } => {
            use postguard::records_service::{self as service, Config, Tls, Tokens};
            let config = (|| {
                let policy = policy.as_deref().map(load).transpose()?;
                Ok::<_, String>(Config {
                    db,
                    listen,
                    ingest: Tokens::read(&token_file)?,
                    custodian: Tokens::read(&custodian_token_file)?,
                    retention_days: retention_days.unwrap_or(
                        policy
                            .unwrap_or_else(Policy::west_allis)
                            .records
                            .retention_days,
                    ),
                    log: Config::stderr_log(),
                    tls: tls_cert.zip(tls_key).map(|(cert, key)| Tls { cert, key }),
                })
            })();
            match config.and_then(service::serve) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&format!("postguard records serve: {e}")),
            }
        }
        Command::Policy {
            command: PolicyCommand::Admx { out, id },
        } => {
            let write = |path: PathBuf, text: &str| {
                std::fs::create_dir_all(path.parent().expect("a file in a folder"))
                    .and_then(|()| std::fs::write(&path, text))
                    .map_err(|e| format!("{}: {e}", path.display()))
            };
            for t in postguard::deploy::admx::templates(&id) {
                let done = write(out.join(format!("{}.admx", t.name)), &t.admx).and_then(|()| {
                    write(out.join("en-US").join(format!("{}.adml", t.name)), &t.adml)
                });
                if let Err(e) = done {
                    return fail(&e);
                }
            }
            println!(
                "{}: Group Policy templates for Chrome and Edge",
                out.display()
            );
            ExitCode::SUCCESS
        }
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

/// A bare managed configuration from `path`, refused (with each error) unless it validates.
fn read_managed(path: &Path) -> Result<serde_json::Value, String> {
    let json = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let v: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| format!("{}: (document): {e}", path.display()))?;
    postguard::policy::layers::apply(&v, postguard::rules::IDS).map_err(|e| {
        e.errors
            .iter()
            .map(|f| format!("{}: {}: {}", path.display(), f.path, f.reason))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    Ok(v)
}

/// `policy validate`: every error in `path` at once and the warnings (on stderr); exit 1 on
/// an error. `audit` gives each configuration found in the document with its JSON path.
fn validate(
    path: &Path,
    valid: &str,
    audit: impl Fn(&serde_json::Value) -> Vec<(String, postguard::policy::audit::Audit)>,
) -> ExitCode {
    let doc = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: {e}", path.display()))
        .and_then(|json| {
            serde_json::from_str::<serde_json::Value>(&json)
                .map_err(|e| format!("{}: (document): {e}", path.display()))
        });
    let doc = match doc {
        Ok(d) => d,
        Err(e) => return fail(&e),
    };
    let found = audit(&doc);
    if found.is_empty() {
        return fail(&format!(
            "{}: no PostGuard configuration: expected 3rdparty.extensions.<id> (Chrome, Edge), \
             policies.3rdparty.Extensions.<id> (Firefox) or a bare object of policy fields",
            path.display()
        ));
    }
    let mut errors = 0;
    for (at, a) in &found {
        let full = |p: &str| match (at.as_str(), p) {
            ("", p) => p.to_string(),
            (at, "(document)") => at.to_string(),
            (at, p) => format!("{at}.{p}"),
        };
        for w in &a.warnings {
            eprintln!(
                "{}: warning: {}: {}",
                path.display(),
                full(&w.path),
                w.reason
            );
        }
        for e in &a.errors {
            eprintln!("{}: {}: {}", path.display(), full(&e.path), e.reason);
        }
        errors += a.errors.len();
    }
    if errors > 0 {
        eprintln!("{}: {errors} error(s)", path.display());
        return ExitCode::FAILURE;
    }
    println!("{}: {valid}", path.display());
    ExitCode::SUCCESS
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

/// The engine for the embedded policy, or for the policy file given.
fn engine(policy: Option<&Path>) -> Result<Engine, String> {
    Ok(Engine::new(
        policy
            .map(load)
            .transpose()?
            .unwrap_or_else(Policy::west_allis),
    ))
}

/// Line `n` (0-based) of a `check --jsonl` input as a draft, with the line's text; None for
/// a blank line. The error names the line. `eval` reads its cases through this too, so a
/// case is checked exactly as `check --jsonl` would check it.
fn draft_line(line: &[u8], n: usize) -> Option<Result<(Draft, &str), String>> {
    // Invalid UTF-8 is that line's problem, not the whole run's.
    match std::str::from_utf8(line) {
        Ok(l) if l.trim().is_empty() => None,
        Ok(l) => Some(
            serde_json::from_str::<Draft>(l)
                .map(|d| (d, l))
                .map_err(|e| format!("line {}: {e}", n + 1)),
        ),
        Err(e) => Some(Err(format!("line {}: not UTF-8: {e}", n + 1))),
    }
}

fn check_lines(
    engine: &Engine,
    input: impl BufRead,
    output: impl Write,
    max: usize,
) -> io::Result<()> {
    let mut out = BufWriter::new(output);
    for (n, line) in Bounded::new(input, max).enumerate() {
        let answer = match line? {
            Line::TooLong(len) => serde_json::json!({ "error": too_long(n, len, max) }),
            Line::Text(line) => match draft_line(&line, n) {
                None => continue,
                Some(Ok((draft, _))) => {
                    serde_json::to_value(engine.evaluate(&draft)).expect("verdicts serialize")
                }
                Some(Err(e)) => serde_json::json!({ "error": e }),
            },
        };
        serde_json::to_writer(&mut out, &answer)?;
        out.write_all(b"\n")?;
        // Each answer as soon as it is known: a caller may wait for it before sending more.
        out.flush()?;
    }
    Ok(())
}

fn too_long(n: usize, len: u64, max: usize) -> String {
    format!(
        "line {}: {len} bytes, longer than the maximum of {max} (--max-line-bytes); skipped",
        n + 1
    )
}

/// `postguard eval`: checks every case as `check --jsonl` would, then scores and prints.
fn eval(
    engine: &Engine,
    files: &[PathBuf],
    floors: &postguard::eval::Floors,
    json: bool,
    max: usize,
) -> ExitCode {
    use postguard::eval;
    let mut pairs = Vec::new();
    let mut bad = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for file in files {
        let input = match std::fs::File::open(file) {
            Ok(f) => io::BufReader::new(f),
            Err(e) => return fail(&format!("{}: {e}", file.display())),
        };
        for (n, line) in Bounded::new(input, max).enumerate() {
            let line = match line {
                Ok(Line::Text(l)) => l,
                Ok(Line::TooLong(len)) => {
                    bad.push(format!("{}: {}", file.display(), too_long(n, len, max)));
                    continue;
                }
                Err(e) => return fail(&format!("{}: {e}", file.display())),
            };
            let at = format!("{}: line {}", file.display(), n + 1);
            let case = match draft_line(&line, n) {
                None => continue,
                Some(Err(e)) => Err(e),
                Some(Ok((draft, l))) => eval::Case::from_json(l, &at)
                    .map(|c| (c, draft))
                    .map_err(|e| format!("line {}: {e}", n + 1)),
            };
            match case {
                Ok((c, _)) if seen.contains_key(&c.id) => {
                    bad.push(format!("{at}: id {:?} is also at {}", c.id, seen[&c.id]))
                }
                Ok((c, draft)) => {
                    seen.insert(c.id.clone(), at);
                    let verdict = engine.evaluate(&draft);
                    pairs.push((c, verdict));
                }
                Err(e) => bad.push(format!("{}: {e}", file.display())),
            }
        }
    }
    let report = eval::score(&pairs);
    let mut failures = eval::failures(&report, floors);
    if !bad.is_empty() {
        failures.push(format!(
            "FAIL: {} bad input line(s); the scores leave them out",
            bad.len()
        ));
    }
    let text = if json {
        let mut v = serde_json::to_value(&report).expect("reports serialize");
        v["failures"] = failures.clone().into();
        v["errors"] = bad.clone().into();
        format!("{v}\n")
    } else {
        eval::render(&report)
    };
    // A closed pipe (`| head`) is the reader's choice, not an error worth a panic.
    let _ = io::stdout().lock().write_all(text.as_bytes());
    for e in bad.iter().chain(&failures) {
        eprintln!("{e}");
    }
    match (bad.is_empty(), failures.is_empty()) {
        (false, _) => ExitCode::from(2),
        (true, false) => ExitCode::FAILURE,
        (true, true) => ExitCode::SUCCESS,
    }
}
