// The one way the console talks to the server: the same /v1 API, with the caller's bearer token. Errors come back as
// ApiError carrying the API's own message, error type and missing permission.
import * as auth from './auth.js';

export class ApiError extends Error {
  constructor(status, body) {
    const error = body?.error || {};
    super(error.message || `The server answered HTTP ${status}.`);
    this.status = status;
    this.type = error.type;
    this.code = error.details?.error_code;
    this.permission = error.details?.permission;
    this.requestId = body?.request_id;
  }
}

let organizationId = null;
let busy = 0;
let onUnauthorized = () => {};

export function setOrganization(id) { organizationId = id; }
export function whenUnauthorized(handler) { onUnauthorized = handler; }

function progress(delta) {
  busy += delta;
  const indicator = document.getElementById('progress');
  if (indicator) indicator.hidden = busy <= 0;
  document.getElementById('main')?.setAttribute('aria-busy', String(busy > 0));
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === undefined || value === null || value === '') continue;
    for (const one of Array.isArray(value) ? value : [value]) search.append(key, one);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Calls the API; resolves with the JSON (or text for CSV), rejects with ApiError. {@code organization}: true for the
 * current organization, false for none, or an organization id (a load that must not follow a switch made meanwhile).
 */
export async function call(path, { method = 'GET', body, params, accept = 'application/json', organization = true, retried = false } = {}) {
  const headers = { accept, authorization: `Bearer ${auth.token()}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const orgHeader = typeof organization === 'string' ? organization : organization ? organizationId : null;
  if (orgHeader) headers['anthropic-organization-id'] = orgHeader;
  progress(1);
  let response;
  try {
    response = await fetch(`/v1${path}${query(params)}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (unreachable) {
    throw new ApiError(0, { error: { message: 'The server cannot be reached. Check your connection and try again.' } });
  } finally {
    progress(-1);
  }
  if (response.status === 401 && !retried && await auth.refresh()) {
    return call(path, { method, body, params, accept, organization, retried: true });
  }
  const text = await response.text();
  if (!response.ok) {
    let parsed = null;
    try { parsed = JSON.parse(text); } catch { /* not the API's error shape */ }
    const error = new ApiError(response.status, parsed);
    if (response.status === 401) onUnauthorized(error);
    throw error;
  }
  if (accept !== 'application/json') return text;
  return text ? JSON.parse(text) : null;
}

/** One page of a list ({data, has_more, first_id, last_id} or {data, has_more, next_page}). */
export const page = (path, params) => call(path, { params });

/** Every item of a cursor list (after_id / last_id, or page / next_page), up to max. */
export async function all(path, params = {}, max = 1000, organization = true) {
  const items = [];
  let cursor = {};
  for (;;) {
    const result = await call(path, { params: { ...params, limit: 100, ...cursor }, organization });
    items.push(...result.data);
    if (!result.has_more || items.length >= max) return items;
    cursor = 'next_page' in result ? { page: result.next_page } : { after_id: result.last_id };
  }
}

/** Every bucket of a report paged with page / next_page. */
export async function report(path, params) {
  const buckets = [];
  let next;
  for (let pages = 0; pages < 50; pages++) {
    const result = await call(path, { params: { ...params, page: next } });
    buckets.push(...result.data);
    if (!result.has_more || !result.next_page) break;
    next = result.next_page;
  }
  return buckets;
}
