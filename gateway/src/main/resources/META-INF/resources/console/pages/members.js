// Members: search with filters, and one member's profile with its history. The API decides whom a token may see:
// an association's staff find only the members their association represents.
import { get } from '../api.js';
import { el, field, label, select, show, table, t, when } from '../dom.js';
import { guarded, page, paged } from '../view.js';

const KINDS = ['COMPANY', 'ARTIST', 'NATIONAL_ASSOCIATION'];
const STATUSES = ['APPLICANT', 'ACTIVE', 'SUSPENDED', 'LAPSED', 'TERMINATED'];

function anyOf(values) {
  return [['', t('members.any')], ...values.map(v => [v, label(v)])];
}

export async function members(root, me, filters = {}) {
  const form = el('form', { class: 'filters', role: 'search' },
    field('member-q', t('members.q'), el('input', { type: 'search', name: 'q', value: filters.q ?? '' })),
    field('member-country', t('members.country'), el('input', { type: 'text', name: 'country', maxlength: '2',
      pattern: '[A-Za-z]{2}', value: filters.country ?? '' })),
    field('member-kind', t('members.kind'), select('kind', anyOf(KINDS), filters.kind ?? '')),
    field('member-status', t('members.status'), select('status', anyOf(STATUSES), filters.status ?? '')),
    el('button', { type: 'submit' }, t('members.search')));
  const results = el('div', { id: 'member-results', 'aria-live': 'polite' });
  page(root, t('members.title'), form, results);
  form.addEventListener('submit', event => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    data.country = data.country.toUpperCase();
    list(results, data);
  });
  await list(results, filters);
}

async function list(results, filters) {
  await paged(results, cursor => get('/members', { ...filters, cursor, limit: 50 }), items => {
    if (items.length === 0) return el('p', { class: 'empty' }, t('members.noMatch'));
    return table(null, [t('members.name'), t('members.country'), t('members.kind'), t('members.status'),
      t('members.sizeClass')], items.map(m => [
      el('a', { href: `#/members/${encodeURIComponent(m.id)}`, 'aria-label': t('members.open', m.displayName) },
        m.displayName),
      m.country, label(m.kind), label(m.status), label(m.sizeClass)]), { class: 'members' });
  });
}

/** One member: its profile and its history, oldest first. */
export async function member(root, me, id) {
  const body = el('div');
  page(root, t('members.title'), el('p', {}, el('a', { href: '#/members' }, t('members.back'))), body);
  await guarded(body, async () => {
    const m = await get(`/members/${encodeURIComponent(id)}`);
    const history = el('section', { 'aria-label': t('members.history') }, el('h2', {}, t('members.history')));
    show(body,
      el('h2', { class: 'member-name' }, m.displayName),
      el('dl', { class: 'profile' },
        entry(t('members.legalName'), m.legalName), entry(t('members.country'), m.country),
        entry(t('members.kind'), label(m.kind)), entry(t('members.status'), label(m.status)),
        entry(t('members.category'), label(m.category)), entry(t('members.sizeClass'), label(m.sizeClass)),
        entry(t('members.joinedOn'), m.joinedOn), entry(t('members.website'), m.website)),
      history);
    const list = el('div');
    history.append(list);
    await paged(list, cursor => get(`/members/${encodeURIComponent(id)}/history`, { cursor, limit: 50 }),
      items => table(null, [t('members.at'), t('members.actor'), t('members.action'), t('members.changes'),
        t('members.reason')], items.map(h => [when(h.at), h.actor, h.action,
        Object.keys(h.changes ?? {}).join(', '), h.reason ?? '']), { class: 'history' }));
  });
}

function entry(term, value) {
  return [el('dt', {}, term), el('dd', {}, value ?? '')];
}
