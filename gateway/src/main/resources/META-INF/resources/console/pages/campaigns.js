// Campaigns and their counters. The secretariat sees every campaign and its signature figures; everyone else the
// published campaigns and their public counters, as the public would. The secretariat and an association's staff
// also see a campaign's participation: against the sector's ACTIVE members (the association's own, for its staff),
// how many the campaign's rules admit and how many of those signed, by country and by size class.
import { get } from '../api.js';
import { bars, canvas } from '../charts.js';
import { el, label, show, table, t } from '../dom.js';
import { guarded, page, paged } from '../view.js';

export async function campaigns(root, me) {
  const secretariat = me.roles.includes('platform-admin');
  // the API answers participation to these two roles only; a member's own staff would get a 403
  const participates = secretariat || me.roles.includes('association-admin');
  const list = el('div');
  const detail = el('section', { class: 'counters', 'aria-live': 'polite' });
  page(root, t('campaigns.title'), secretariat ? null : el('p', {}, t('campaigns.publicOnly')), list, detail);
  await paged(list, cursor => get(secretariat ? '/campaigns' : '/campaigns/public', { cursor, limit: 50 }),
    items => items.length === 0 ? el('p', {}, t('app.none')) : table(null,
      [t('campaigns.campaign'), t('campaigns.status'), t('campaigns.signatures'), t('campaigns.goal')],
      items.map(c => [
        el('button', { type: 'button', class: 'link', 'aria-label': t('campaigns.open', c.title),
          'data-campaign': c.id, onclick: () => counters(detail, c, secretariat, participates) }, c.title),
        label(c.status), String(c.signatureCount ?? ''), c.goal == null ? '' : String(c.goal)]),
      { class: 'campaigns' }));
}

async function counters(target, campaign, secretariat, participates) {
  const title = t('campaigns.counters', campaign.title);
  // the heading takes the focus: a keyboard user lands on what the button opened, below the list
  const heading = el('h2', { tabindex: '-1' }, title);
  show(target, heading);
  target.setAttribute('aria-busy', 'true');
  try {
    await guarded(target, async () => {
      const [figures, participation] = await Promise.all([
        secretariat ? get(`/campaigns/${encodeURIComponent(campaign.id)}/stats`)
          : get(`/campaigns/public/${encodeURIComponent(campaign.slug)}/counters`),
        participates ? get(`/campaigns/${encodeURIComponent(campaign.id)}/participation`) : null,
      ]);
      target.append(
        el('p', {}, `${t('campaigns.signatures')}: `, el('strong', {}, String(figures.total))),
        breakdown(t('campaigns.byCountry'), figures.byCountry),
        secretariat ? breakdown(t('campaigns.byAssociation'), figures.byAssociation)
          : breakdown(t('campaigns.bySizeClass'), figures.bySizeClass, label),
        participation ? participationOf(participation) : null);
    });
  } finally {
    target.removeAttribute('aria-busy');
    heading.focus();
  }
}

function breakdown(title, counts, name = v => v) {
  return table(title, [title, t('campaigns.signatures')],
    Object.entries(counts ?? {}).map(([key, n]) => [name(key), String(n)]));
}

/** The participation section: the total, a chart of the share that signed per country, and a table per dimension. */
function participationOf(figures) {
  const scope = figures.association ? t('participation.scopeAssociation') : t('participation.scopeAll');
  const countries = Object.entries(figures.byCountry ?? {});
  const chart = canvas();
  requestAnimationFrame(() => bars(chart, countries.map(([country]) => country),
    countries.map(([, cell]) => percent(cell.share) ?? 0), { suffix: ' %', max: 100 }));
  const total = figures.total ?? {};
  return el('section', { class: 'participation', 'aria-labelledby': 'participation-title' },
    el('h3', { id: 'participation-title' }, t('participation.title')),
    el('p', {}, scope),
    el('p', { class: 'total', id: 'participation-total' }, t('participation.total', total.signed, total.eligible,
      share(total.share), total.members)),
    // the chart's title is for the eye, like the chart: the tables below say the same to everyone
    el('p', { class: 'chart-title', 'aria-hidden': 'true' }, t('participation.chart')),
    chart,
    shares('country', t('participation.byCountry'), t('participation.country'), countries, v => v),
    shares('size-class', t('participation.bySizeClass'), t('participation.sizeClass'),
      Object.entries(figures.bySizeClass ?? {}), label));
}

/** One dimension's cells as a table; data-keys keeps the API's keys in row order, whatever label a row shows. */
function shares(dimension, caption, heading, cells, name) {
  return table(caption, [heading, t('participation.members'), t('participation.eligible'), t('participation.signed'),
    t('participation.share')],
  cells.map(([key, cell]) => [name(key), String(cell.members), String(cell.eligible), String(cell.signed),
    share(cell.share)]),
  { class: 'shares', 'data-dimension': `participation-${dimension}`, 'data-keys': cells.map(([key]) => key).join(',') });
}

/** signed / eligible (0..1, 4 decimals) as a percentage with at most 2 decimals; null when none is eligible. */
function percent(value) {
  return value == null ? null : Number((value * 100).toFixed(2));
}

function share(value) {
  const p = percent(value);
  return p == null ? t('participation.noneEligible') : t('participation.percent', p);
}
