// What every page shows the same way: a page's heading, an API error, a list read page by page.
import { el, show, t } from './dom.js';

/** A page: its heading (focused on arrival, so keyboard and screen-reader users land on it) and its parts. */
export function page(root, title, ...parts) {
  const heading = el('h1', { tabindex: '-1' }, title);
  show(root, heading, ...parts);
  heading.focus();
  return root;
}

/** An API error as the user reads it: the problem's title and detail, and each field's message. */
export function problem(error) {
  const p = error.problem ?? {};
  const status = error.status === 403 ? t('app.notAllowed') : null;
  return el('div', { class: 'problem', role: 'alert' },
    el('p', {}, status ?? t('app.error', [p.title, p.detail].filter(Boolean).join(': ') || error.message)),
    Array.isArray(p.errors) && p.errors.length
      ? el('ul', {}, p.errors.map(e => el('li', {}, `${e.field}: ${e.message}`))) : null);
}

/**
 * A list read a page at a time (the API's cursor paging): load(cursor) answers {items, next}; render(items) makes
 * the nodes to add. A "Load more" button stays while there is a next page.
 */
export async function paged(target, load, render) {
  const more = el('button', { type: 'button', class: 'more' }, t('app.more'));
  const body = el('div');
  show(target, body);
  let cursor = null;
  async function next() {
    more.remove();
    try {
      const pageOf = await load(cursor);
      body.append(...[render(pageOf.items ?? [])].flat());
      cursor = pageOf.next ?? null;
      if (cursor) target.append(more);
    } catch (error) {
      target.append(problem(error));
    }
  }
  more.addEventListener('click', next);
  await next();
}

/** Runs work(), showing its error in target instead of leaving the page half drawn. */
export async function guarded(target, work) {
  try {
    await work();
  } catch (error) {
    target.append(problem(error));
  }
}
