// The console's shell: sign-in, the organization switcher, the sections the caller's permissions open, and routing
// (#/section/…). What is shown comes from /v1/organizations/me/permissions, never from role names; a section the
// caller may not use is neither listed nor fetched.
import * as auth from './auth.js';
import * as api from './api.js';
import { h, show, field, act, errorBox, onSubmit, successBox } from './ui.js';
import { PAGES } from './pages.js';
import { IDENTITY_PAGES } from './identity.js';
import { SPEND_PAGES } from './spend.js';
import { FEDERATION_PAGES } from './federation.js';
import { WEBHOOK_PAGES } from './webhooks.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');

// CSP violations are counted where tests (and people, in the console) can see them.
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', event => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
});

/** What the signed-in caller is and may do in the chosen organization. */
export const context = {
  me: null,
  organization: null,
  orgPermissions: new Set(),
  roles: [],
  workspaces: [],
  workspacePermissions: new Map(),
  can(permission) { return this.orgPermissions.has(permission); },
  canIn(workspaceId, permission) { return this.workspacePermissions.get(workspaceId)?.has(permission) ?? false; },
  canAnywhere(permission) {
    return this.can(permission) || [...this.workspacePermissions.values()].some(set => set.has(permission));
  },
  workspacesWith(permission) { return this.workspaces.filter(w => this.canIn(w.id, permission)); },
  async refresh() { await loadOrganization(this.organization.id); },
  async reloadMe() { await start(location.hash || '#/'); },
};

export const SECTIONS = [
  { route: 'overview', label: 'Overview', visible: () => true },
  { route: 'members', label: 'Members', visible: c => c.can('members:manage') },
  { route: 'groups', label: 'Groups', visible: c => c.can('members:manage') },
  { route: 'custom-roles', label: 'Custom roles', visible: c => c.can('members:manage') },
  { route: 'identity', label: 'Identity provider', visible: c => c.can('members:manage') },
  { route: 'workspaces', label: 'Workspaces', visible: c => c.can('organization:read') },
  { route: 'keys', label: 'API keys', visible: c => c.canAnywhere('api_keys:read') },
  { route: 'admin-keys', label: 'Admin API keys', visible: c => c.can('admin_keys:manage') },
  { route: 'service-accounts', label: 'Service accounts', visible: c => c.can('members:manage') },
  { route: 'federation', label: 'Workload federation', visible: c => c.can('members:manage') },
  { route: 'usage', label: 'Usage', visible: c => c.canAnywhere('usage:read') },
  { route: 'cost', label: 'Cost', visible: c => c.canAnywhere('cost:read') },
  { route: 'spend-limits', label: 'Spend limits', visible: c => c.can('organization:read') },
  { route: 'billing', label: 'Billing', visible: c => c.can('billing:read') },
  { route: 'audit', label: 'Audit log', visible: c => c.can('audit:read') },
  { route: 'webhooks', label: 'Audit stream', visible: c => c.can('audit:read') },
  { route: 'access', label: 'Access review', visible: c => c.can('access_review:read') },
  { route: 'claude-code', label: 'Claude Code', visible: c => c.can('claude_code:use') },
  { route: 'roles', label: 'Roles', visible: () => true },
];

// a token the server no longer accepts (expired, and no refresh token took its place): sign in again
api.whenUnauthorized(() => {
  auth.forget();
  renderSignIn('Your session ended. Sign in again.');
});

function routeParts() {
  const [section = 'overview', ...rest] = (location.hash.replace(/^#\/?/, '') || 'overview').split('/');
  return { section, rest: rest.map(decodeURIComponent) };
}

async function boot() {
  try {
    await auth.loadConfig();
    const returned = await auth.completeProviderSignIn();
    if (returned) location.hash = returned;
  } catch (error) {
    renderSignIn(error.message);
    return;
  }
  if (!auth.signedIn()) renderSignIn();
  else await start(location.hash || '#/');
}

function renderSignIn(message, signedOut = false) {
  // nothing of the previous person stays in the page: their name, organizations, sections, permissions
  document.getElementById('who').hidden = true;
  document.getElementById('who-email').textContent = '';
  document.getElementById('org-switcher').hidden = true;
  document.getElementById('org-select').replaceChildren();
  nav.hidden = true;
  nav.replaceChildren();
  Object.assign(context, { me: null, organization: null, orgPermissions: new Set(), roles: [], workspaces: [], workspacePermissions: new Map() });
  api.setOrganization(null);
  const config = auth.config() || {};
  const panel = h('div', { class: 'panel' });
  if (config.oidc) {
    panel.append(h('button', { type: 'button', id: 'provider-sign-in', onclick: () => auth.startProviderSignIn(location.hash || '#/') },
      'Sign in with your organization\'s identity provider'));
  }
  if (config.dev_sign_in) {
    const email = h('input', { type: 'email', id: 'dev-email', required: true, autocomplete: 'email' });
    const name = h('input', { type: 'text', id: 'dev-name', autocomplete: 'name' });
    const form = h('form', { id: 'dev-sign-in' },
      h('h2', {}, 'Development sign-in'),
      h('p', { class: 'muted' }, 'This server was built for development: it signs anyone in as the email given.'),
      field('Email', email), field('Name (optional)', name),
      h('button', { type: 'submit' }, 'Sign in (development)'));
    onSubmit(form, async () => {
      await auth.devSignIn(email.value.trim(), name.value.trim());
      await start(location.hash || '#/');
    });
    panel.append(form);
  }
  if (!config.oidc && !config.dev_sign_in) {
    panel.append(h('p', {}, 'No sign-in is configured on this server: set ACCESSCONSOLE_OIDC_ISSUER (see the README).'));
  }
  show(main, h('section', { class: 'sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in to Access Console'),
    message ? (signedOut ? successBox(message) : errorBox({ message })) : null, panel));
}

async function start(hash) {
  const me = await act(main, () => api.call('/me', { organization: false }));
  if (!me) return;
  context.me = me;
  document.getElementById('who-email').textContent = me.email || me.name || me.id;
  document.getElementById('who').hidden = false;
  const signOut = document.getElementById('sign-out');
  signOut.onclick = () => { if (!auth.signOut()) renderSignIn('You are signed out.', true); };
  const switcher = document.getElementById('org-select');
  switcher.replaceChildren(...me.organizations.map(o => h('option', { value: o.id }, `${o.name} (${o.role})`)));
  document.getElementById('org-switcher').hidden = me.organizations.length === 0;
  switcher.onchange = async () => {
    if (await loadOrganization(switcher.value)) { location.hash = '#/overview'; render(); }
  };
  const keep = context.organization && me.organizations.find(o => o.id === context.organization.id);
  if (me.organizations.length) {
    // a switch made while this first load runs supersedes it and renders its own organization
    if (!await loadOrganization((keep || me.organizations[0]).id)) return;
  } else {
    context.organization = null;
  }
  if (location.hash !== hash) location.hash = hash; else render();
}

let loads = 0;

/**
 * Loads an organization's permissions and workspaces; answers false when a later load (the person switched
 * organization meanwhile) superseded it. Every call names the organization: a switch never redirects a load's calls.
 */
async function loadOrganization(id) {
  const load = ++loads;
  api.setOrganization(id);
  context.organization = context.me.organizations.find(o => o.id === id);
  document.getElementById('org-select').value = id;
  const permissions = await api.call('/organizations/me/permissions', { organization: id });
  const workspaces = await api.all('/organizations/workspaces', { include_default: true }, 1000, id);
  // one call per workspace, for the first 100 (past them the page shows no workspace-level controls)
  const asked = workspaces.slice(0, 100);
  const each = await Promise.all(asked.map(w =>
    api.call('/organizations/me/permissions', { params: { workspace_id: w.id }, organization: id }).catch(() => ({ permissions: [] }))));
  if (load !== loads) return false;
  context.orgPermissions = new Set(permissions.permissions);
  context.roles = permissions.roles || [];
  context.workspaces = workspaces;
  context.workspacePermissions = new Map(asked.map((w, i) => [w.id, new Set(each[i].permissions)]));
  return true;
}

function renderNav(current) {
  const visible = SECTIONS.filter(s => s.visible(context));
  show(nav, visible.map(s => h('a', { href: `#/${s.route}`, 'aria-current': s.route === current ? 'page' : null, id: `nav-${s.route}` }, s.label)));
  nav.hidden = false;
}

async function render() {
  if (!auth.signedIn() || !context.me) return;
  const { section, rest } = routeParts();
  if (section === 'accept') {
    nav.hidden = !context.organization;
    return PAGES.accept(main, context, rest);
  }
  if (!context.organization) {
    nav.hidden = true;
    return PAGES.welcome(main, context);
  }
  renderNav(section);
  const known = SECTIONS.find(s => s.route === section);
  if (!known || !known.visible(context)) {
    show(main, h('h1', {}, 'Not available'), h('p', {}, 'This page does not exist, or your permissions in this organization do not include it.'));
    return;
  }
  main.replaceChildren();
  await (PAGES[section] || IDENTITY_PAGES[section] || SPEND_PAGES[section] || FEDERATION_PAGES[section] || WEBHOOK_PAGES[section])(main, context, rest);
  main.focus();
}

window.addEventListener('hashchange', render);
boot();
