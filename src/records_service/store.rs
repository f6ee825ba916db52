//! Where the service keeps records: SQLite (one City, embedded) or PostgreSQL (a large City or
//! several on one service). Every statement is written once, in the dialect both share
//! (`$N` placeholders, `ON CONFLICT DO NOTHING`); only how a statement is run differs.

use super::query::Filter;
use crate::records::Record;
use std::sync::{Arc, Mutex};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS records (
  id TEXT PRIMARY KEY,
  at BIGINT NOT NULL,
  city TEXT NOT NULL,
  platform TEXT NOT NULL,
  account TEXT NOT NULL,
  employee TEXT NOT NULL,
  search TEXT NOT NULL,
  doc TEXT NOT NULL,
  received BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_at ON records (at, id);
";

/// A statement's parameter, in the types both stores take.
#[derive(Debug, Clone)]
pub enum Value {
    Int(i64),
    Text(String),
}

/// A record as stored: the filter columns are lowercased here, in Rust, so that both stores
/// compare them the same way (SQLite's lower() knows only ASCII).
fn row(city: &str, r: &Record, received: i64) -> [Value; 9] {
    let low = |s: Option<&str>| Value::Text(s.unwrap_or("").to_lowercase());
    let mut search = vec![r.text.as_str()];
    search.extend(r.account.as_deref());
    search.extend(r.user.as_deref());
    search.extend(r.findings.iter().map(|f| f.message.as_str()));
    search.extend(r.overridden.as_ref().and_then(|o| o.reason.as_deref()));
    let doc = Record {
        delivered: true,
        ..r.clone()
    };
    [
        Value::Text(r.id.clone()),
        Value::Int(i64::try_from(r.at).unwrap_or(i64::MAX)),
        Value::Text(city.to_string()),
        low(r.platform.as_deref()),
        low(r.account.as_deref()),
        low(r.user.as_deref()),
        Value::Text(search.join("\n").to_lowercase()),
        Value::Text(serde_json::to_string(&doc).expect("records serialize")),
        Value::Int(received),
    ]
}

/// One page of a search.
#[derive(Debug)]
pub struct Page {
    pub total: u64,
    pub records: Vec<Record>,
}

#[derive(Clone)]
pub enum Store {
    Sqlite(Arc<Mutex<rusqlite::Connection>>),
    Postgres(Arc<tokio_postgres::Client>),
}

impl Store {
    /// Opens `sqlite:PATH` or `postgres://…` (also `postgresql://…`, and libpq's
    /// `host=… dbname=…` after `postgres:`), creating the table if missing.
    pub async fn open(db: &str) -> Result<Store, String> {
        if let Some(path) = db.strip_prefix("sqlite:") {
            let conn = rusqlite::Connection::open(path).map_err(|e| format!("{path}: {e}"))?;
            // WAL: readers (the custodian) never wait for writers (the extension).
            conn.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
                .and_then(|()| conn.execute_batch(SCHEMA))
                .map_err(|e| format!("{path}: {e}"))?;
            Ok(Store::Sqlite(Arc::new(Mutex::new(conn))))
        } else if db.starts_with("postgres://") || db.starts_with("postgresql://") {
            let (client, conn) = tokio_postgres::connect(db, tokio_postgres::NoTls)
                .await
                .map_err(|e| format!("PostgreSQL: {e}"))?;
            tokio::spawn(async move {
                if let Err(e) = conn.await {
                    eprintln!("records: PostgreSQL connection ended: {e}");
                }
            });
            client
                .batch_execute(SCHEMA)
                .await
                .map_err(|e| format!("PostgreSQL: {e}"))?;
            Ok(Store::Postgres(Arc::new(client)))
        } else {
            Err(format!(
                "--db {db:?}: expected sqlite:PATH or postgres://USER@HOST/DB"
            ))
        }
    }

    /// Runs a statement that changes rows; the number changed.
    async fn execute(&self, sql: String, params: Vec<Value>) -> Result<u64, String> {
        match self {
            Store::Sqlite(conn) => {
                let conn = conn.clone();
                blocking(move || {
                    let conn = conn.lock().unwrap_or_else(|p| p.into_inner());
                    let n =
                        conn.execute(&sqlite_sql(&sql), rusqlite::params_from_iter(lite(&params)))?;
                    Ok(n as u64)
                })
                .await
            }
            Store::Postgres(client) => client
                .execute(&sql, &pg(&params))
                .await
                .map_err(|e| format!("PostgreSQL: {e}")),
        }
    }

    /// Runs a query of one text or integer column.
    async fn column<T: Column>(&self, sql: String, params: Vec<Value>) -> Result<Vec<T>, String> {
        match self {
            Store::Sqlite(conn) => {
                let conn = conn.clone();
                blocking(move || {
                    let conn = conn.lock().unwrap_or_else(|p| p.into_inner());
                    let mut stmt = conn.prepare(&sqlite_sql(&sql))?;
                    let rows = stmt
                        .query_map(rusqlite::params_from_iter(lite(&params)), |r| T::sqlite(r))?;
                    rows.collect()
                })
                .await
            }
            Store::Postgres(client) => Ok(client
                .query(&sql, &pg(&params))
                .await
                .map_err(|e| format!("PostgreSQL: {e}"))?
                .iter()
                .map(T::pg)
                .collect()),
        }
    }

    /// Stores each record whose id is new; the number stored. A record already there is left
    /// exactly as it was (append-only: a resend cannot change the record).
    pub async fn insert(&self, city: &str, records: &[Record], now: i64) -> Result<u64, String> {
        if records.is_empty() {
            return Ok(0);
        }
        let mut params = Vec::with_capacity(records.len() * 9);
        let mut tuples = Vec::with_capacity(records.len());
        for r in records {
            let base = params.len();
            params.extend(row(city, r, now));
            let marks: Vec<String> = (1..=9).map(|i| format!("${}", base + i)).collect();
            tuples.push(format!("({})", marks.join(",")));
        }
        let sql = format!(
            "INSERT INTO records (id, at, city, platform, account, employee, search, doc, received) \
             VALUES {} ON CONFLICT (id) DO NOTHING",
            tuples.join(",")
        );
        self.execute(sql, params).await
    }

    /// The records matching `filter`, oldest first, one page.
    pub async fn search(&self, filter: &Filter) -> Result<Page, String> {
        let (cond, params) = filter.sql();
        let counted: Vec<i64> = self
            .column(
                format!("SELECT COUNT(*) FROM records{cond}"),
                params.clone(),
            )
            .await?;
        let n = params.len();
        let mut page_params = params;
        page_params.push(Value::Int(filter.limit as i64));
        page_params.push(Value::Int(filter.offset as i64));
        let docs: Vec<String> = self
            .column(
                format!(
                    "SELECT doc FROM records{cond} ORDER BY at, id LIMIT ${} OFFSET ${}",
                    n + 1,
                    n + 2
                ),
                page_params,
            )
            .await?;
        let records = docs
            .iter()
            .map(|d| serde_json::from_str(d).map_err(|e| format!("a stored record: {e}")))
            .collect::<Result<_, _>>()?;
        Ok(Page {
            total: counted.first().copied().unwrap_or(0) as u64,
            records,
        })
    }

    /// Deletes records submitted before `before` (ms since 1970); how many.
    pub async fn expire(&self, before: i64) -> Result<u64, String> {
        self.execute(
            "DELETE FROM records WHERE at < $1".into(),
            vec![Value::Int(before)],
        )
        .await
    }
}

trait Column: Sized + Send + 'static {
    fn sqlite(row: &rusqlite::Row) -> rusqlite::Result<Self>;
    fn pg(row: &tokio_postgres::Row) -> Self;
}

impl Column for i64 {
    fn sqlite(row: &rusqlite::Row) -> rusqlite::Result<Self> {
        row.get(0)
    }
    fn pg(row: &tokio_postgres::Row) -> Self {
        row.get(0)
    }
}

impl Column for String {
    fn sqlite(row: &rusqlite::Row) -> rusqlite::Result<Self> {
        row.get(0)
    }
    fn pg(row: &tokio_postgres::Row) -> Self {
        row.get(0)
    }
}

/// SQLite reads `$1` as a parameter *named* "$1"; `?1` is its positional form.
fn sqlite_sql(sql: &str) -> String {
    sql.replace('$', "?")
}

fn lite(params: &[Value]) -> Vec<rusqlite::types::Value> {
    params
        .iter()
        .map(|v| match v {
            Value::Int(i) => rusqlite::types::Value::Integer(*i),
            Value::Text(s) => rusqlite::types::Value::Text(s.clone()),
        })
        .collect()
}

fn pg(params: &[Value]) -> Vec<&(dyn tokio_postgres::types::ToSql + Sync)> {
    params
        .iter()
        .map(|v| match v {
            Value::Int(i) => i as &(dyn tokio_postgres::types::ToSql + Sync),
            Value::Text(s) => s as &(dyn tokio_postgres::types::ToSql + Sync),
        })
        .collect()
}

/// SQLite's calls block: run them off the async threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> rusqlite::Result<T> + Send + 'static,
) -> Result<T, String> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| format!("SQLite: {e}"))?
        .map_err(|e| format!("SQLite: {e}"))
}
