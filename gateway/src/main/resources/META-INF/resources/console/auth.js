// Sign-in at the realm with authorization code + PKCE (S256), as a public client. The tokens live in this module's
// memory only: never in localStorage, where any script of the origin could read them after the tab is gone. Only the
// PKCE verifier and state cross the round trip to Keycloak, in sessionStorage, and are removed on return.
const PENDING = 'impala.console.signin';
// a token is renewed this long before it expires, or after three quarters of its life when it lives less than 2 min
const EARLY_MS = 30_000;

let settings = null;
let tokens = null;
let refreshing = null; // the one refresh under way: the calls of a page that need it at once share it
let leaving = null; // the one trip to Keycloak's sign-in under way

function endpoint(name) {
  return `${settings.keycloakUrl}/protocol/openid-connect/${name}`;
}

function redirectUri() {
  return `${location.origin}/console/`;
}

function randomText(bytes) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(buffer) {
  return btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Reads the console's settings and, when Keycloak has just sent the user back, finishes the sign-in. */
export async function start(config) {
  settings = config;
  const params = new URLSearchParams(location.search);
  if (params.has('code') || params.has('error')) {
    await finish(params);
  }
  return tokens !== null;
}

/**
 * Off to Keycloak's login page; it comes back to /console/ with a code. Calls that find no token at the same time all
 * lead to the one round trip (a second would overwrite the first's verifier).
 */
export function signIn() {
  leaving ??= redirect();
  return leaving;
}

async function redirect() {
  const verifier = randomText(48);
  const state = randomText(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, route: location.hash }));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const url = new URL(endpoint('auth'));
  url.search = new URLSearchParams({
    client_id: settings.clientId, redirect_uri: redirectUri(), response_type: 'code', scope: 'openid',
    state, code_challenge: challenge, code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

async function finish(params) {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
  sessionStorage.removeItem(PENDING);
  // the code leaves the address bar at once: it must not stay in the history
  history.replaceState(null, '', `/console/${pending?.route ?? ''}`);
  if (params.has('error')) {
    throw new Error(params.get('error_description') ?? params.get('error'));
  }
  if (!pending || pending.state !== params.get('state')) {
    throw new Error('state mismatch');
  }
  await exchange({
    grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
    client_id: settings.clientId, code_verifier: pending.verifier,
  });
}

async function exchange(form) {
  const response = await fetch(endpoint('token'), {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    tokens = null;
    throw new Error(body.error_description ?? `Keycloak answered ${response.status}`);
  }
  // by this page's clock, not the token's exp: a browser whose clock is off still renews in time
  const lifetime = body.expires_in * 1000;
  tokens = {
    access: body.access_token, refresh: body.refresh_token, id: body.id_token,
    renewAt: Date.now() + lifetime - Math.min(EARLY_MS, lifetime / 4),
  };
}

/**
 * A current access token, refreshed with the refresh token shortly before it expires (or at once when renew is set:
 * the API refused the one it had); null when the user must sign in again: the Keycloak session has ended, and with
 * it the refresh token.
 */
export async function accessToken({ renew = false } = {}) {
  if (tokens && (renew || Date.now() > tokens.renewAt)) {
    refreshing ??= exchange({ grant_type: 'refresh_token', refresh_token: tokens.refresh, client_id: settings.clientId })
      .catch(() => { tokens = null; })
      .finally(() => { refreshing = null; });
    await refreshing;
  }
  return tokens?.access ?? null;
}

/** Ends the Keycloak session too, then comes back to the console's start. */
export function signOut() {
  const url = new URL(endpoint('logout'));
  url.search = new URLSearchParams({
    client_id: settings.clientId, post_logout_redirect_uri: redirectUri(), id_token_hint: tokens?.id ?? '',
  }).toString();
  tokens = null;
  location.assign(url.toString());
}
