// Building the page from API data without ever parsing it as HTML: text goes in as text nodes, attributes one by one.
import messages from './i18n/en.js';

/** The message under key, {0}, {1} ... replaced by args; the key itself when the catalogue lacks it. */
export function t(key, ...args) {
  const text = messages[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

/** An enum value's label (COMPANY: Company), the value itself when none is known. */
export function label(value) {
  return value == null ? '' : (messages[`enum.${value}`] ?? String(value));
}

/**
 * An element: attrs are attributes (on* entries are listeners, false/null ones are left out), children are nodes,
 * strings or numbers (as text), arrays of those, or null (skipped).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child == null) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside node with children. */
export function show(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/**
 * A table: headers are texts, rows arrays of cells (texts or nodes); the first cell of a row heads it. rowAttrs(i)
 * gives row i's attributes (e.g. the id of what it shows, so that the row can be found again and redrawn).
 */
export function table(caption, headers, rows, attrs = {}, rowAttrs = () => ({})) {
  return el('table', attrs,
    caption ? el('caption', {}, caption) : null,
    el('thead', {}, el('tr', {}, headers.map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.map((cells, r) => row(cells, rowAttrs(r)))));
}

/** One body row of table(): the first cell heads it. */
export function row(cells, attrs = {}) {
  return el('tr', attrs, cells.map((cell, i) => i === 0 ? el('th', { scope: 'row' }, cell) : el('td', {}, cell)));
}

/** A labelled form field: the label names the control, as screen readers and keyboard users need. */
export function field(id, text, control) {
  control.id = id;
  return el('div', { class: 'field' }, el('label', { for: id }, text), control);
}

/** A select of options [value, text]; the first is chosen unless selected names another. */
export function select(name, options, selected) {
  return el('select', { name }, options.map(([value, text]) =>
    el('option', { value, selected: value === selected }, text)));
}

/** A time as the user's locale writes it. */
export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}
