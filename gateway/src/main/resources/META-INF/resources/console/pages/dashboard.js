// The sector at a glance, from the statistics API: members by country, size class and kind today, and the joins
// and lapses of the last twelve months. Each chart has its table; the API scopes an association's staff to its own.
import { get } from '../api.js';
import { bars, canvas, lines } from '../charts.js';
import { el, label, table, t } from '../dom.js';
import { guarded, page } from '../view.js';

const MONTHS = 12;

export async function dashboard(root, me) {
  const scope = el('p', {}, me.roles.includes('platform-admin') ? t('dashboard.scopeAll') : t('dashboard.scopeAssociation'));
  const body = el('div', { class: 'dashboard' });
  page(root, t('dashboard.title'), scope, body);
  await guarded(body, async () => {
    const { from, to } = lastMonths(MONTHS);
    const [counts, movements] = await Promise.all([
      get('/statistics/members'),
      get('/statistics/members/monthly', { from, to }),
    ]);
    body.append(
      el('p', { class: 'total' }, `${t('dashboard.total')}: `, el('strong', { id: 'total-members' }, counts.total)),
      breakdown('country', t('dashboard.byCountry'), counts.byCountry, v => v),
      breakdown('size-class', t('dashboard.bySizeClass'), counts.bySizeClass, label),
      breakdown('kind', t('dashboard.byKind'), counts.byKind, label),
      monthly(movements));
  });
}

/** One dimension of today's counts: a bar chart and its table (data-dimension names it for tests and styles). */
function breakdown(dimension, title, counts, name) {
  const entries = Object.entries(counts ?? {});
  const chart = canvas();
  const section = el('section', { class: 'breakdown', 'aria-label': title },
    el('h2', {}, title), chart,
    table(title, [title, t('dashboard.count')],
      entries.map(([key, count]) => [name(key), String(count)]),
      { 'data-dimension': dimension, 'data-keys': entries.map(([key]) => key).join(',') }));
  requestAnimationFrame(() => bars(chart, entries.map(([key]) => name(key)), entries.map(([, count]) => count)));
  return section;
}

function monthly(movements) {
  const title = t('dashboard.monthly', movements.from, movements.to);
  const months = movements.months ?? [];
  const chart = canvas();
  requestAnimationFrame(() => lines(chart, months.map(m => m.month), [
    { name: t('dashboard.joins'), values: months.map(m => m.joins) },
    { name: t('dashboard.lapses'), values: months.map(m => m.lapses) },
  ]));
  return el('section', { class: 'monthly', 'aria-label': title }, el('h2', {}, title), chart,
    table(title, [t('dashboard.month'), t('dashboard.joins'), t('dashboard.lapses'), t('dashboard.terminations'),
      t('dashboard.reactivations')],
    months.map(m => [m.month, String(m.joins), String(m.lapses), String(m.terminations), String(m.reactivations)]),
    { 'data-dimension': 'monthly' }));
}

/** The range of the last n UTC months, this one included, as YYYY-MM. */
function lastMonths(n) {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (n - 1), 1));
  const month = d => d.toISOString().slice(0, 7);
  return { from: month(start), to: month(now) };
}
