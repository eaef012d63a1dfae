// An association's sync: upload a CSV member list, see the dry run's per-record results, then apply the same file;
// below, the association's past runs, each with its per-record results as returned then.
import { call, get } from '../api.js';
import { el, field, label, select, show, table, t, when } from '../dom.js';
import { guarded, page, paged, problem } from '../view.js';

const MODES = ['upsert', 'snapshot', 'create-only', 'update-only'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function sync(root, me) {
  const body = el('div');
  page(root, t('sync.title'), body);
  await guarded(body, async () => {
    const [chooser, suggestions] = await associationChooser(me);
    const runs = el('section', { 'aria-label': t('sync.runs') });
    const chosen = () => chooser.value.trim();
    const refresh = () => (UUID.test(chosen()) ? listRuns(runs, chosen()) : show(runs, el('p', {}, t('sync.chooseAssociation'))));
    show(body, field('sync-association', t('sync.association'), chooser), suggestions, upload(chosen, refresh), runs);
    chooser.addEventListener('change', refresh);
    await refresh();
  });
}

/**
 * An association's staff sync their own association: it is fixed. The secretariat may sync any: it types the id, with
 * the national associations known as members offered as suggestions. Answers the control and what goes beside it.
 */
async function associationChooser(me) {
  if (me.associationId) {
    const fixed = select('association', [[me.associationId, me.associationId]], me.associationId);
    fixed.disabled = true;
    return [fixed, null];
  }
  const known = (await get('/members', { kind: 'NATIONAL_ASSOCIATION', limit: 100 })).items;
  const input = el('input', { type: 'text', name: 'association', list: 'sync-associations', size: '38',
    pattern: UUID.source.slice(1, -1), autocomplete: 'off' });
  return [input, el('datalist', { id: 'sync-associations' },
    known.map(a => el('option', { value: a.id }, a.displayName)))];
}

function upload(association, afterApply) {
  const file = el('input', { type: 'file', accept: '.csv,text/csv' });
  const mode = select('mode', MODES.map(m => [m, label(m)]), 'upsert');
  const dryRun = el('button', { type: 'button', id: 'sync-dry-run' }, t('sync.dryRun'));
  const apply = el('button', { type: 'button', id: 'sync-apply', disabled: true, 'aria-describedby': 'sync-apply-hint' },
    t('sync.apply'));
  const outcome = el('div', { id: 'sync-outcome', 'aria-live': 'polite' });
  let checked = null; // the text and mode the last successful dry run saw: only those may be applied
  const reset = () => { checked = null; apply.disabled = true; };
  file.addEventListener('change', reset);
  mode.addEventListener('change', reset);

  async function send(dry) {
    const chosen = file.files[0];
    if (!chosen) return show(outcome, el('p', { role: 'alert' }, t('sync.noFile')));
    const text = dry ? await chosen.text() : checked.text;
    show(outcome, el('p', {}, t('app.loading')));
    try {
      const result = await call('POST', `/associations/${encodeURIComponent(association())}/sync`, {
        query: { mode: mode.value, dryRun: dry }, body: text, contentType: 'text/csv',
        // a repeated click on Apply is the same request: the API answers it once
        headers: dry ? {} : { 'Idempotency-Key': checked.key },
      });
      show(outcome, el('p', { class: 'notice' }, dry ? t('sync.dryRunResult') : t('sync.applied', result.runId)),
        runResult(result));
      if (dry) {
        checked = { text, key: crypto.randomUUID() };
        apply.disabled = false;
      } else {
        reset();
        afterApply();
      }
    } catch (error) {
      show(outcome, problem(error));
    }
  }
  dryRun.addEventListener('click', () => send(true));
  apply.addEventListener('click', () => send(false));
  return el('section', { class: 'upload', 'aria-label': t('sync.upload') }, el('h2', {}, t('sync.upload')),
    field('sync-file', t('sync.file'), file), field('sync-mode', t('sync.mode'), mode),
    el('div', { class: 'actions' }, dryRun, apply), el('p', { id: 'sync-apply-hint', class: 'hint' }, t('sync.applyHint')),
    outcome);
}

/** A run's summary and one row per record: its CSV row, key, result and problems. */
export function runResult(result) {
  const summary = Object.entries(result.summary ?? {}).map(([name, count]) => `${label(name)}: ${count}`).join(', ');
  return el('div', { class: 'run-result' },
    el('p', {}, `${t('sync.summary')}: ${summary}`),
    table(t('sync.records'), [t('sync.row'), t('sync.externalId'), t('sync.result'), t('sync.problems')],
      (result.results ?? []).map(r => [String(r.row ?? r.index ?? ''), r.externalId ?? '', label(r.result),
        r.errors?.length ? el('ul', {}, r.errors.map(e => el('li', {}, `${e.field}: ${e.message}`)))
          : r.changedFields?.length ? t('sync.changed', r.changedFields.join(', ')) : '']),
      { class: 'records' }));
}

async function listRuns(target, association) {
  const detail = el('div', { class: 'run-detail', 'aria-live': 'polite' });
  const list = el('div');
  show(target, el('h2', {}, t('sync.runs')), list, detail);
  const base = `/associations/${encodeURIComponent(association)}/sync/runs`;
  await paged(list, cursor => get(base, { cursor, limit: 20 }), items => items.length === 0
    ? el('p', {}, t('app.none'))
    : table(null, [t('sync.runAt'), t('sync.runBy'), t('sync.runMode'), t('sync.runSummary')], items.map(run => [
      el('button', { type: 'button', class: 'link', 'aria-label': t('sync.openRun', when(run.createdAt)),
        onclick: () => guarded(detail, async () => show(detail, runResult(await get(`${base}/${run.runId}`)))) },
      when(run.createdAt)),
      run.actor, label(run.mode),
      Object.entries(run.summary ?? {}).filter(([, n]) => n > 0).map(([k, n]) => `${label(k)}: ${n}`).join(', ')]),
    { class: 'runs' }));
}
