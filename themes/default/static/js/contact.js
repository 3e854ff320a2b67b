// Live status of the contact channels: "Open now, replies within 2 hours" or "Closed, opens
// Monday 09:00 (your time: 08:00)". When something is closed, the channels that are open
// move to the top. Without JavaScript the hours table in the page stays as it is. The words
// are the page's hb-strings, which the build fills for every language.
import { statusAt } from './hours.js';

function readJson(id) {
  const element = document.getElementById(id);
  if (!element) return null;
  try {
    return JSON.parse(element.textContent);
  } catch {
    return null;
  }
}

function fill(template = '', values) {
  return Object.entries(values).reduce((text, [key, value]) => text.split(`{${key}}`).join(value), template);
}

/** "Monday 09:00" in the shop's zone, and the same instant on the customer's clock. */
function describeOpening(ms, timeZone, lang) {
  const at = new Date(ms);
  const shop = new Intl.DateTimeFormat(lang, { weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(at);
  const customer = new Intl.DateTimeFormat(lang, { weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return { shop, customer, sameClock: shop === customer };
}

/** The status line of one channel at `now`. */
export function channelStatus(item, schedules, strings, lang, now) {
  const response = item.dataset.hbResponse || '';
  const scheduleName = item.dataset.hbHours || '';
  const schedule = scheduleName ? schedules[scheduleName] : null;
  const status = schedule ? statusAt(schedule, now) : { open: true, change: null };
  if (status.open) {
    const text = response
      ? fill(strings.status_open_replies, { response })
      : strings.status_open;
    return { open: true, text };
  }
  if (status.change === null) return { open: false, text: strings.status_closed };
  const when = describeOpening(status.change, schedule.timezone, lang);
  let text = fill(strings.status_closed_opens, { when: when.shop });
  if (!when.sameClock) text += ` ${fill(strings.status_your_time, { time: when.customer })}`;
  return { open: false, text };
}

/** The opening hours: from the page when it carries them, else the site's shared file. */
async function contactData() {
  const onPage = readJson('hb-contact');
  if (onPage) return onPage;
  const base = document.documentElement.dataset.basePath || '/';
  const response = await fetch(`${base}assets/contact.json`);
  return response.ok ? response.json() : null;
}

/** Updates every channel list on the page; resolves to the number of channels updated. */
export async function showChannelStatus(root = document, now = Date.now()) {
  const data = await contactData();
  const strings = readJson('hb-strings') || {};
  if (!data) return 0;
  const lang = document.documentElement.lang || 'en';
  let updated = 0;
  for (const list of root.querySelectorAll('[data-hb-contact-channels]')) {
    const items = [...list.querySelectorAll('[data-hb-channel]')];
    const statuses = new Map();
    for (const item of items) {
      const status = channelStatus(item, data.schedules || {}, strings, lang, now);
      statuses.set(item, status);
      item.dataset.hbOpen = String(status.open);
      const label = item.querySelector('[data-hb-status]');
      if (label) {
        label.textContent = status.text;
        label.hidden = false;
        // An open channel's status already says how fast it replies.
        const note = item.querySelector('[data-hb-response-note]');
        if (note) note.hidden = status.open && Boolean(item.dataset.hbResponse);
      }
      updated += 1;
    }
    if (items.some((item) => !statuses.get(item).open)) {
      const ordered = [...items.filter((i) => statuses.get(i).open), ...items.filter((i) => !statuses.get(i).open)];
      // The channel may be the link inside a list item; move the whole item.
      for (const item of ordered) list.append(item.closest('li') || item);
    }
  }
  return updated;
}
