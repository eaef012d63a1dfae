// The delivery log: every notification the platform sent or tries to send, dead letters first to hand, and a retry
// for an email that died or keeps failing. A retried row is redrawn from the API's answers until its new attempt is
// made, so the page shows what came of it without a reload.
import { call, get } from '../api.js';
import { el, field, label, row, select, show, table, t, when } from '../dom.js';
import { page, paged, problem } from '../view.js';

const STATUSES = ['DEAD', 'FAILED', 'PENDING', 'SENT'];
const CHANNELS = ['EMAIL', 'IN_APP', 'WEBHOOK'];
// the API retries only emails (409 for the rest): only their rows offer it
const RETRYABLE = new Set(['DEAD', 'FAILED']);
const WATCH_MS = 1_000;
const WATCH_ROUNDS = 30;

export async function deliveries(root, me) {
  const status = select('status', STATUSES.map(s => [s, label(s)]), 'DEAD');
  const channel = select('channel', [['', t('members.any')], ...CHANNELS.map(c => [c, label(c)])], '');
  const form = el('form', { class: 'filters' },
    field('delivery-status', t('deliveries.status'), status),
    field('delivery-channel', t('deliveries.channel'), channel),
    el('button', { type: 'submit' }, t('deliveries.show')));
  // a retried row is redrawn without its button: the focus goes to this notice, not to the page's top
  const notice = el('div', { id: 'delivery-notice', 'aria-live': 'polite', tabindex: '-1' });
  const results = el('div');
  page(root, t('deliveries.title'), form, notice, results);
  const load = () => paged(results, cursor => get('/notifications/deliveries',
    { status: status.value, channel: channel.value, cursor, limit: 50 }), items => items.length === 0
    ? el('p', {}, t('app.none'))
    : table(null, [t('deliveries.created'), t('deliveries.kind'), t('deliveries.channel'), t('deliveries.recipient'),
      t('deliveries.status'), t('deliveries.attempts'), t('deliveries.lastError'), ''],
    items.map(d => cells(d, notice)), { class: 'deliveries' }, i => ({ 'data-delivery': items[i].id, 'data-status': items[i].status })));
  form.addEventListener('submit', event => {
    event.preventDefault();
    load();
  });
  await load();
}

function cells(d, notice) {
  return [when(d.createdAt), d.kind, label(d.channel), d.recipient, label(d.status), String(d.attempts),
    d.lastError ?? '', d.channel === 'EMAIL' && RETRYABLE.has(d.status) ? retry(d, notice) : ''];
}

/** The row of delivery d drawn again with what the API says of it now; answers the new row. */
function redraw(current, d, notice) {
  const next = row(cells(d, notice), { 'data-delivery': d.id, 'data-status': d.status });
  current.replaceWith(next);
  return next;
}

function retry(delivery, notice) {
  return el('button', { type: 'button', 'aria-label': t('deliveries.retryOf', delivery.id), onclick: async event => {
    let current = event.currentTarget.closest('tr');
    try {
      const pending = await call('POST', `/notifications/deliveries/${encodeURIComponent(delivery.id)}/retry`);
      show(notice, el('p', { class: 'notice' }, t('deliveries.retried', delivery.id)));
      current = redraw(current, pending, notice);
      notice.focus();
      // the worker makes the attempt at once; the row follows until it is no longer pending (or the watch ends)
      for (let round = 0; round < WATCH_ROUNDS && current.isConnected; round++) {
        await new Promise(resolve => setTimeout(resolve, WATCH_MS));
        const now = await get(`/notifications/deliveries/${encodeURIComponent(delivery.id)}`);
        if (!current.isConnected) break;
        current = redraw(current, now, notice);
        if (now.status !== 'PENDING') {
          show(notice, el('p', { class: 'notice' }, t('deliveries.attempted', delivery.id, label(now.status))));
          break;
        }
      }
    } catch (error) {
      show(notice, problem(error));
    }
  } }, t('deliveries.retry'));
}
