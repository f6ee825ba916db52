// The one list of messages between PostGuard's sides. Content scripts (content/*.js) and the
// pages (pages/*.js, and src/wasm/pages.rs through pages.js's bridge) ask; the background
// service worker (worker/background.js) answers, and rejects any type not listed here.
//
// A classic script, so that content scripts can load it (the manifest lists it first); the
// worker and the pages load it by a side-effect import. Either way it defines one frozen
// global, PostGuardProtocol: message name → the `type` string sent.
//
// Every message is `{type, ...payload}`. A handler that throws answers `{error: string}`, which
// content/ask.js and pages.js turn back into a rejected promise.
'use strict';

/**
 * @typedef {{handle: ?string, name: ?string}} Account  the account a page says is posting
 * @typedef {object} Context  what content/adapter.js `context()` reads around a composer
 * @property {string} platform  the adapter's platform id ("x", "facebook", ...)
 * @property {?Account} account
 * @property {string} acting_as  "self", or "page" when posting as a Page the user manages
 * @property {string} surface  "post", "reply", "comment", "dm", "profile" or "login"
 * @property {?string} field  for account fields: what the field holds ("email", "password", ...)
 * @typedef {Context & {text: string, action?: string, target?: {kind: string, name: ?string, handle: ?string}}} Draft
 *   what the user is about to send (or, with `action`, the follow/like/friend control clicked).
 *   The worker adds the employee (`user`) and repairs lone surrogates (worker/draft.js).
 * @typedef {object} Verdict  the engine's answer (src/verdict.rs): {verdict: "allow"|"warn"|"block",
 *   findings: [{rule, section, title, advice, why, learn_more?, message, fix?}], account: {city, label},
 *   badge?, panel?: {title, edit, post_anyway, why, section, learn_more, reason?, change_password?}}
 * @typedef {{section: string, message: string, dismiss: string, label: string, day: string}} Reminder  §6.4.1.3 notice
 * @typedef {object} PolicyState  the policy in force as the worker resolved it (worker/config.js)
 * @property {object} policy  the policy in force (src/policy: Policy), already validated
 * @property {"embedded"|"managed"|"last_good"} source  where it came from
 * @property {{path: string, reason: string}[]} errors  what is wrong with IT's configuration
 * @property {?object} managed  IT's managed configuration as read, or null
 * @property {?object} last_good  the last managed configuration that validated, or null
 * @typedef {object} State  what the options page and popup draw (src/wasm/pages.rs State)
 * @property {PolicyState} in_force  the pages show this; they never apply the layers themselves
 * @property {?{email: ?string, name: ?string, title: ?string}} user  the employee's stored identity
 * @property {object[]} recent  recent findings (src/records.rs Recent)
 * @property {?{failures: number, last_error: ?string, next_at: ?number}} delivery  failing sends to IT
 * @property {?{problem: string, url: string, at: number}} last_problem  the last `status` a tab sent
 * @property {string[]} generic_hosts  hosts where a composer matched only the generic fallback
 * @property {string[]} stale_hosts  hosts where a City-account post went out unchecked (issue 12)
 * @property {?{host: string, adapter: boolean, platform: ?string, connected: boolean, generic: boolean}} site
 *   the popup's tab
 */

globalThis.PostGuardProtocol = Object.freeze({
  // --- content scripts → worker ------------------------------------------------------------
  /** `{host}` → this host's site adapter (sites/*.json), or null. From content/ask.js. */
  adapter: 'adapter',
  /** `{}` → the adapters found by page structure ("detect") rather than host (Mastodon). */
  detectable: 'detectable',
  /** `{platform, strategy}` → `{ok}`: a composer matched only the generic fallback here. */
  adapterStatus: 'adapter-status',
  /** `{draft: Draft}` → Verdict: as the user types, and for a follow/like/friend click. */
  evaluate: 'evaluate',
  /**
   * `{draft: Draft, override: ?{reason: ?string}}` → `{recorded: boolean}`: a submit went
   * through; the worker judges the exact text sent and keeps the §7.0 record (worker/record.js).
   */
  submitted: 'submitted',
  /**
   * `{draft: Draft, answer: "edit"|"fix"}` → `{ok}`: a warning was answered with Edit or a Fix
   * instead of posting; the worker adds it to the popup's recent findings (no record: nothing
   * was posted).
   */
  answered: 'answered',
  /**
   * `{rule: string, section: string, quote: string, host: string}` → `{ok}`: "This warning is
   * wrong" on a finding (content/false-alarm.js); kept, and sent to IT's endpoint if set.
   */
  falseAlarm: 'false-alarm',
  /**
   * `{draft: Draft}` → `{recorded: boolean}`: a City-account draft PostGuard judged warn or block
   * left its composer right after a click or key PostGuard did not hold (content/unchecked.js):
   * it is recorded as posted without a check (`unchecked`, `adapter_stale`: the tab's host), and
   * the host listed as stale in the popup.
   */
  unchecked: 'unchecked',
  /**
   * `{account?: ?Account}` → `{account: ?Account}`. From the top frame (content/frames.js): the
   * account its page names, kept per tab. From a subframe (an editor in an iframe): the top
   * frame's account, which the subframe's own document does not name.
   */
  topAccount: 'top-account',
  /** `{problem: string}` → `{ok}`: what went wrong on a page, for the popup. */
  status: 'status',
  /** `{context: Context, probe?: boolean}` → Reminder | null (with probe: true | null). */
  reminder: 'reminder',
  /** `{password: string}` → `{stored: boolean}`: from the City sign-in page only. */
  passwordCapture: 'password-capture',
  /** `{value: string, context: Context}` → `{match: false}` | `{match: true, verdict: Verdict}`. */
  passwordCheck: 'password-check',
  /**
   * `{section: string}` → `{ok}`: opens the policy's own text at `section` ("6.4.1.2") in a
   * new tab: the policy's `text_url` if IT gave one, else the text shipped with PostGuard
   * (pages/policy.html). From the panel's section links (content/panel.js).
   */
  openPolicy: 'open-policy',
  // --- pages → worker ----------------------------------------------------------------------
  /** `{tab: ?number}` → State (the popup names its tab; the options page sends null). */
  state: 'state',
  /** `{}` → every record kept (src/records.rs Record[]). */
  records: 'records',
  /** `{user: {email, name?, title?}}` → `{ok}` | `{errors: [{path, reason}]}`. */
  saveUser: 'save-user',
  /** `{}` → the "This warning is wrong" reports kept, newest first: `{id, at, rule, section, quote, host, sent}[]`. */
  falseAlarms: 'false-alarms',
  /** `{}` → `{ok}`: opens the options page (from the popup). */
  openOptions: 'open-options',
});
