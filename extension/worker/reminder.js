// §6.4.1.3 in the background: asks the engine whether a work-time reminder is due for a visit,
// and remembers, per site, the (policy-local) day it was last shown, so it comes once a day.
// The engine gets the time explicitly, with the UTC offset of the policy's time zone at that
// moment, which the browser's own time zone database (Intl) supplies.
import '../protocol.js';
import { draftJson } from './draft.js';

const M = globalThis.PostGuardProtocol;

/**
 * Minutes east of UTC of `timeZone` (IANA) at `now` (epoch ms); the computer's own zone when
 * `timeZone` is absent. Throws RangeError for a zone the browser does not know.
 */
export function offsetMinutes(timeZone, now) {
  if (!timeZone) return -new Date(now).getTimezoneOffset();
  const parts = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
  });
  for (const p of format.formatToParts(now)) parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
  return Math.round((wall - Math.floor(now / 60_000) * 60_000) / 60_000);
}

/**
 * The time for work-time decisions. End-to-end tests set `devClock` (epoch ms) in
 * chrome.storage.local to decide on a day of their choosing; it is honoured only in an
 * unpacked (development) install, never in one from a store or IT's deployment.
 */
async function clock() {
  const { devClock } = await chrome.storage.local.get('devClock');
  if (typeof devClock !== 'number') return Date.now();
  const self = await chrome.management.getSelf().catch(() => null);
  return self?.installType === 'development' ? devClock : Date.now();
}

/** The `reminder` message handler, given the background's engine and adapter lookups. */
export function reminderHandlers({ engine, adapterFor }) {
  let queue = Promise.resolve(); // one at a time, so two tabs opening together remind once

  /** The reminder due for this visit, recorded as shown; with `probe`, only whether one could be (not recorded). */
  async function due({ context, probe }, sender, now) {
    const [g, json] = await Promise.all([engine(), draftJson({ ...context, text: '' })]);
    let offset;
    try {
      offset = offsetMinutes(g.workTimeZone(), now);
    } catch (err) {
      console.warn(`PostGuard: time zone ${g.workTimeZone()}: ${err.message}; using this computer's`);
      offset = offsetMinutes(null, now);
    }
    const reminder = JSON.parse(g.reminder(json, now, offset));
    if (!reminder) return null;
    const host = new URL(sender.url).hostname;
    const site = (await adapterFor(host))?.platform ?? host;
    const { reminded = {} } = await chrome.storage.local.get('reminded');
    if (reminded[site] === reminder.day) return null;
    if (probe) return true;
    await chrome.storage.local.set({ reminded: { ...reminded, [site]: reminder.day } });
    return reminder;
  }

  return {
    async [M.reminder](msg, sender) {
      const now = await clock(); // the time of the visit, not of the turn in the queue
      const answer = queue.then(() => due(msg, sender, now));
      queue = answer.catch(() => {});
      return answer;
    },
  };
}
