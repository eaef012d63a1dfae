// The public REST API through the gateway, as any frontend calls it: bearer token, JSON, problem+json errors.
import { accessToken, signIn } from './auth.js';
import { t } from './dom.js';

/** An answer other than 2xx: its RFC 9457 problem (title, detail, errors[]) when the API sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail ?? problem.title ?? String(status));
    this.status = status;
    this.problem = problem;
  }
}

/**
 * Calls path (under /api/v1) with the user's token. query: parameters (empty ones left out); body: JSON unless
 * contentType says otherwise; headers: extra ones. Answers the parsed JSON, or null for an empty body.
 */
export async function call(method, path, { query = {}, body, contentType = 'application/json', headers = {} } = {}) {
  const url = new URL(`/api/v1${path}`, location.origin);
  for (const [name, value] of Object.entries(query)) {
    if (value != null && value !== '') url.searchParams.set(name, value);
  }
  let response = await send(url, method, await tokenOrSignIn(), body, contentType, headers);
  if (response.status === 401) {
    // refused although renewed in time (revoked, or the clock ran ahead): renew once more and try again, once
    response = await send(url, method, await tokenOrSignIn({ renew: true }), body, contentType, headers);
  }
  const text = await response.text();
  const json = text ? safeJson(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, json ?? { title: response.statusText });
  }
  return json;
}

/** A current token; without one (the Keycloak session ended) the page leaves for Keycloak's sign-in and never goes on. */
async function tokenOrSignIn(options) {
  const token = await accessToken(options);
  if (!token) {
    await signIn();
    return new Promise(() => {}); // the page is leaving for Keycloak
  }
  return token;
}

async function send(url, method, token, body, contentType, headers) {
  const init = { method, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = contentType;
    init.body = contentType === 'application/json' ? JSON.stringify(body) : body;
  }
  try {
    return await fetch(url, init);
  } catch {
    throw new ApiError(0, { title: t('app.networkError') });
  }
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text };
  }
}

export const get = (path, query) => call('GET', path, { query });
