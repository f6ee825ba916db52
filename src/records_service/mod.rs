//! `postguard records serve`: the City's record of City-account posts in one place (§7.0: City
//! social media content "must be able to be managed, stored and retrieved"). The extensions
//! POST their batches here (`postguard-records/1`, see `crate::records`); the records
//! custodian searches and exports them for a public-records request.
//!
//! Append-only: no request deletes or edits a record. Only retention removes records, those
//! submitted more than `records.retention_days` ago, and it logs how many. Logs never hold a
//! record's text (nor a search's words).

pub mod query;
pub mod store;

use crate::records::{self, Record, FORMAT};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use query::Filter;
use serde::Deserialize;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
pub use store::Store;
use subtle::ConstantTimeEq;

/// A POST body larger than this is refused (413); the extension sends at most
/// `records::BATCH` records, far below it.
pub const BODY_LIMIT: usize = 4 << 20;
/// Records in one POST, at most.
pub const MAX_BATCH: usize = 1000;
/// JSON nesting a batch may have: a record is 5 deep in its batch; serde_json's own limit
/// (128) is far more than a batch needs.
pub const MAX_DEPTH: usize = 16;
const DAY_MS: i64 = 86_400_000;

/// Where the service's log lines go (stderr for the CLI; a buffer in tests).
pub type Log = Arc<dyn Fn(String) + Send + Sync>;

/// The bearer tokens that may use one side of the service, one per line of a file.
#[derive(Clone)]
pub struct Tokens(Vec<Vec<u8>>);

impl Tokens {
    pub fn new<S: AsRef<str>>(tokens: &[S]) -> Result<Tokens, String> {
        let tokens: Vec<Vec<u8>> = tokens
            .iter()
            .map(|t| t.as_ref().trim())
            .filter(|t| !t.is_empty())
            .map(|t| t.as_bytes().to_vec())
            .collect();
        if tokens.is_empty() {
            return Err("no token (one a line)".into());
        }
        if let Some(short) = tokens.iter().position(|t| t.len() < 16) {
            return Err(format!("token {} is shorter than 16 characters", short + 1));
        }
        Ok(Tokens(tokens))
    }

    pub fn read(path: &Path) -> Result<Tokens, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let lines: Vec<&str> = text.lines().collect();
        Tokens::new(&lines).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Whether `Authorization: Bearer <token>` names one of these, compared in constant time
    /// (every token is compared, whichever matches).
    fn allow(&self, headers: &HeaderMap) -> bool {
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.as_bytes().strip_prefix(b"Bearer "))
            .unwrap_or(b"");
        let mut ok = subtle::Choice::from(0);
        for t in &self.0 {
            ok |= t.as_slice().ct_eq(given);
        }
        !given.is_empty() && bool::from(ok)
    }
}

pub struct Config {
    /// `sqlite:PATH` or `postgres://…`.
    pub db: String,
    pub listen: SocketAddr,
    /// The extension's token (IT's `records.token` in the managed policy).
    pub ingest: Tokens,
    /// The records custodian's token: searching is not for every browser holding the first.
    pub custodian: Tokens,
    pub retention_days: u32,
    pub log: Log,
    /// Serve HTTPS with this certificate chain and key (PEM files), instead of plain HTTP.
    pub tls: Option<Tls>,
}

/// `--tls-cert` and `--tls-key`: PEM files (the chain, leaf first; a PKCS#8, PKCS#1 or SEC1 key).
#[derive(Clone)]
pub struct Tls {
    pub cert: PathBuf,
    pub key: PathBuf,
}

impl Config {
    pub fn stderr_log() -> Log {
        Arc::new(|line| eprintln!("records: {line}"))
    }
}

struct App {
    store: Store,
    ingest: Tokens,
    custodian: Tokens,
    log: Log,
}

/// A service running on its own threads, for tests and the load test; stops when dropped.
pub struct Running {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Running {
    pub fn stop(mut self) {
        self.halt();
    }
    fn halt(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.halt();
    }
}

/// Starts the service on its own runtime; returns once it listens.
pub fn start(config: Config) -> Result<Running, String> {
    let (ready, bound) = std::sync::mpsc::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let rt = match runtime() {
            Ok(rt) => rt,
            Err(e) => return drop(ready.send(Err(e))),
        };
        rt.block_on(async move {
            match bind(config).await {
                Err(e) => drop(ready.send(Err(e))),
                Ok(bound) => {
                    let _ = ready.send(Ok(bound.addr));
                    let _ = bound
                        .run(async {
                            let _ = stopped.await;
                        })
                        .await;
                }
            }
        });
    });
    let addr = bound
        .recv()
        .map_err(|_| "the service thread ended".to_string())??;
    Ok(Running {
        addr,
        stop: Some(stop),
        thread: Some(thread),
    })
}

/// Runs the service until Ctrl-C or SIGTERM (the CLI).
pub fn serve(config: Config) -> Result<(), String> {
    runtime()?.block_on(async move {
        let log = config.log.clone();
        let bound = bind(config).await?;
        let scheme = if bound.tls.is_some() { "https" } else { "http" };
        log(format!("listening on {scheme}://{}", bound.addr));
        bound.run(shutdown()).await.map_err(|e| e.to_string())?;
        log("stopped".into());
        Ok(())
    })
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())
}

async fn shutdown() {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("SIGTERM handler");
        tokio::select! { _ = tokio::signal::ctrl_c() => {}, _ = term.recv() => {} }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

/// A listening socket with its app, ready to run.
struct Bound {
    listener: tokio::net::TcpListener,
    app: Router,
    addr: SocketAddr,
    tls: Option<axum_server::tls_rustls::RustlsConfig>,
}

impl Bound {
    /// Serves until `stop` completes, then lets requests in flight finish.
    async fn run(
        self,
        stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let Some(tls) = self.tls else {
            return axum::serve(self.listener, self.app)
                .with_graceful_shutdown(stop)
                .await;
        };
        let handle = axum_server::Handle::new();
        let on_stop = handle.clone();
        tokio::spawn(async move {
            stop.await;
            on_stop.graceful_shutdown(Some(Duration::from_secs(10)));
        });
        axum_server::from_tcp_rustls(self.listener.into_std()?, tls)?
            .handle(handle)
            .serve(self.app.into_make_service())
            .await
    }
}

async fn bind(config: Config) -> Result<Bound, String> {
    // The certificate first: a bad file is an error before anything listens or opens.
    let tls = match &config.tls {
        None => None,
        Some(t) => Some(
            axum_server::tls_rustls::RustlsConfig::from_pem_file(&t.cert, &t.key)
                .await
                .map_err(|e| {
                    format!(
                        "--tls-cert {} --tls-key {}: {e}",
                        t.cert.display(),
                        t.key.display()
                    )
                })?,
        ),
    };
    let store = Store::open(&config.db).await?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| format!("--listen {}: {e}", config.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    tokio::spawn(retention(
        store.clone(),
        config.retention_days,
        config.log.clone(),
    ));
    let app = Arc::new(App {
        store,
        ingest: config.ingest,
        custodian: config.custodian,
        log: config.log,
    });
    Ok(Bound {
        listener,
        app: router(app),
        addr,
        tls,
    })
}

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route(
            "/v1/records",
            post(ingest)
                .get(search)
                .options(|| async { StatusCode::NO_CONTENT }),
        )
        .layer(middleware::from_fn(cors))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .route(
            "/",
            get(|| async { page(PAGE_HTML, "text/html; charset=utf-8") }),
        )
        .route(
            "/search.js",
            get(|| async { page(PAGE_JS, "text/javascript; charset=utf-8") }),
        )
        .with_state(app)
}

const PAGE_HTML: &str = include_str!("search.html");
const PAGE_JS: &str = include_str!("search.js");

fn page(body: &'static str, kind: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'",
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        body,
    )
        .into_response()
}

/// Removes expired records at start and then hourly.
async fn retention(store: Store, days: u32, log: Log) {
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tick.tick().await;
        let before = now_ms() - i64::from(days) * DAY_MS;
        match store.expire(before).await {
            Ok(n) => log(format!(
                "retention: removed {n} records submitted before {} ({days} days)",
                records::rfc3339(before.max(0) as u64)
            )),
            Err(e) => log(format!("retention: {e}")),
        }
    }
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// CORS for the extensions: their pages' origins may POST (a fetch with a JSON body and an
/// Authorization header is always preflighted); no web page's origin may.
async fn cors(req: Request, next: Next) -> Response {
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .filter(|o| {
            let o = o.as_bytes();
            [
                &b"chrome-extension://"[..],
                b"moz-extension://",
                b"safari-web-extension://",
            ]
            .iter()
            .any(|p| o.starts_with(p))
        })
        .cloned();
    let preflight = req.method() == Method::OPTIONS;
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
    if let Some(o) = origin {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, o);
        if preflight {
            h.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("POST, GET"),
            );
            h.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static("authorization, content-type"),
            );
            h.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("86400"),
            );
        }
    }
    res
}

fn error(status: StatusCode, reason: &str) -> Response {
    let mut res = (status, axum::Json(serde_json::json!({ "error": reason }))).into_response();
    if status == StatusCode::UNAUTHORIZED {
        res.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    res
}

#[derive(Deserialize)]
struct Batch {
    format: String,
    #[serde(default)]
    city: String,
    records: Vec<Record>,
}

/// Why a body is not a batch: the answer to the sender, and the line to log (which never
/// quotes the body, since serde's messages can quote a record's text).
fn batch(body: &[u8]) -> Result<Batch, (String, String)> {
    if too_deep(body, MAX_DEPTH) {
        let r = format!("JSON nested deeper than {MAX_DEPTH} levels");
        return Err((r.clone(), r));
    }
    let b: Batch = serde_json::from_slice(body).map_err(|e| {
        (
            format!("not a {FORMAT} batch: {e}"),
            format!(
                "not a {FORMAT} batch: {:?} error at line {} column {}",
                e.classify(),
                e.line(),
                e.column()
            ),
        )
    })?;
    let fail = |r: String| Err((r.clone(), r));
    if b.format != FORMAT {
        return fail(format!("format must be {FORMAT:?}"));
    }
    if b.records.len() > MAX_BATCH {
        return fail(format!("at most {MAX_BATCH} records in one batch"));
    }
    if let Some(i) = b
        .records
        .iter()
        .position(|r| r.id.is_empty() || r.id.len() > 128 || r.id.chars().any(char::is_control))
    {
        return fail(format!("record {i}: id must be 1 to 128 characters"));
    }
    Ok(b)
}

/// Whether `json` nests arrays and objects deeper than `max` (strings skipped).
fn too_deep(json: &[u8], max: usize) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &b in json {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

async fn ingest(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> Response {
    if !app.ingest.allow(&headers) {
        (app.log)("ingest: 401 (no valid token)".into());
        return error(StatusCode::UNAUTHORIZED, "a valid Bearer token is required");
    }
    let b = match batch(&body) {
        Ok(b) => b,
        Err((answer, logged)) => {
            (app.log)(format!("ingest: 400 {logged}"));
            return error(StatusCode::BAD_REQUEST, &answer);
        }
    };
    match app.store.insert(&b.city, &b.records, now_ms()).await {
        Ok(stored) => {
            let received = b.records.len() as u64;
            (app.log)(format!(
                "ingest: {received} records, {stored} new, {} already stored",
                received - stored
            ));
            axum::Json(serde_json::json!({ "received": received, "stored": stored }))
                .into_response()
        }
        Err(e) => {
            (app.log)(format!("ingest: 503 {e}"));
            error(
                StatusCode::SERVICE_UNAVAILABLE,
                "the record store is unavailable; retry",
            )
        }
    }
}

async fn search(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(fields): Query<HashMap<String, String>>,
) -> Response {
    if !app.custodian.allow(&headers) {
        (app.log)("search: 401 (no valid custodian token)".into());
        return error(
            StatusCode::UNAUTHORIZED,
            "the custodian's Bearer token is required",
        );
    }
    let filter = match Filter::parse(&fields) {
        Ok(f) => f,
        Err(reason) => return error(StatusCode::BAD_REQUEST, &reason),
    };
    let page = match app.store.search(&filter).await {
        Ok(p) => p,
        Err(e) => {
            (app.log)(format!("search: 503 {e}"));
            return error(
                StatusCode::SERVICE_UNAVAILABLE,
                "the record store is unavailable",
            );
        }
    };
    let mut named: Vec<&str> = fields.keys().map(String::as_str).collect();
    named.sort_unstable();
    (app.log)(format!(
        "search: {} of {} records (by {})",
        page.records.len(),
        page.total,
        if named.is_empty() {
            "nothing".into()
        } else {
            named.join(", ")
        }
    ));
    if filter.csv {
        let name = records::file_name(now_ms() as u64, "csv");
        return (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
                (
                    header::HeaderName::from_static("x-total-count"),
                    page.total.to_string(),
                ),
            ],
            records::to_csv(&page.records),
        )
            .into_response();
    }
    axum::Json(serde_json::json!({
        "format": FORMAT,
        "total": page.total,
        "offset": filter.offset,
        "limit": filter.limit,
        "records": page.records,
    }))
    .into_response()
}
