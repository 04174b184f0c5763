// Sign-in: OpenID Connect authorization code + PKCE (S256) in the page, or the development sign-in where the server
// offers it. Tokens live in this module's memory only: never in localStorage, sessionStorage or a cookie. Only the
// PKCE verifier, the state and the page to come back to cross the provider's redirect, in sessionStorage, and are
// removed on return.

const PENDING = 'accessconsole.sign-in';
const session = { accessToken: null, idToken: null, refreshToken: null, config: null };

export async function loadConfig() {
  const response = await fetch('config.json', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`The console configuration could not be read (HTTP ${response.status}).`);
  session.config = await response.json();
  return session.config;
}

export const config = () => session.config;
export const token = () => session.accessToken;
export const signedIn = () => session.accessToken !== null;

function base64url(bytes) {
  let text = '';
  for (const byte of new Uint8Array(bytes)) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText(length) {
  return base64url(crypto.getRandomValues(new Uint8Array(length)));
}

function redirectUri() {
  return `${location.origin}/console/`;
}

/** Sends the browser to the provider; it comes back to /console/?code=…&state=… */
export async function startProviderSignIn(returnTo) {
  const oidc = session.config.oidc;
  const verifier = randomText(48);
  const state = randomText(24);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const query = new URLSearchParams({
    response_type: 'code', client_id: oidc.client_id, redirect_uri: redirectUri(), scope: oidc.scope,
    state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  location.assign(`${oidc.authorization_endpoint}?${query}`);
}

/**
 * Completes a provider sign-in when the page was opened by the provider's redirect. Returns the hash route to show, or
 * null when this load was no redirect. Throws with the provider's message when it refused.
 */
export async function completeProviderSignIn() {
  const query = new URLSearchParams(location.search);
  if (!query.has('code') && !query.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', redirectUri());
  if (query.has('error')) throw new Error(`Sign-in refused: ${query.get('error_description') || query.get('error')}`);
  if (!pending || pending.state !== query.get('state')) throw new Error('Sign-in failed: the answer does not match this browser\'s request. Try again.');
  await tokenRequest({
    grant_type: 'authorization_code', code: query.get('code'), redirect_uri: redirectUri(),
    client_id: session.config.oidc.client_id, code_verifier: pending.verifier,
  });
  return pending.returnTo || '#/';
}

async function tokenRequest(form) {
  const response = await fetch(session.config.oidc.token_endpoint, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`Sign-in failed: ${body.error_description || body.error || `HTTP ${response.status}`}`);
  session.accessToken = body.access_token;
  session.idToken = body.id_token || session.idToken;
  session.refreshToken = body.refresh_token || null;
}

/** A fresh access token from the provider's refresh token, when there is one; false otherwise. */
export async function refresh() {
  if (!session.refreshToken || !session.config.oidc) return false;
  try {
    await tokenRequest({ grant_type: 'refresh_token', refresh_token: session.refreshToken, client_id: session.config.oidc.client_id });
    return true;
  } catch {
    session.refreshToken = null;
    return false;
  }
}

/** Development servers only: a token minted with the dev key for this email. */
export async function devSignIn(email, name) {
  const response = await fetch('dev-sign-in', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, name }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error?.message || `Sign-in failed (HTTP ${response.status}).`);
  session.accessToken = body.access_token;
  session.idToken = null;
  session.refreshToken = null;
}

/** Forgets the tokens (an expired or refused session), without leaving the page. */
export function forget() {
  session.accessToken = session.idToken = session.refreshToken = null;
}

/** Forgets the tokens; a provider session is ended at the provider too. */
export function signOut() {
  const idToken = session.idToken;
  session.accessToken = session.idToken = session.refreshToken = null;
  const end = session.config?.oidc?.end_session_endpoint;
  if (idToken && end) {
    const query = new URLSearchParams({ id_token_hint: idToken, post_logout_redirect_uri: redirectUri(), client_id: session.config.oidc.client_id });
    location.assign(`${end}?${query}`);
    return true;
  }
  return false;
}
