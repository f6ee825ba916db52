//! `postguard records serve`: the same tests against SQLite and against a real PostgreSQL,
//! which tests/pg.sh starts for this test run (or POSTGUARD_PG names one), and the load test.

use postguard::records::{self, Record, FORMAT};
use postguard::records_service::{self as service, Config, Running, Tokens};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

const INGEST: &str = "ingest-token-0123456789";
const CUSTODIAN: &str = "custodian-token-0123456789";
const DAY: u64 = 86_400_000;

/// A database for one test: a new SQLite file, or a new database in the test run's PostgreSQL.
fn database(pg: bool) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let name = format!("t{}_{n}", std::process::id());
    if !pg {
        let dir = std::env::temp_dir().join("postguard-records-tests");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.sqlite"));
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
        }
        return format!("sqlite:{}", path.display());
    }
    let base = postgres();
    let out = Command::new("psql")
        .args([base, "-qc", &format!("CREATE DATABASE {name}")])
        .output()
        .expect("psql runs");
    assert!(
        out.status.success(),
        "CREATE DATABASE: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // postgres://user@/postgres?host=… → the same with the new database
    let (url, params) = base.split_once('?').unwrap_or((base, ""));
    let (server, _) = url.rsplit_once('/').expect("a database URL");
    format!("{server}/{name}?{params}")
}

/// The run's PostgreSQL: POSTGUARD_PG if set, else one tests/pg.sh starts, stopped by it once
/// this process ends.
fn postgres() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        if let Ok(url) = std::env::var("POSTGUARD_PG") {
            return url;
        }
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pg.sh");
        let out = Command::new("bash")
            .args([script, "start", &std::process::id().to_string()])
            .output()
            .expect("bash runs");
        assert!(
            out.status.success(),
            "tests/pg.sh could not start PostgreSQL:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    })
}

type Lines = Arc<Mutex<Vec<String>>>;

fn serve_on(db: &str, listen: &str, retention_days: u32) -> (Running, Lines) {
    let lines: Lines = Arc::default();
    let running = service::start(Config {
        listen: listen.parse().unwrap(),
        retention_days,
        ..config(db, &lines)
    })
    .expect("the service starts");
    (running, lines)
}

/// A century of retention: the tests' records carry fixed dates (`NOW` is 2025-12-01), which
/// a one-year retention began deleting on 2026-12-01, mid-test.
const KEEP_DAYS: u32 = 36_500;

fn serve(db: &str) -> (Running, Lines) {
    serve_on(db, "127.0.0.1:0", KEEP_DAYS)
}

fn config(db: &str, lines: &Lines) -> Config {
    let sink = lines.clone();
    Config {
        db: db.into(),
        listen: "127.0.0.1:0".parse().unwrap(),
        ingest: Tokens::new(&[INGEST]).unwrap(),
        custodian: Tokens::new(&[CUSTODIAN]).unwrap(),
        retention_days: KEEP_DAYS,
        log: Arc::new(move |l| sink.lock().unwrap().push(l)),
        tls: None,
    }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// One HTTP/1.1 request on its own connection.
fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<Reply> {
    let mut s = TcpStream::connect(addr)?;
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes())?;
    // The server may answer (413) before reading all of a large body.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no status line in {head:?}")))?;
    Ok(Reply {
        status,
        head: head.into(),
        body: body.into(),
    })
}

fn post(addr: SocketAddr, token: &str, body: &str) -> Reply {
    let auth = format!("Bearer {token}");
    http(
        addr,
        "POST",
        "/v1/records",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ],
        body.as_bytes(),
    )
    .unwrap()
}

fn get(addr: SocketAddr, token: &str, query: &str) -> Reply {
    let auth = format!("Bearer {token}");
    http(
        addr,
        "GET",
        &format!("/v1/records?{query}"),
        &[("Authorization", &auth)],
        b"",
    )
    .unwrap()
}

fn record(id: &str, at: u64, text: &str) -> Record {
    serde_json::from_value(json!({
        "id": id, "time": records::rfc3339(at), "at": at, "platform": "facebook",
        "account": "City of West Allis", "acting_as": "self", "surface": "post",
        "url": "https://www.facebook.com/CityofWestAllis", "user": "jdoe@westalliswi.gov",
        "text": text, "verdict": "allow", "findings": [], "override": null, "delivered": false
    }))
    .unwrap()
}

fn batch(records: &[Record]) -> String {
    json!({"format": FORMAT, "city": "West Allis", "policy": "West Allis 1317",
           "exported": "2026-12-01T00:00:00.000Z", "records": records})
    .to_string()
}

/// The ids a search returns, in order.
fn ids(reply: &Reply) -> Vec<String> {
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

const NOW: u64 = 1_764_547_200_000; // 2025-12-01T00:00:00Z

// --- the tests, each run on both stores ---------------------------------------------------

fn tokens_are_required(pg: bool) {
    let (s, _) = serve(&database(pg));
    let body = batch(&[record("a", NOW, "hello")]);
    let none = http(s.addr, "POST", "/v1/records", &[], body.as_bytes()).unwrap();
    assert_eq!(none.status, 401);
    assert_eq!(none.header("www-authenticate"), Some("Bearer"));
    assert_eq!(post(s.addr, "ingest-token-012345678X", &body).status, 401);
    assert_eq!(post(s.addr, &INGEST[..INGEST.len() - 1], &body).status, 401);
    // Each side's token opens only its side: a browser's token cannot search.
    assert_eq!(post(s.addr, CUSTODIAN, &body).status, 401);
    assert_eq!(get(s.addr, INGEST, "").status, 401);
    assert_eq!(get(s.addr, CUSTODIAN, "").json()["total"], 0);
    assert_eq!(post(s.addr, INGEST, &body).status, 200);
    assert_eq!(get(s.addr, CUSTODIAN, "").json()["total"], 1);
}

fn a_batch_sent_twice_is_stored_once(pg: bool) {
    let (s, _) = serve(&database(pg));
    let three: Vec<Record> = (0..3)
        .map(|i| record(&format!("r{i}"), NOW + i, "x"))
        .collect();
    assert_eq!(
        post(s.addr, INGEST, &batch(&three)).json(),
        json!({"received": 3, "stored": 3})
    );
    assert_eq!(
        post(s.addr, INGEST, &batch(&three)).json(),
        json!({"received": 3, "stored": 0})
    );
    // A resend cannot change what is stored: the record is append-only.
    let mut changed = three[0].clone();
    changed.text = "edited".into();
    let mut more = vec![changed, record("r3", NOW + 3, "x")];
    more.push(more[1].clone()); // and a duplicate within one batch
    assert_eq!(
        post(s.addr, INGEST, &batch(&more)).json(),
        json!({"received": 3, "stored": 1})
    );
    let all = get(s.addr, CUSTODIAN, "");
    assert_eq!(ids(&all), ["r0", "r1", "r2", "r3"]);
    assert_eq!(all.json()["records"][0]["text"], "x");
    assert_eq!(all.json()["records"][0]["delivered"], true);
    // No API edits or deletes.
    for method in ["DELETE", "PUT", "PATCH"] {
        let auth = format!("Bearer {CUSTODIAN}");
        let r = http(
            s.addr,
            method,
            "/v1/records",
            &[("Authorization", &auth)],
            b"",
        )
        .unwrap();
        assert_eq!(r.status, 405, "{method}");
    }
    assert_eq!(get(s.addr, CUSTODIAN, "").json()["total"], 4);
}

fn bad_input_gets_a_clear_400_and_logs_no_text(pg: bool) {
    let (s, log) = serve(&database(pg));
    let secret = "SECRET-POST-TEXT-4711";
    let reason = |r: Reply| {
        assert_eq!(r.status, 400, "{}", r.body);
        r.json()["error"].as_str().unwrap().to_string()
    };
    assert!(reason(post(s.addr, INGEST, "not json")).contains("not a postguard-records/1 batch"));
    let deep = format!("{}{}", "[".repeat(17), "]".repeat(17));
    assert!(reason(post(s.addr, INGEST, &deep)).contains("nested deeper than 16"));
    // Brackets inside strings are text, not nesting.
    let bracketed = record("b", NOW, &"[{".repeat(50));
    assert_eq!(post(s.addr, INGEST, &batch(&[bracketed])).status, 200);
    let wrong = batch(&[record("c", NOW, "x")]).replace(FORMAT, "postguard-records/9");
    assert!(reason(post(s.addr, INGEST, &wrong)).contains("format must be"));
    let no_id = batch(&[record("", NOW, "x")]);
    assert!(reason(post(s.addr, INGEST, &no_id)).contains("record 0: id"));
    // serde quotes the bad value to the sender; the log must not.
    let leaky = batch(&[record("d", NOW, "x")]).replace(
        "\"verdict\":\"allow\"",
        &format!("\"verdict\":\"{secret}\""),
    );
    assert!(reason(post(s.addr, INGEST, &leaky)).contains(secret));
    let big = format!(
        "{{\"format\":\"{FORMAT}\",\"records\":[],\"pad\":\"{}\"}}",
        "x".repeat(service::BODY_LIMIT)
    );
    assert_eq!(post(s.addr, INGEST, &big).status, 413);
    assert_eq!(
        post(s.addr, INGEST, &batch(&[record("e", NOW, secret)])).status,
        200
    );
    assert_eq!(
        get(s.addr, CUSTODIAN, &format!("q={secret}")).json()["total"],
        1
    );
    let log = log.lock().unwrap().join("\n");
    assert!(log.contains("ingest: 400"), "{log}");
    assert!(log.contains("1 new"), "{log}");
    assert!(
        !log.to_lowercase().contains(&secret.to_lowercase()),
        "a record's text in the log:\n{log}"
    );
}

fn extensions_pass_cors_and_pages_do_not(pg: bool) {
    let (s, _) = serve(&database(pg));
    let preflight = |origin: &str| {
        http(
            s.addr,
            "OPTIONS",
            "/v1/records",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                (
                    "Access-Control-Request-Headers",
                    "authorization,content-type",
                ),
            ],
            b"",
        )
        .unwrap()
    };
    let ok = preflight("chrome-extension://abcdefghijklmnop");
    assert!(ok.status < 300, "{}", ok.status);
    assert_eq!(
        ok.header("access-control-allow-origin"),
        Some("chrome-extension://abcdefghijklmnop")
    );
    assert!(ok
        .header("access-control-allow-headers")
        .unwrap()
        .contains("authorization"));
    assert!(ok
        .header("access-control-allow-methods")
        .unwrap()
        .contains("POST"));
    assert_eq!(
        preflight("moz-extension://1234").header("access-control-allow-origin"),
        Some("moz-extension://1234")
    );
    assert_eq!(
        preflight("https://evil.example").header("access-control-allow-origin"),
        None
    );
    // The answer to the POST itself carries it too, or the extension cannot read it.
    let auth = format!("Bearer {INGEST}");
    let r = http(
        s.addr,
        "POST",
        "/v1/records",
        &[
            ("Origin", "chrome-extension://abc"),
            ("Authorization", &auth),
        ],
        batch(&[]).as_bytes(),
    )
    .unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("chrome-extension://abc")
    );
}

fn the_custodian_filters_pages_and_exports(pg: bool) {
    let (s, _) = serve(&database(pg));
    let mut rs = Vec::new();
    for i in 0..12u64 {
        let mut r = record(
            &format!("id{i:02}"),
            NOW + i * DAY,
            &format!("Post number {i}"),
        );
        if i % 3 == 0 {
            r.platform = Some("x".into());
            r.account = Some("@WestAllisPD".into());
        }
        if i == 5 {
            r.user = Some("Ann.Lee@WestAllisWI.gov".into());
            r.text = "Road closed at 100% \"Greenfield\", détour\nvia 70th_St".into();
            r.verdict = serde_json::from_value(json!("block")).unwrap();
            r.findings = serde_json::from_value(json!([{"rule": "pii.phone", "section": "6.1.3",
                "severity": "block", "message": "A phone number"}]))
            .unwrap();
            r.overridden = serde_json::from_value(json!({"reason": "Public line"})).unwrap();
        }
        rs.push(r);
    }
    assert_eq!(post(s.addr, INGEST, &batch(&rs)).json()["stored"], 12);
    let q = |query: &str| ids(&get(s.addr, CUSTODIAN, query));
    assert_eq!(q("platform=x"), ["id00", "id03", "id06", "id09"]);
    assert_eq!(
        q("platform=X&account=westallispd&limit=2&offset=1"),
        ["id03", "id06"]
    );
    assert_eq!(
        get(s.addr, CUSTODIAN, "platform=x&limit=2").json()["total"],
        4
    );
    assert_eq!(q("employee=ann.lee"), ["id05"]);
    assert_eq!(
        q("q=D%C3%89TOUR"),
        ["id05"],
        "case-insensitive beyond ASCII"
    );
    assert_eq!(q("q=100%25"), ["id05"]);
    assert_eq!(q("q=d%25r"), Vec::<String>::new(), "% is literal");
    assert_eq!(q("q=r_ad"), Vec::<String>::new(), "_ is literal");
    assert_eq!(q("q=70th_st"), ["id05"]);
    assert_eq!(q("q=70th%5Fst&platform=facebook"), ["id05"]);
    assert_eq!(q("q=a%20phone"), ["id05"], "findings are searched too");
    // 2025-12-03 is day 2: from and to are whole days, both inclusive.
    assert_eq!(q("from=2025-12-03&to=2025-12-04"), ["id02", "id03"]);
    assert_eq!(q("from=2025-12-11T00:00:00.001Z"), ["id11"]);
    assert_eq!(q("city=west%20allis&limit=1"), ["id00"]);
    assert_eq!(q("city=elsewhere"), Vec::<String>::new());
    let one = get(s.addr, CUSTODIAN, "employee=ann.lee").json()["records"][0].clone();
    assert_eq!(one["findings"][0]["section"], "6.1.3");
    assert_eq!(one["override"]["reason"], "Public line");
    for bad in [
        "from=yesterday",
        "limit=5000",
        "format=xml",
        "colour=red",
        "offset=-1",
    ] {
        let r = get(s.addr, CUSTODIAN, bad);
        assert_eq!(r.status, 400, "{bad}: {}", r.body);
        assert!(r.json()["error"].as_str().unwrap().len() > 10, "{bad}");
    }
    // CSV: the browser export's format (RFC 4180), of the whole result, not one page.
    let csv = get(s.addr, CUSTODIAN, "platform=facebook&format=csv");
    assert_eq!(csv.status, 200);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(csv.header("content-disposition").unwrap().contains(".csv"));
    let delivered: Vec<Record> = rs
        .iter()
        .filter(|r| r.platform.as_deref() == Some("facebook"))
        .map(|r| Record {
            delivered: true,
            ..r.clone()
        })
        .collect();
    assert_eq!(delivered.len(), 8);
    assert_eq!(csv.body, records::to_csv(&delivered));
    assert!(csv
        .body
        .contains("\"Road closed at 100% \"\"Greenfield\"\", détour\nvia 70th_St\""));
}

fn retention_removes_only_expired_records_and_says_how_many(pg: bool) {
    let db = database(pg);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    let (s, _) = serve_on(&db, "127.0.0.1:0", 36_500);
    let rs = [
        record("old", now - 31 * DAY, "a"),
        record("kept", now - 29 * DAY, "b"),
    ];
    assert_eq!(post(s.addr, INGEST, &batch(&rs)).json()["stored"], 2);
    s.stop();
    let (s, log) = serve_on(&db, "127.0.0.1:0", 30);
    // Retention runs as the service starts, alongside the first requests.
    for _ in 0..100 {
        if log
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.starts_with("retention"))
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let log = log.lock().unwrap().join("\n");
    assert!(log.contains("retention: removed 1 records"), "{log}");
    assert_eq!(ids(&get(s.addr, CUSTODIAN, "")), ["kept"]);
}

fn the_search_page_is_served(pg: bool) {
    let (s, _) = serve(&database(pg));
    let page = http(s.addr, "GET", "/", &[], b"").unwrap();
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert!(page
        .header("content-security-policy")
        .unwrap()
        .contains("script-src 'self'"));
    assert!(page.body.contains("<script src=\"/search.js\">"));
    let js = http(s.addr, "GET", "/search.js", &[], b"").unwrap();
    assert_eq!(js.status, 200);
    assert!(js.body.contains("/v1/records?"));
}

/// `--tls-cert`/`--tls-key`: the service speaks HTTPS (rustls) with the City's certificate,
/// and a bad key file is a clear error before anything listens. The store makes no difference
/// here, so SQLite only.
#[test]
fn tls_serves_https_with_the_given_certificate() {
    let dir = std::env::temp_dir().join(format!("postguard-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let out = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
        ])
        .args(["-nodes", "-days", "2", "-subj", "/CN=records.test"])
        .args(["-addext", "subjectAltName=DNS:records.test"])
        .args(["-addext", "basicConstraints=critical,CA:FALSE"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Lines = Arc::default();
    let tls = |key: &std::path::Path| service::Tls {
        cert: cert.clone(),
        key: key.to_path_buf(),
    };
    let bad = service::start(Config {
        tls: Some(tls(&cert)), // a certificate where the key should be
        ..config(&database(false), &lines)
    });
    let err = bad.err().expect("a certificate is no key");
    assert!(
        err.starts_with("--tls-cert") && err.contains("--tls-key"),
        "{err}"
    );
    let s = service::start(Config {
        tls: Some(tls(&key)),
        ..config(&database(false), &lines)
    })
    .expect("the service starts with TLS");

    let mut roots = rustls::RootCertStore::empty();
    use rustls::pki_types::{pem::PemObject, CertificateDer};
    roots
        .add(CertificateDer::from_pem_file(&cert).unwrap())
        .unwrap();
    let client = Arc::new(
        rustls::ClientConfig::builder()
            .with_root_certificates(roots)
            .with_no_client_auth(),
    );
    let https = |body: &str| {
        let name = "records.test".try_into().unwrap();
        let conn = rustls::ClientConnection::new(client.clone(), name).unwrap();
        let mut tls = rustls::StreamOwned::new(conn, TcpStream::connect(s.addr).unwrap());
        let auth = format!("Bearer {INGEST}");
        write!(
            tls,
            "POST /v1/records HTTP/1.1\r\nHost: records.test\r\nConnection: close\r\n\
             Authorization: {auth}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut raw = String::new();
        // A peer that closes without close_notify is still a complete HTTP/1.1 answer here.
        let _ = tls.read_to_string(&mut raw);
        raw
    };
    let answer = https(&batch(&[record("tls-1", NOW, "over TLS")]));
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains(r#"{"received":1,"stored":1}"#), "{answer}");
    // Plain HTTP to the TLS port gets no answer a client would read as HTTP.
    let plain = http(s.addr, "GET", "/", &[], b"");
    assert!(plain.map_or(true, |r| r.status != 200));
    let _ = std::fs::remove_dir_all(&dir);
}

macro_rules! on_both_stores {
    ($($test:ident),* $(,)?) => {
        mod sqlite { $( #[test] fn $test() { super::$test(false) } )* }
        mod postgres { $( #[test] fn $test() { super::$test(true) } )* }
    };
}

on_both_stores!(
    tokens_are_required,
    a_batch_sent_twice_is_stored_once,
    bad_input_gets_a_clear_400_and_logs_no_text,
    extensions_pass_cors_and_pages_do_not,
    the_custodian_filters_pages_and_exports,
    retention_removes_only_expired_records_and_says_how_many,
    the_search_page_is_served,
);

// --- the load test (run by hand: `cargo test --release --test integration load -- --ignored --nocapture`)

const SENDERS: usize = 50;
const PER_SENDER: usize = 2_000;

/// 50 senders × 2,000 records, in the extension's batches of 50, each batch repeating the last
/// five records of the one before and every fourth batch sent twice, with the service
/// restarted halfway: every record ends up stored exactly once. Records per second are unique
/// records stored over the whole run, restart included.
fn load(pg: bool) -> f64 {
    let db = database(pg);
    let (first, _) = serve(&db);
    let addr = first.addr;
    let server = Arc::new(Mutex::new(Some(first)));
    let acked = Arc::new(AtomicUsize::new(0));
    let started = std::time::Instant::now();
    // Submitted now, so that retention at the restart keeps them.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    let senders: Vec<_> = (0..SENDERS)
        .map(|s| {
            let acked = acked.clone();
            std::thread::spawn(move || {
                let all: Vec<Record> = (0..PER_SENDER)
                    .map(|i| record(&format!("s{s:02}-{i:04}"), now + i as u64, "load test post"))
                    .collect();
                for (n, chunk) in all.chunks(records::BATCH).enumerate() {
                    let start = (n * records::BATCH).saturating_sub(5);
                    let body = batch(&all[start..n * records::BATCH + chunk.len()]);
                    for _ in 0..1 + usize::from(n % 4 == 0) {
                        // As the extension does: retry until the service acknowledges.
                        while !matches!(
                            http(
                                addr,
                                "POST",
                                "/v1/records",
                                &[("Authorization", &format!("Bearer {INGEST}"))],
                                body.as_bytes()
                            ),
                            Ok(Reply { status: 200, .. })
                        ) {
                            std::thread::sleep(std::time::Duration::from_millis(20));
                        }
                    }
                    acked.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    let batches = SENDERS * PER_SENDER / records::BATCH;
    while acked.load(Ordering::Relaxed) < batches / 2 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    server.lock().unwrap().take().unwrap().stop();
    std::thread::sleep(std::time::Duration::from_millis(200));
    let (second, _) = serve_on(&db, &addr.to_string(), 365);
    for t in senders {
        t.join().unwrap();
    }
    let secs = started.elapsed().as_secs_f64();
    let total = get(second.addr, CUSTODIAN, "limit=1").json()["total"]
        .as_u64()
        .unwrap();
    assert_eq!(
        total as usize,
        SENDERS * PER_SENDER,
        "every record stored exactly once"
    );
    let last = get(
        second.addr,
        CUSTODIAN,
        &format!("limit=1&offset={}", total - 1),
    );
    assert_eq!(ids(&last), ["s49-1999"]);
    (SENDERS * PER_SENDER) as f64 / secs
}

#[test]
#[ignore = "the load test: run by hand or by test.sh (about a minute)"]
fn load_50_senders_with_duplicates_and_a_restart_lose_nothing() {
    let sqlite = load(false);
    let postgres = load(true);
    println!("records/s, 50 senders × 2,000 records, duplicates and a restart: SQLite {sqlite:.0}, PostgreSQL {postgres:.0}");
}
