// The records custodian's search page: filters → GET /v1/records, a row → the record in full,
// Export → the same search as CSV. Text is only ever set as text (never as HTML).
'use strict';
const $ = (id) => document.getElementById(id);
const PAGE = 50;
let offset = 0;
let shown = [];

$('token').value = sessionStorage.getItem('postguard-custodian') ?? '';

function query(extra) {
  const form = new FormData($('filters'));
  const params = new URLSearchParams();
  for (const [k, v] of form) if (k !== 'token' && String(v).trim()) params.set(k, String(v).trim());
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params;
}

async function get(params) {
  const token = $('token').value.trim();
  sessionStorage.setItem('postguard-custodian', token);
  const res = await fetch('/v1/records?' + params, {
    headers: { authorization: 'Bearer ' + token },
    cache: 'no-store',
  });
  if (!res.ok) {
    let reason = 'HTTP ' + res.status;
    try { reason = (await res.json()).error ?? reason; } catch { /* not JSON */ }
    throw new Error(reason);
  }
  return res;
}

function status(text, isError) {
  $('status').textContent = text;
  $('status').className = isError ? 'error' : '';
}

function cell(tr, text) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  tr.append(td);
}

async function search(at) {
  offset = Math.max(0, at);
  try {
    const res = await get(query({ limit: PAGE, offset }));
    const page = await res.json();
    shown = page.records;
    const body = $('results');
    body.replaceChildren();
    shown.forEach((r, i) => {
      const tr = document.createElement('tr');
      tr.dataset.index = i;
      cell(tr, r.time);
      cell(tr, r.platform);
      cell(tr, r.account);
      cell(tr, r.user);
      cell(tr, r.verdict + (r.override ? ' (posted anyway)' : ''));
      cell(tr, r.text.length > 120 ? r.text.slice(0, 120) + '…' : r.text);
      tr.addEventListener('click', () => show(i));
      body.append(tr);
    });
    const last = offset + shown.length;
    status(page.total ? `Records ${offset + 1}–${last} of ${page.total}` : 'No records match.');
    $('prev').disabled = offset === 0;
    $('next').disabled = last >= page.total;
    $('detail').hidden = true;
  } catch (err) {
    status(err.message, true);
  }
}

function show(i) {
  const r = shown[i];
  for (const tr of $('results').children) tr.classList.toggle('open', tr.dataset.index == i);
  $('detail').hidden = false;
  $('detail-id').textContent = r.id;
  $('detail-meta').textContent = [r.time, r.platform, r.account, r.user, r.acting_as, r.surface, r.url]
    .filter(Boolean).join(' · ');
  $('post').textContent = r.text;
  const list = $('findings');
  list.replaceChildren();
  for (const f of r.findings) {
    const li = document.createElement('li');
    li.textContent = `§${f.section} (${f.severity}): ${f.message}`;
    list.append(li);
  }
  if (!r.findings.length) list.append(Object.assign(document.createElement('li'), { textContent: 'None.' }));
  $('override').textContent = r.override
    ? 'Posted anyway' + (r.override.reason ? ': ' + r.override.reason : ' (no reason asked).')
    : 'No override.';
  $('override').className = r.override ? 'held' : '';
}

async function exportCsv() {
  try {
    const res = await get(query({ format: 'csv' }));
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'records.csv';
    const a = document.createElement('a');
    a.href = URL.createObjectURL(await res.blob());
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    status(`Exported ${res.headers.get('x-total-count')} records as ${name}`);
  } catch (err) {
    status(err.message, true);
  }
}

$('filters').addEventListener('submit', (e) => { e.preventDefault(); search(0); });
$('export').addEventListener('click', exportCsv);
$('prev').addEventListener('click', () => search(offset - PAGE));
$('next').addEventListener('click', () => search(offset + PAGE));
