// The console's start: sign in, learn who the user is (GET /api/v1/me), offer the pages the user's roles allow and
// show the one the address names (#/members, #/members/{id}, ...).
import { get } from './api.js';
import { signIn, signOut, start } from './auth.js';
import { el, show, t } from './dom.js';
import { campaigns } from './pages/campaigns.js';
import { dashboard } from './pages/dashboard.js';
import { deliveries } from './pages/deliveries.js';
import { member, members } from './pages/members.js';
import { sync } from './pages/sync.js';
import { problem } from './view.js';

const SECRETARIAT = 'platform-admin';
const ASSOCIATION = 'association-admin';
const MEMBER = 'member-admin';

// which roles see a page in the menu; the API still decides what each call may read
const PAGES = [
  { route: 'dashboard', title: 'nav.dashboard', roles: [SECRETARIAT, ASSOCIATION], render: dashboard },
  { route: 'members', title: 'nav.members', roles: [SECRETARIAT, ASSOCIATION, MEMBER], render: members },
  { route: 'sync', title: 'nav.sync', roles: [SECRETARIAT, ASSOCIATION], render: sync },
  { route: 'campaigns', title: 'nav.campaigns', roles: [SECRETARIAT, ASSOCIATION, MEMBER], render: campaigns },
  { route: 'deliveries', title: 'nav.deliveries', roles: [SECRETARIAT], render: deliveries },
];

const main = document.getElementById('main');

async function boot() {
  document.title = t('app.title');
  const skip = document.querySelector('.skip');
  skip.textContent = t('app.skip');
  // the address's hash names the page: the skip link moves the focus without changing it
  skip.addEventListener('click', event => {
    event.preventDefault();
    main.focus();
  });
  show(main, el('p', {}, t('app.signingIn')));
  const config = await (await fetch('/console/config.json')).json();
  try {
    if (!await start(config)) {
      await signIn();
      return;
    }
  } catch (error) {
    show(main, el('p', { role: 'alert' }, t('app.signInFailed', error.message)),
      el('button', { type: 'button', onclick: () => signIn() }, t('app.signIn')));
    return;
  }
  let me;
  try {
    me = await get('/me');
  } catch (error) {
    show(main, problem(error));
    return;
  }
  const allowed = PAGES.filter(p => p.roles.some(role => me.roles.includes(role)));
  menu(allowed, me);
  window.addEventListener('hashchange', () => route(allowed, me));
  await route(allowed, me);
}

function menu(allowed, me) {
  show(document.getElementById('nav'), el('ul', { 'aria-label': t('nav.label') },
    allowed.map(p => el('li', {}, el('a', { href: `#/${p.route}`, 'data-route': p.route }, t(p.title))))));
  show(document.getElementById('user'), el('span', { id: 'signed-in-as' }, t('app.signedInAs', me.username)),
    el('button', { type: 'button', id: 'sign-out', onclick: signOut }, t('app.signOut')));
}

async function route(allowed, me) {
  const [name, id] = location.hash.replace(/^#\/?/, '').split('/');
  const current = allowed.find(p => p.route === name) ?? allowed[0];
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.route === current?.route) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  // busy until the page has all it asked the API for: assistive technology (and the browser tests) wait for it
  main.setAttribute('aria-busy', 'true');
  try {
    if (!current) {
      show(main, el('p', { role: 'alert' }, t('app.notAllowed')));
    } else if (current.route === 'members' && id) {
      await member(main, me, decodeURIComponent(id));
    } else {
      await current.render(main, me);
    }
  } finally {
    main.removeAttribute('aria-busy');
  }
}

boot();
