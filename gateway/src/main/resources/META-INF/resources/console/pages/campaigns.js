// Campaigns and their counters. The secretariat sees every campaign and its signature figures; everyone else the
// published campaigns and their public counters, as the public would.
import { get } from '../api.js';
import { el, label, show, table, t } from '../dom.js';
import { guarded, page, paged } from '../view.js';

export async function campaigns(root, me) {
  const secretariat = me.roles.includes('platform-admin');
  const list = el('div');
  const detail = el('section', { class: 'counters', 'aria-live': 'polite' });
  page(root, t('campaigns.title'), secretariat ? null : el('p', {}, t('campaigns.publicOnly')), list, detail);
  await paged(list, cursor => get(secretariat ? '/campaigns' : '/campaigns/public', { cursor, limit: 50 }),
    items => items.length === 0 ? el('p', {}, t('app.none')) : table(null,
      [t('campaigns.campaign'), t('campaigns.status'), t('campaigns.signatures'), t('campaigns.goal')],
      items.map(c => [
        el('button', { type: 'button', class: 'link', 'aria-label': t('campaigns.open', c.title),
          onclick: () => counters(detail, c, secretariat) }, c.title),
        label(c.status), String(c.signatureCount ?? ''), c.goal == null ? '' : String(c.goal)]),
      { class: 'campaigns' }));
}

async function counters(target, campaign, secretariat) {
  const title = t('campaigns.counters', campaign.title);
  show(target, el('h2', {}, title));
  await guarded(target, async () => {
    const figures = secretariat ? await get(`/campaigns/${encodeURIComponent(campaign.id)}/stats`)
      : await get(`/campaigns/public/${encodeURIComponent(campaign.slug)}/counters`);
    target.append(
      el('p', {}, `${t('campaigns.signatures')}: `, el('strong', {}, String(figures.total))),
      breakdown(t('campaigns.byCountry'), figures.byCountry),
      secretariat ? breakdown(t('campaigns.byAssociation'), figures.byAssociation)
        : breakdown(t('campaigns.bySizeClass'), figures.bySizeClass, label));
  });
}

function breakdown(title, counts, name = v => v) {
  return table(title, [title, t('campaigns.signatures')],
    Object.entries(counts ?? {}).map(([key, n]) => [name(key), String(n)]));
}
