// The delivery log: every notification the platform sent or tries to send, dead letters first to hand, and a retry
// for one that died or keeps failing.
import { call, get } from '../api.js';
import { el, field, label, select, show, table, t, when } from '../dom.js';
import { page, paged, problem } from '../view.js';

const STATUSES = ['DEAD', 'FAILED', 'PENDING', 'SENT'];
const CHANNELS = ['EMAIL', 'IN_APP', 'WEBHOOK'];
const RETRYABLE = new Set(['DEAD', 'FAILED']);

export async function deliveries(root, me) {
  const status = select('status', STATUSES.map(s => [s, label(s)]), 'DEAD');
  const channel = select('channel', [['', t('members.any')], ...CHANNELS.map(c => [c, label(c)])], '');
  const form = el('form', { class: 'filters' },
    field('delivery-status', t('deliveries.status'), status),
    field('delivery-channel', t('deliveries.channel'), channel),
    el('button', { type: 'submit' }, t('deliveries.show')));
  const notice = el('div', { 'aria-live': 'polite' });
  const results = el('div');
  page(root, t('deliveries.title'), form, notice, results);
  const load = () => paged(results, cursor => get('/notifications/deliveries',
    { status: status.value, channel: channel.value, cursor, limit: 50 }), items => items.length === 0
    ? el('p', {}, t('app.none'))
    : table(null, [t('deliveries.created'), t('deliveries.kind'), t('deliveries.channel'), t('deliveries.recipient'),
      t('deliveries.status'), t('deliveries.attempts'), t('deliveries.lastError'), ''], items.map(d => [
      when(d.createdAt), d.kind, label(d.channel), d.recipient, label(d.status), String(d.attempts),
      d.lastError ?? '', RETRYABLE.has(d.status) ? retry(d, notice, load) : '']), { class: 'deliveries' }));
  form.addEventListener('submit', event => {
    event.preventDefault();
    load();
  });
  await load();
}

function retry(delivery, notice, reload) {
  return el('button', { type: 'button', 'aria-label': t('deliveries.retryOf', delivery.id), onclick: async () => {
    try {
      await call('POST', `/notifications/deliveries/${encodeURIComponent(delivery.id)}/retry`);
      show(notice, el('p', { class: 'notice' }, t('deliveries.retried', delivery.id)));
      reload();
    } catch (error) {
      show(notice, problem(error));
    }
  } }, t('deliveries.retry'));
}
